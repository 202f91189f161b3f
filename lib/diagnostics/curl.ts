import "server-only";
import { DataValueType, FEATURE_CODE } from "@/lib/contract/creatio";
import { equals, featureIdSelectBody, selectBody } from "@/lib/creatio";
import type { CallRecord } from "@/lib/creatio/types";
import { IDENTITY_SETTING_CODES, LEGACY_IDENTITY_SETTING_CODES } from "@/lib/creatio/types";
import { RIGHTS, type RightsCheckId } from "./rights";
import type { CheckGroupId, CheckId } from "./types";

// "Copy as curl" for a failed request: the request as the wizard sent it, rebuilt from its method and URL
// and the check it belongs to, with every secret replaced by a placeholder the support engineer fills in.

export const PLACEHOLDERS = {
  password: "<PASSWORD>",
  clientSecret: "<CLIENT_SECRET>",
  cookies: "<CREATIO_COOKIES>",
  csrf: "<CSRF_TOKEN>",
  caFile: "<CA_CERTIFICATE_FILE>",
  accessToken: "<ACCESS_TOKEN>",
} as const;

export interface CurlContext {
  group: CheckGroupId;
  check: CheckId;
  userName: string | null;
  clientId: string | null;
  /** Name of the CSRF header Creatio expects (BPMCSRF or CRT_CSRF). */
  csrfHeader: string;
  /** The connection used a CA or pinned certificate given to the wizard. */
  customTrust: boolean;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Calls made before signing in, or to anonymous pages: no cookie or CSRF header. */
const ANONYMOUS_CHECKS: readonly CheckId[] = ["dns", "tcp", "tls", "http", "creatio", "login"];

function jsonBodyFor(path: string, ctx: CurlContext): unknown {
  if (/\/ServiceModel\/AuthService\.svc\/Login$/i.test(path)) {
    return { UserName: ctx.userName ?? "<USER_NAME>", UserPassword: PLACEHOLDERS.password };
  }
  if (/\/DataService\/json\/SyncReply\/SelectQuery$/i.test(path)) {
    return ctx.check === "default-resource"
      ? selectBody({
          rootSchemaName: "OAuthResource",
          columns: ["Id", "Name"],
          where: [equals("IsDefault", DataValueType.BOOLEAN, true)],
          rowCount: 10,
        })
      : featureIdSelectBody();
  }
  if (/\/QuerySysSettings$/i.test(path)) {
    return { sysSettingsNameCollection: [...IDENTITY_SETTING_CODES, ...LEGACY_IDENTITY_SETTING_CODES] };
  }
  if (/\/FeatureService\/GetFeatureState$/i.test(path)) return { code: FEATURE_CODE };
  if (/\/RightsService\/GetCanExecuteOperation$/i.test(path) && ctx.check in RIGHTS) {
    return { operation: RIGHTS[ctx.check as RightsCheckId].operation };
  }
  return {};
}

/** The curl command for one call, or null for DNS/TCP/TLS steps (no HTTP request to repeat). */
export function curlFor(call: CallRecord, ctx: CurlContext): string | null {
  if (call.method !== "GET" && call.method !== "POST") return null;
  let path: string;
  try {
    path = new URL(call.url).pathname;
  } catch {
    return null;
  }
  const parts = ["curl", "-i"];
  if (ctx.customTrust) parts.push("--cacert", PLACEHOLDERS.caFile);
  if (call.method === "POST") parts.push("-X", "POST");
  parts.push(quote(call.url));

  if (/\/connect\/token$/i.test(path)) {
    parts.push(
      "-H",
      quote("Content-Type: application/x-www-form-urlencoded"),
      "-H",
      quote("Accept: application/json"),
      "--data-urlencode",
      quote("grant_type=client_credentials"),
      "--data-urlencode",
      quote(`client_id=${ctx.clientId ?? "<CLIENT_ID>"}`),
      "--data-urlencode",
      quote(`client_secret=${PLACEHOLDERS.clientSecret}`),
    );
    return parts.join(" ");
  }
  if (ctx.group === "proof" && ctx.check === "proof-accepted") {
    // The proof's read sends only the temporary app's token: no cookie, no CSRF header (§4.6 step 5).
    parts.push(
      "-H",
      quote("Accept: application/json"),
      "-H",
      quote(`Authorization: Bearer ${PLACEHOLDERS.accessToken}`),
      "-H",
      quote("Content-Type: application/json"),
      "--data-raw",
      quote(JSON.stringify(featureIdSelectBody())),
    );
    return parts.join(" ");
  }
  if (ctx.group === "identity-from-wizard") {
    parts.push("-H", quote("Accept: application/json"));
    return parts.join(" ");
  }
  const isLogin = /\/ServiceModel\/AuthService\.svc\/Login$/i.test(path);
  if (call.method === "POST" || !ANONYMOUS_CHECKS.includes(ctx.check)) {
    parts.push("-H", quote("Accept: application/json"));
  }
  if (isLogin) parts.push("-H", quote("ForceUseSession: true"));
  if (!ANONYMOUS_CHECKS.includes(ctx.check)) {
    parts.push(
      "-H",
      quote(`Cookie: ${PLACEHOLDERS.cookies}`),
      "-H",
      quote(`${ctx.csrfHeader}: ${PLACEHOLDERS.csrf}`),
    );
  }
  if (call.method === "POST") {
    parts.push(
      "-H",
      quote("Content-Type: application/json"),
      "--data-raw",
      quote(JSON.stringify(jsonBodyFor(path, ctx))),
    );
  }
  return parts.join(" ");
}
