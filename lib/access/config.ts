// The access password: required whenever the wizard listens on anything but loopback, and
// enforced on every request whenever it is set.
import { isLoopbackHost } from "@/lib/contract/addresses";

export const ACCESS_PASSWORD_ENV = "WIZARD_ACCESS_PASSWORD";
export const ACCESS_PASSWORD_MIN_LENGTH = 12;

/** The configured access password, or null when access is open (loopback use without one). */
export function accessPasswordFrom(env: Record<string, string | undefined>): string | null {
  const value = env[ACCESS_PASSWORD_ENV];
  return value !== undefined && value !== "" ? value : null;
}

export type StartAccessCheck = { ok: true; locked: boolean } | { ok: false; message: string };

/**
 * Whether the wizard may start listening on `hostname` with this environment. Bound to a
 * non-loopback address it needs an access password; a password that is set must be long enough.
 */
export function checkStartAccess(
  hostname: string,
  env: Record<string, string | undefined>,
): StartAccessCheck {
  const password = accessPasswordFrom(env);
  if (password !== null && password.length < ACCESS_PASSWORD_MIN_LENGTH) {
    return {
      ok: false,
      message: `${ACCESS_PASSWORD_ENV} is shorter than ${ACCESS_PASSWORD_MIN_LENGTH} characters. Choose a longer access password (a passphrase is fine) and start again.`,
    };
  }
  if (password === null && !isLoopbackHost(hostname)) {
    // In the container (the image sets WIZARD_CONTAINER) the address is fixed: show the run line.
    const example =
      env.WIZARD_CONTAINER === "1"
        ? `    docker run -e ${ACCESS_PASSWORD_ENV}='<a long passphrase>' -p 3000:3000 creatio-identity-wizard\n`
        : `    ${ACCESS_PASSWORD_ENV}='<a long passphrase>' WIZARD_HOST=${hostname} npm start\n` +
          "  or leave WIZARD_HOST unset (and --host off) to listen on 127.0.0.1 only.";
    return {
      ok: false,
      message:
        `The wizard would listen on ${hostname}, which other machines can reach, and it holds a Creatio administrator's session. ` +
        `Set an access password of at least ${ACCESS_PASSWORD_MIN_LENGTH} characters, for example:\n${example}`,
    };
  }
  return { ok: true, locked: password !== null };
}
