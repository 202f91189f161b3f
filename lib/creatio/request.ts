import "server-only";
import type { CookieJar } from "tough-cookie";
import type { z } from "zod";
import type { ErrorCode, WizardError } from "@/lib/errors";
import { type ErrorDetails, wizardError } from "@/lib/errors";
import { type CallRecorder, type ReadSharing, sendWithinRequest } from "@/lib/transport";
import { serviceFaultSchema } from "./schemas";
import type { CallRecord, TlsTrust } from "./types";

// Creatio's HTTP conventions on top of the transport: cookie jar, CSRF header, login-page
// redirects, HTML where JSON was expected, and the mapping of each answer to an error.

/** Everything a call to one Creatio needs. The jar is the session; the recorder lists the calls. */
export interface CreatioConnection {
  baseUrl: string;
  prefix: "/0" | "";
  jar: CookieJar;
  trust?: TlsTrust;
  recorder: CallRecorder;
  /** Per-call timeout (default 15 s); tests shorten it. */
  timeoutMs?: number;
  /** Timeout of AddDefaultResource, which waits on the Identity Service (default 120 s). */
  longTimeoutMs?: number;
  maxBodyBytes?: number;
}

/** "login": the AuthService call (bad answers mean "not Creatio"); "session": any call after it. */
export type CallKind = "login" | "session";

export interface ExchangeRequest {
  method: "GET" | "POST";
  /** Path below the site root, with the runtime prefix already in it where needed. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export interface CreatioAnswer {
  status: number;
  /** Absolute redirect target for 3xx answers. */
  location: string | null;
  /** A redirect to Creatio's login page (/Login/NuiLogin.aspx or /Login/Login.html). */
  loginRedirect: boolean;
  html: boolean;
  /** Parsed JSON; undefined when the body is not JSON. */
  json: unknown;
  record: CallRecord;
  url: string;
}

const CSRF_COOKIES = ["CRT_CSRF", "BPMCSRF"] as const;
const LOGIN_PAGE = /\/Login\/(NuiLogin\.aspx|Login\.html)$/i;
const MAX_REDIRECTS = 5;

/** AuthService.svc calls are exempt from the CSRF header (docs/creatio-api.md §2). */
function isAuthService(path: string): boolean {
  return /\/ServiceModel\/AuthService\.svc\//i.test(path);
}

function isSvc(path: string): boolean {
  return /\.svc\//i.test(path);
}

/** The CSRF header for `url`: named after the CSRF cookie (`CRT_CSRF` first, else `BPMCSRF`). */
export function csrfHeader(jar: CookieJar, url: string): Record<string, string> {
  const cookies = jar.getCookiesSync(url);
  for (const name of CSRF_COOKIES) {
    const cookie = cookies.find((c) => c.key === name);
    if (cookie) return { [name]: cookie.value };
  }
  return {};
}

function looksLikeHtml(contentType: string | null, body: string): boolean {
  const start = body
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 1);
  return (contentType ?? "").toLowerCase().includes("text/html") || start === "<";
}

function parseJson(body: string): unknown {
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body.replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
}

// The calls that only read (docs/creatio-api.md §3, §4): a select is shared between identical calls of
// one request to the wizard; the others keep shared answers; every other call may change Creatio.
const SHARED_READ = /\/DataService\/json\/SyncReply\/SelectQuery$/i;
const READ_POSTS =
  /\/(rest\/FeatureService\/GetFeatureState|DataService\/json\/SyncReply\/QuerySysSettings|ServiceModel\/ApplicationInfoService\.svc\/GetApplicationInfo|rest\/RightsService\/GetCanExecuteOperation)$/i;

function sharingOf(req: ExchangeRequest): ReadSharing {
  if (req.method === "GET") return "read";
  if (req.headers && Object.keys(req.headers).some((h) => h.toLowerCase() === "authorization")) return "read";
  if (SHARED_READ.test(req.path)) return "share";
  return READ_POSTS.test(req.path) ? "read" : "write";
}

/** Marks the last call as failed and returns the error, with the calls so far. */
export function fail(conn: CreatioConnection, code: ErrorCode, details: ErrorDetails = {}): WizardError {
  const error = wizardError(code, { system: "creatio", url: conn.baseUrl, ...details });
  const last = conn.recorder.list.at(-1);
  if (last && !last.error) last.error = code;
  error.calls = conn.recorder.snapshot();
  return error;
}

/**
 * One request to Creatio with the session's cookies and CSRF header; stores the cookies of the
 * answer. Follows same-origin GET redirects (never to another host, never POST, never to the
 * login page); returns every other answer as is. Throws only when no answer came.
 */
export async function exchange(conn: CreatioConnection, req: ExchangeRequest): Promise<CreatioAnswer> {
  let url = conn.baseUrl + req.path;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "Content-Type": "application/json",
      ...(isAuthService(req.path) ? {} : csrfHeader(conn.jar, url)),
      ...req.headers,
    };
    const cookie = conn.jar.getCookieStringSync(url);
    if (cookie) headers.Cookie = cookie;
    const answer = await sendWithinRequest(
      {
        method: req.method,
        url,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        trust: conn.trust,
        timeoutMs: req.timeoutMs ?? conn.timeoutMs,
        maxBodyBytes: conn.maxBodyBytes,
        recorder: conn.recorder,
        system: "creatio",
      },
      sharingOf(req),
    );
    for (const line of answer.setCookies) {
      conn.jar.setCookieSync(line, url, { ignoreError: true });
    }
    const rawLocation = answer.status >= 300 && answer.status < 400 ? answer.headers.get("location") : null;
    let location: string | null = null;
    if (rawLocation) {
      try {
        location = new URL(rawLocation, url).href;
      } catch {
        location = null;
      }
    }
    const loginRedirect = location !== null && LOGIN_PAGE.test(new URL(location).pathname);
    const sameOrigin = location !== null && new URL(location).origin === new URL(url).origin;
    if (location && !loginRedirect && sameOrigin && req.method === "GET") {
      if (hop + 1 >= MAX_REDIRECTS) {
        answer.record.error = "network:redirect";
        throw fail(conn, "network:redirect", { url, reason: "loop" });
      }
      url = location;
      continue;
    }
    const html = looksLikeHtml(answer.headers.get("content-type"), answer.body);
    return {
      status: answer.status,
      location,
      loginRedirect,
      html,
      json: html ? undefined : parseJson(answer.body),
      record: answer.record,
      url,
    };
  }
}

function faultMessage(json: unknown): string | undefined {
  const fault = serviceFaultSchema.safeParse(json);
  if (!fault.success) return undefined;
  return fault.data.Message ?? fault.data.ExceptionMessage ?? fault.data.message ?? undefined;
}

/** `success:false` with `responseStatus.ErrorCode "5"`: the password expired (docs/creatio-api.md §2). */
function isPasswordExpired(json: unknown): boolean {
  if (!json || typeof json !== "object") return false;
  const { success, responseStatus } = json as { success?: unknown; responseStatus?: { ErrorCode?: unknown } };
  return success === false && String(responseStatus?.ErrorCode ?? "") === "5";
}

/** What an answer that is not a good one means, for this kind of call. */
export function answerError(
  conn: CreatioConnection,
  kind: CallKind,
  path: string,
  a: CreatioAnswer,
): WizardError {
  const details: ErrorDetails = { url: a.url, status: a.status };
  if (a.status >= 300 && a.status < 400) {
    if (a.loginRedirect && kind === "session") return fail(conn, "auth:session-expired", details);
    return fail(conn, "network:redirect", { ...details, location: a.location ?? undefined });
  }
  if (kind === "login") {
    if (a.status === 401 || a.status === 403) return fail(conn, "auth:forbidden", details);
    // A 5xx (even an HTML error page such as IIS 500.30) is a site that fails, not another site.
    if (a.status >= 500) {
      return fail(conn, "creatio:server-error", { ...details, serverMessage: faultMessage(a.json) });
    }
    return fail(conn, "creatio:not-creatio", details);
  }
  if (a.status === 401 || a.status === 403) {
    // Expiry shows as a 302 to the login page everywhere except on .svc services, where it is a
    // 401 "Authentication failed." (docs/creatio-api.md §2). Any other 401/403 of a signed-in call is the
    // CSRF check.
    if (a.status === 401 && isSvc(path) && /authentication failed/i.test(faultMessage(a.json) ?? "")) {
      return fail(conn, "auth:session-expired", details);
    }
    return fail(conn, "auth:csrf", details);
  }
  if (a.status >= 500) {
    return fail(conn, "creatio:server-error", { ...details, serverMessage: faultMessage(a.json) });
  }
  if (a.status >= 200 && a.status < 300 && a.html) return fail(conn, "auth:session-expired", details);
  if (isPasswordExpired(a.json)) {
    return fail(conn, "auth:password-expired", {
      ...details,
      serverMessage: (a.json as { responseStatus?: { Message?: string } }).responseStatus?.Message,
    });
  }
  return fail(conn, "creatio:unexpected", { ...details, serverMessage: faultMessage(a.json) });
}

/** One call whose answer must be 2xx JSON matching `schema`; every other answer is a WizardError. */
export async function callCreatio<S extends z.ZodType>(
  conn: CreatioConnection,
  req: ExchangeRequest & { schema: S; kind?: CallKind },
): Promise<z.output<S>> {
  const kind = req.kind ?? "session";
  const answer = await exchange(conn, req);
  const ok = answer.status >= 200 && answer.status < 300 && !answer.html && answer.json !== undefined;
  if (!ok || isPasswordExpired(answer.json)) throw answerError(conn, kind, req.path, answer);
  const parsed = req.schema.safeParse(answer.json);
  if (!parsed.success) {
    throw fail(conn, kind === "login" ? "creatio:not-creatio" : "creatio:unexpected", {
      url: answer.url,
      status: answer.status,
      serverMessage: faultMessage(answer.json),
    });
  }
  return parsed.data;
}

/** `B + P + path`: the services path on this runtime. */
export function servicePath(conn: Pick<CreatioConnection, "prefix">, path: string): string {
  return `${conn.prefix}${path}`;
}
