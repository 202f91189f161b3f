import "server-only";
import { type CreatioConnection, forkConnection } from "@/lib/creatio";
import type { CallRecord } from "@/lib/creatio/types";
import { isWizardError, type UserFacingError } from "@/lib/errors";
import { since } from "./check";

// The calls of a check, apart from its verdict: checks whose calls do not need each other's answers start
// their calls at once, and are still judged (and cut by a failed layer above) in their fixed order.

/**
 * The same session with a recorder of its own: calls that run at the same time are each listed by their
 * own check. The cookie jar is shared, so a cookie Creatio renews reaches every call.
 */
export const fork: (conn: CreatioConnection) => CreatioConnection = forkConnection;

/** What the calls gave (or the WizardError they ended with), with their time and records. */
export type Probed<T> = { ms: number; calls: CallRecord[] } & (
  | { ok: true; value: T }
  | { ok: false; error: UserFacingError }
);

/** Runs `calls` on a fork of `conn`. Only a WizardError becomes a result; anything else is a bug and throws. */
export async function probe<T>(
  conn: CreatioConnection,
  calls: (conn: CreatioConnection) => Promise<T>,
): Promise<Probed<T>> {
  const own = fork(conn);
  const started = performance.now();
  try {
    const value = await calls(own);
    return { ok: true, value, ms: since(started), calls: own.recorder.snapshot() };
  } catch (e) {
    if (!isWizardError(e)) throw e;
    return { ok: false, error: e.toUserFacing(), ms: since(started), calls: own.recorder.snapshot() };
  }
}

/** Work started ahead of the layer that reports it. */
export class InFlight {
  private readonly started: Promise<unknown>[] = [];

  /**
   * Starts nothing itself: takes a promise already running and returns how its layer waits for it. A
   * result no layer uses (a layer above failed) is dropped without an unhandled rejection.
   */
  ahead<T>(work: Promise<T>): () => Promise<T> {
    this.started.push(work.catch(() => undefined));
    return () => work;
  }

  /** Resolves once everything started ahead has ended, used or not: no call outlives its check. */
  async settled(): Promise<void> {
    await Promise.all(this.started);
  }
}
