// The key that seals the session cookie: from WIZARD_SESSION_SECRET, else a random key per process
// (sessions then end when the wizard restarts), with one warning in the log.
import { randomBytes } from "node:crypto";

export const SESSION_SECRET_ENV = "WIZARD_SESSION_SECRET";
export const SESSION_SECRET_MIN_LENGTH = 32;

const KEY = Symbol.for("creatio-identity-wizard.session-key");
type GlobalWithKey = typeof globalThis & { [KEY]?: string };

export function resolveSessionPassword(
  env: Record<string, string | undefined>,
  warn: (message: string) => void,
): string | null {
  const configured = env[SESSION_SECRET_ENV];
  if (configured && configured.length >= SESSION_SECRET_MIN_LENGTH) return configured;
  warn(
    configured
      ? `[wizard] ${SESSION_SECRET_ENV} is shorter than ${SESSION_SECRET_MIN_LENGTH} characters and is ignored: using a random key for this process, so sessions end when the wizard restarts.`
      : `[wizard] ${SESSION_SECRET_ENV} is not set: using a random key for this process, so sessions end when the wizard restarts. Set it to ${SESSION_SECRET_MIN_LENGTH} or more random characters to keep sessions across restarts.`,
  );
  return null;
}

/** The sealing password; the same for every module copy in this process. */
export function getSessionPassword(): string {
  const g = globalThis as GlobalWithKey;
  if (g[KEY] === undefined) {
    g[KEY] =
      resolveSessionPassword(process.env, (m) => console.warn(m)) ?? randomBytes(32).toString("base64url");
  }
  return g[KEY];
}
