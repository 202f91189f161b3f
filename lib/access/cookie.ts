// The access cookie: proof that this browser typed the access password. Sealed with iron-session
// under a key derived from the session key AND the access password, so it ends when either changes.
import { createHmac } from "node:crypto";
import { sealData, unsealData } from "iron-session";

export const ACCESS_COOKIE_NAME = "wizard_access";
/** The operator types the access password again after this. */
export const ACCESS_COOKIE_TTL_S = 12 * 60 * 60;

interface AccessGrant {
  access: true;
}

/** A 64-character sealing key: neither input alone forges a cookie. */
export function accessSealKey(sessionKey: string, accessPassword: string): string {
  return createHmac("sha256", sessionKey).update(`wizard-access\u0000${accessPassword}`).digest("hex");
}

export function sealAccessGrant(key: string): Promise<string> {
  return sealData({ access: true } satisfies AccessGrant, { password: key, ttl: ACCESS_COOKIE_TTL_S });
}

/** True when `sealed` is a live grant sealed with `key`; false when forged, expired or from another key. */
export async function isAccessGranted(sealed: string | undefined, key: string): Promise<boolean> {
  if (!sealed) return false;
  try {
    const data = await unsealData<Partial<AccessGrant>>(sealed, { password: key, ttl: ACCESS_COOKIE_TTL_S });
    return data.access === true;
  } catch {
    return false;
  }
}

export function accessCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "strict" as const,
    secure,
    path: "/",
    maxAge: ACCESS_COOKIE_TTL_S,
  };
}
