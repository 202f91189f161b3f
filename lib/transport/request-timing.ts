// The per-request record of outbound calls behind the `Server-Timing` header (issue 16). The record
// itself is made by the server's preload (scripts/server-timing.cjs) for each incoming request and
// shared through a global symbol: the Next.js bundle holds its own copy of this module, the process
// one globalThis. Outside such a request (tests, the CLI, the bench's minimum run) nothing is noted.
import type { AsyncLocalStorage } from "node:async_hooks";

export interface TimedOutboundCall {
  system: "creatio" | "identity";
  /** performance.now() at the start and end (null while in flight). */
  start: number;
  end: number | null;
}

export interface RequestTiming {
  /** performance.now() when the request arrived. */
  start: number;
  calls: TimedOutboundCall[];
  /** Answers of identical reads made during this request, by request key (shared-reads.ts). */
  sharedReads?: Map<string, Promise<unknown>>;
}

const KEY = Symbol.for("creatio-wizard.request-timing");

/** The record of the incoming request being served, or undefined outside one. */
export function currentRequest(): RequestTiming | undefined {
  const storage = (globalThis as Record<symbol, unknown>)[KEY] as
    | AsyncLocalStorage<RequestTiming>
    | undefined;
  return storage?.getStore();
}

/** Notes an outbound call of the current request; call the returned function when it ends. */
export function noteOutboundCall(system: TimedOutboundCall["system"]): () => void {
  const store = currentRequest();
  if (!store) return () => undefined;
  const call: TimedOutboundCall = { system, start: performance.now(), end: null };
  store.calls.push(call);
  return () => {
    call.end = performance.now();
  };
}
