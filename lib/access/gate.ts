// Which requests the access password guards, as a pure decision that proxy.ts carries out.

export const UNLOCK_PATH = "/unlock";
/** The unlock form posts here (a route handler, not a server action: see `decideAccess`). */
export const UNLOCK_SUBMIT_PATH = "/unlock/submit";
/** The monitoring endpoint checks its own bearer token, so monitoring needs no browser cookie. */
export const MONITORING_PATH = "/api/status";
/** The liveness route (container HEALTHCHECK): says only that the server answers, so it needs no cookie. */
export const HEALTH_PATH = "/api/health";

export type AccessDecision =
  | { kind: "pass" }
  /** A page or download: send the browser to the unlock page, and back here afterwards. */
  | { kind: "unlock"; next: string }
  /** A server action, form post or API call: refuse without a body worth reading. */
  | { kind: "refuse" };

export interface GateRequest {
  method: string;
  pathname: string;
  search: string;
  /** Header lookup, case-insensitive (Headers or NextRequest.headers). */
  header(name: string): string | null;
}

function isPublic(req: GateRequest): boolean {
  // Server action ids are global: a POST to a public path with `Next-Action` could run any action.
  if (req.header("next-action") !== null) return false;
  const { pathname, method } = req;
  if (pathname === UNLOCK_PATH && (method === "GET" || method === "HEAD")) return true;
  if (pathname === UNLOCK_SUBMIT_PATH && method === "POST") return true;
  if (pathname === HEALTH_PATH && (method === "GET" || method === "HEAD")) return true;
  return pathname === MONITORING_PATH || pathname.startsWith(`${MONITORING_PATH}/`);
}

/** What to do with a request, when an access password is set. */
export function decideAccess(req: GateRequest, granted: boolean): AccessDecision {
  if (granted || isPublic(req)) return { kind: "pass" };
  const navigation = (req.method === "GET" || req.method === "HEAD") && req.header("next-action") === null;
  if (!navigation) return { kind: "refuse" };
  return { kind: "unlock", next: safeNextPath(`${req.pathname}${req.search}`) };
}

/** A same-origin path to return to after unlocking; "/" for anything else (no open redirect). */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) {
    return "/";
  }
  let url: URL;
  try {
    url = new URL(next, "http://wizard.invalid");
  } catch {
    return "/";
  }
  if (url.origin !== "http://wizard.invalid" || url.pathname.startsWith(UNLOCK_PATH)) return "/";
  // Next's internal RSC marker is not a place to land on.
  url.searchParams.delete("_rsc");
  return `${url.pathname}${url.search}`;
}

/** Why the unlock page is shown again: a wrong password, or too many of them lately. */
export type UnlockError = "wrong" | "throttled";

/** The unlock page's address that returns to `next`; `waitS`: how long a locked-out client waits. */
export function unlockPathFor(next: string, error?: UnlockError, waitS?: number): string {
  const query = new URLSearchParams();
  if (next !== "/") query.set("next", next);
  if (error) query.set("error", error);
  if (error === "throttled" && waitS !== undefined) query.set("wait", String(Math.max(1, Math.ceil(waitS))));
  const q = query.toString();
  return q ? `${UNLOCK_PATH}?${q}` : UNLOCK_PATH;
}
