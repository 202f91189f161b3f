// Bearer calls (docs/creatio-api.md §4.6 step 5): Creatio checks a JWT from the Identity Service with the
// keys it fetched from the service (discovery, jwks_uri), its lifetime (with 5 minutes of clock
// tolerance), its audience (the current default resource) and the user in `prop:SysAdminUnitId`.
// Each §6 item 11 cause is a knob: stale keys, clock skew, audience mismatch, a proxy that drops the
// header, a bound user without read rights. How a rejection looks is unconfirmed: `proof.rejection`.

import { createPublicKey, generateKeyPairSync, type JsonWebKey, verify } from "node:crypto";
import type http from "node:http";
import { SYS_ADMIN_UNIT_CLAIM } from "../identity/constants";
import { SETTING_URL } from "./constants";
import { dataServiceFailure } from "./dataservice";
import { html, json, type Reply } from "./http";
import { type CreatioNetwork, fetchSigningKeys } from "./identity-client";
import type { ResolvedUser, Tenant } from "./tenant";

const CLOCK_TOLERANCE_S = 300;

export type BearerCheck = { ok: true; user: ResolvedUser } | { ok: false; reason: string };

/** The token of an `Authorization: Bearer` header, unless a proxy dropped it; null when there is none. */
export function bearerToken(tenant: Tenant, req: http.IncomingMessage): string | null {
  if (tenant.config.proof.proxyStripsAuthorization) return null;
  const [scheme, value] = (req.headers.authorization ?? "").split(" ");
  return scheme?.toLowerCase() === "bearer" && value ? value : null;
}

let staleKey: JsonWebKey | undefined;
/** The keys of a service whose certificate has since been regenerated. */
function staleKeys(kid: string | undefined): JsonWebKey[] {
  if (!staleKey) {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    staleKey = publicKey.export({ format: "jwk" });
  }
  return [{ ...staleKey, kid, alg: "RS256", use: "sig" } as JsonWebKey];
}

function decodePart(part: string | undefined): Record<string, unknown> | null {
  if (!part) return null;
  try {
    const value = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function checkBearer(
  tenant: Tenant,
  token: string,
  network: CreatioNetwork,
): Promise<BearerCheck> {
  const [head, body, signature] = token.split(".");
  const header = decodePart(head);
  const claims = decodePart(body);
  if (!header || !claims || !signature) return { ok: false, reason: "The token is not a JWT." };
  if (header.alg !== "RS256") return { ok: false, reason: `Unsupported algorithm ${String(header.alg)}.` };
  const kid = typeof header.kid === "string" ? header.kid : undefined;
  let keys: JsonWebKey[];
  if (tenant.config.proof.staleKeys) {
    keys = staleKeys(kid);
  } else {
    const fetched = await fetchSigningKeys(tenant.setting(SETTING_URL), network);
    if (!fetched.ok)
      return { ok: false, reason: "IDX10501: Signature validation failed. Unable to get the keys." };
    keys = fetched.value;
  }
  const key = keys.find((k) => (k as { kid?: string }).kid === kid) ?? (kid ? undefined : keys[0]);
  let valid = false;
  try {
    valid =
      !!key &&
      verify(
        "RSA-SHA256",
        Buffer.from(`${head}.${body}`),
        createPublicKey({ key, format: "jwk" }),
        Buffer.from(signature, "base64url"),
      );
  } catch {
    valid = false;
  }
  if (!valid) return { ok: false, reason: "IDX10503: Signature validation failed." };
  const now = Date.now() / 1000 + tenant.config.proof.clockSkewSeconds;
  if (typeof claims.exp === "number" && claims.exp < now - CLOCK_TOLERANCE_S) {
    return { ok: false, reason: "IDX10223: Lifetime validation failed. The token is expired." };
  }
  const notBefore = typeof claims.nbf === "number" ? claims.nbf : claims.iat;
  if (typeof notBefore === "number" && notBefore > now + CLOCK_TOLERANCE_S) {
    return { ok: false, reason: "IDX10222: Lifetime validation failed. The token is not yet valid." };
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const resource = tenant.defaultResources()[0];
  if (!resource || !audiences.includes(resource)) {
    return { ok: false, reason: "IDX10214: Audience validation failed." };
  }
  const userId = claims[SYS_ADMIN_UNIT_CLAIM];
  const user = typeof userId === "string" ? tenant.userById(userId) : undefined;
  if (!user) return { ok: false, reason: "The user of the token does not exist." };
  return { ok: true, user };
}

/** Creatio's answer to a bearer call it refuses, in the configured form. */
export function bearerRejection(tenant: Tenant, reason: string, loginRedirect: () => Reply): Reply {
  switch (tenant.config.proof.rejection) {
    case "401":
      return json(401, { Message: "Authorization has been denied for this request." });
    case "401-challenge":
      return {
        status: 401,
        headers: {
          "www-authenticate": `Bearer error="invalid_token", error_description="${reason.replace(/"/g, "'")}"`,
          "content-type": "text/plain; charset=utf-8",
        },
        body: "",
      };
    case "403":
      return json(403, { Message: "Access is denied." });
    case "login-redirect":
      return loginRedirect();
    case "html-200":
      return html(200, "<!DOCTYPE html><html><head><title>Creatio</title></head><body>Login</body></html>");
    case "success-false":
      return dataServiceFailure("Authentication failed.", "UnauthorizedAccessException");
  }
}
