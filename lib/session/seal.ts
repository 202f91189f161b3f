// Sealing of the session id into the cookie value (iron-session: encrypted and authenticated).
import { sealData, unsealData } from "iron-session";

/** Cookie and seal lifetime: the operator signs in again after this, whatever happens. */
export const SESSION_COOKIE_TTL_S = 8 * 60 * 60;
export const SESSION_COOKIE_NAME = "wizard_session";
/** Over HTTPS: the `__Host-` prefix makes the browser refuse it unless Secure, path=/ and no Domain. */
export const SECURE_SESSION_COOKIE_NAME = "__Host-wizard_session";

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE_NAME : SESSION_COOKIE_NAME;
}

interface SealedSession {
  sid: string;
}

export function sealSessionId(sid: string, password: string): Promise<string> {
  return sealData({ sid } satisfies SealedSession, { password, ttl: SESSION_COOKIE_TTL_S });
}

/** The session id in a cookie value, or null when it is forged, expired, or sealed with another key. */
export async function unsealSessionId(sealed: string, password: string): Promise<string | null> {
  try {
    const data = await unsealData<Partial<SealedSession>>(sealed, { password, ttl: SESSION_COOKIE_TTL_S });
    return typeof data.sid === "string" && data.sid.length > 0 ? data.sid : null;
  } catch {
    return null;
  }
}

export function sessionCookieOptions(secure: boolean) {
  return {
    httpOnly: true,
    sameSite: "strict" as const,
    secure,
    path: "/",
    maxAge: SESSION_COOKIE_TTL_S,
  };
}
