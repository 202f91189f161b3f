import "server-only";
import { CookieJar } from "tough-cookie";
import { normalizeCreatioUrl } from "@/lib/contract/url";
import { isWizardError, wizardError } from "@/lib/errors";
import { CallRecorder, normalizeTrust, type TlsTrust } from "@/lib/transport";
import { type CreatioConnection, exchange, servicePath } from "./request";
import type { CreatioSessionState } from "./types";

// Opening and closing one Creatio connection: a fresh one, one restored from a stored session, and
// sign-out. The cookie jar is the session (docs/creatio-api.md §2).

/** Transport limits; tests shorten them, the app keeps the defaults. */
export interface ClientOptions {
  /** Every call (default 15 s). */
  timeoutMs?: number;
  /** AddDefaultResource, which waits on the Identity Service (default 120 s). */
  longTimeoutMs?: number;
  /** Answers larger than this are refused (default 2 MB). */
  maxBodyBytes?: number;
}

/** A connection with an empty jar, before sign-in (the runtime prefix is set once known). */
export function newConnection(
  baseUrl: string,
  trust: TlsTrust | undefined,
  options: ClientOptions = {},
): CreatioConnection {
  return {
    baseUrl: normalizeCreatioUrl(baseUrl),
    prefix: "",
    jar: new CookieJar(),
    trust: normalizeTrust(trust),
    recorder: new CallRecorder(),
    ...options,
  };
}

function restoreJar(cookies: unknown): CookieJar | null {
  try {
    if (cookies && (typeof cookies === "object" || typeof cookies === "string")) {
      return CookieJar.deserializeSync(cookies as Parameters<typeof CookieJar.deserializeSync>[0]);
    }
  } catch {
    // fall through: an unreadable jar is a lost session
  }
  return null;
}

/**
 * A connection on a stored session. An unreadable jar is a lost session: `auth:session-expired`, or
 * with `lenient` an empty jar (a diagnostic then reports the ended session layer by layer).
 */
export function restoreConnection(
  state: CreatioSessionState,
  options: ClientOptions & { lenient?: boolean } = {},
): CreatioConnection {
  const { lenient, ...limits } = options;
  const jar = restoreJar(state.cookies);
  if (!jar && !lenient) throw wizardError("auth:session-expired");
  return {
    ...newConnection(state.baseUrl, state.trust, limits),
    prefix: state.prefix,
    jar: jar ?? new CookieJar(),
  };
}

/** Ends the session in Creatio (best effort, as Creatio's own "Log out") and drops the cookies. */
export async function signOut(conn: CreatioConnection): Promise<void> {
  try {
    await exchange(conn, {
      method: "POST",
      path: servicePath(conn, "/rest/MainMenuService/Logout"),
      body: {},
    });
  } catch (e) {
    if (!isWizardError(e)) throw e;
  } finally {
    conn.jar.removeAllCookiesSync();
  }
}

/**
 * The values of every cookie the session holds, except those that merely repeat the user name
 * (Creatio's `UserName` cookie): what a report must never show.
 */
export function sessionCookieValues(conn: CreatioConnection, userName: string | null = null): string[] {
  const plain = userName ? [userName, encodeURIComponent(userName)] : [];
  return conn.jar
    .getCookiesSync(`${conn.baseUrl}/`, { allPaths: true })
    .map((c) => c.value)
    .filter((v) => v !== "" && !plain.includes(v));
}

/** The same session with a recorder of its own, so calls that run at once are listed apart. */
export function forkConnection(conn: CreatioConnection): CreatioConnection {
  return { ...conn, recorder: new CallRecorder() };
}
