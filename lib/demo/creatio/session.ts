// Sessions, the cookies a login sets (named per version), and the CSRF check: every authenticated call
// except AuthService.svc must carry a header named after the CSRF cookie, with its value.

import { randomBytes } from "node:crypto";
import type http from "node:http";
import { expiredCookie, parseCookies, serializeCookie } from "./http";
import type { Session, Tenant } from "./tenant";
import { usesCrtCookies } from "./version";

const AUTH_COOKIE = ".ASPXAUTH";

interface CookieSpec {
  name: string;
  httpOnly: boolean;
  value: (session: Session) => string;
}

const randomToken = (bytes: number) => randomBytes(bytes).toString("base64url");

function cookieSpecs(tenant: Tenant): CookieSpec[] {
  const auth: CookieSpec = { name: AUTH_COOKIE, httpOnly: true, value: (s) => s.token };
  const bpm: CookieSpec[] = [
    { name: "BPMCSRF", httpOnly: false, value: (s) => s.csrf },
    { name: "BPMLOADER", httpOnly: true, value: () => randomToken(16) },
  ];
  if (!usesCrtCookies(tenant.config)) {
    return [auth, ...bpm, { name: "UserName", httpOnly: true, value: (s) => encodeURIComponent(s.userName) }];
  }
  const crt: CookieSpec[] = [
    { name: "CRT_CSRF", httpOnly: false, value: (s) => s.csrf },
    { name: "CRT_LOADER", httpOnly: true, value: () => randomToken(16) },
    { name: "CRT_SESSIONID", httpOnly: true, value: () => randomToken(18) },
  ];
  return tenant.config.cookieCompatibilityMode ? [auth, ...crt, ...bpm] : [auth, ...crt];
}

/** Header names (lower case) that carry the CSRF token on this build. */
function csrfHeaderNames(tenant: Tenant): string[] {
  if (!usesCrtCookies(tenant.config)) return ["bpmcsrf"];
  return tenant.config.cookieCompatibilityMode ? ["crt_csrf", "bpmcsrf"] : ["crt_csrf"];
}

export function openSession(tenant: Tenant, userName: string): string[] {
  const session: Session = {
    token: randomBytes(48).toString("hex").toUpperCase(),
    csrf: randomToken(16),
    userName,
    lastSeen: Date.now(),
  };
  tenant.sessions.set(session.token, session);
  return cookieSpecs(tenant).map((spec) =>
    serializeCookie(spec.name, spec.value(session), { path: tenant.vdir, httpOnly: spec.httpOnly }),
  );
}

/** Ends the request's session (if any) and answers the Set-Cookie headers that drop the cookies. */
export function closeSession(tenant: Tenant, req: http.IncomingMessage): string[] {
  const token = parseCookies(req.headers.cookie).get(AUTH_COOKIE);
  if (token) tenant.sessions.delete(token);
  return cookieSpecs(tenant).map((spec) => expiredCookie(spec.name, tenant.vdir));
}

/** The live session of this request, or null (no cookie, unknown, or idle past the TTL). */
export function currentSession(tenant: Tenant, req: http.IncomingMessage): Session | null {
  const token = parseCookies(req.headers.cookie).get(AUTH_COOKIE);
  if (!token) return null;
  tenant.pruneSessions();
  return tenant.sessions.get(token) ?? null;
}

export function csrfAccepted(tenant: Tenant, session: Session, req: http.IncomingMessage): boolean {
  return csrfHeaderNames(tenant).some((name) => req.headers[name] === session.csrf);
}
