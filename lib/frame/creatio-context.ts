import "server-only";
// Using the operator's Creatio session from pages, server actions and route handlers: open a client
// on the stored state, write the refreshed cookies back after each use, and when Creatio says the
// session has ended, drop it (keeping everything the operator typed) and ask to sign in again.
import { redirect } from "next/navigation";
import { type CreatioClient, openCreatio } from "@/lib/creatio";
import type { CreatioSessionState } from "@/lib/creatio/types";
import { getWizardSession } from "@/lib/session/current";
import type { WizardSession } from "@/lib/session/types";
import {
  type ActionError,
  type ActionFailure,
  sessionExpiredError,
  toActionError,
} from "@/lib/wizard/result";
import type { Read } from "@/lib/wizard/state";

export type { CreatioClient };

export interface CreatioContext {
  session: WizardSession;
  /** The Creatio session this context was opened on. */
  state: CreatioSessionState;
  client: CreatioClient;
  /** Settle one call into a Read, noting whether Creatio said the session has ended. */
  read<T>(call: Promise<T>): Promise<Read<T>>;
}

interface OpenContext extends CreatioContext {
  /** Settles when every read made through `read` so far has settled (a page may stream some in later). */
  idle: () => Promise<void>;
  expired: () => boolean;
  markExpired: () => void;
  /** Write the refreshed cookies back, unless a newer sign-in replaced this session meanwhile. */
  close: () => void;
}

/** A context on the stored state, or null when the stored cookies cannot be used (a lost session). */
function open(session: WizardSession, state: CreatioSessionState): OpenContext | null {
  let client: CreatioClient;
  try {
    client = openCreatio(state);
  } catch {
    dropCreatio(session, session.signIns);
    return null;
  }
  const signIns = session.signIns;
  let expired = false;
  const pending = new Set<Promise<unknown>>();
  return {
    session,
    state,
    client,
    read<T>(call: Promise<T>): Promise<Read<T>> {
      const settled = (async (): Promise<Read<T>> => {
        try {
          return { ok: true, value: await call };
        } catch (e) {
          const error = toActionError(e);
          if (error.code === "auth:session-expired") expired = true;
          return { ok: false, error };
        }
      })();
      pending.add(settled);
      void settled.then(() => pending.delete(settled));
      return settled;
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
    expired: () => expired,
    markExpired: () => {
      expired = true;
    },
    close() {
      if (session.signIns !== signIns || session.creatio === null) return;
      if (expired) dropCreatio(session, signIns);
      else session.creatio = client.state();
    },
  };
}

/** Forget the Creatio session (its cookies), keeping lastLogin, the step-3 draft and previous values. */
function dropCreatio(session: WizardSession, signIns: number) {
  if (session.signIns === signIns) session.creatio = null;
}

/** Where to sign in again and come back to `returnPath`. */
export function signInPath(returnPath: string, reason?: "expired"): string {
  const query = new URLSearchParams({ next: returnPath });
  if (reason) query.set("reason", reason);
  return `/?${query.toString()}`;
}

/**
 * For a page: run its reads on the operator's Creatio session. Without one, or when Creatio says it
 * ended, the operator is sent to sign in and comes back to `returnPath`.
 */
export async function withCreatioPage<T>(
  returnPath: string,
  load: (ctx: CreatioContext) => Promise<T>,
): Promise<{ session: WizardSession; state: CreatioSessionState; data: T }> {
  const session = await getWizardSession();
  if (!session?.creatio) redirect(signInPath(returnPath, session?.lastLogin ? "expired" : undefined));
  const ctx = open(session, session.creatio);
  if (!ctx) redirect(signInPath(returnPath, "expired"));
  let data: T;
  try {
    data = await load(ctx);
  } catch (e) {
    ctx.close();
    throw e;
  }
  if (ctx.expired()) {
    ctx.close();
    redirect(signInPath(returnPath, "expired"));
  }
  // Reads the page streams in later (the navigation's states) write the cookies back when they end.
  void ctx.idle().then(() => ctx.close());
  return { session, state: ctx.state, data };
}

/**
 * For a server action: re-check the session (actions are public endpoints), run, write the cookies
 * back. Never throws: a failure comes back as `{ ok: false, error }`, session expiry included.
 */
export async function withCreatioAction<R extends { ok: boolean }>(
  run: (ctx: CreatioContext) => Promise<R>,
): Promise<R | ActionFailure> {
  const session = await getWizardSession();
  if (!session?.creatio) return { ok: false, error: sessionExpiredError() };
  const ctx = open(session, session.creatio);
  if (!ctx) return { ok: false, error: sessionExpiredError() };
  let result: R | ActionFailure;
  try {
    result = await run(ctx);
  } catch (e) {
    const error: ActionError = toActionError(e);
    if (error.code === "auth:session-expired") ctx.markExpired();
    result = { ok: false, error };
  }
  ctx.close();
  if (ctx.expired() && result.ok) return { ok: false, error: sessionExpiredError() };
  return result;
}

/** For a route handler: like an action, with the value wrapped. */
export async function withCreatioRoute<T>(
  session: WizardSession,
  run: (ctx: CreatioContext) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: ActionError }> {
  if (!session.creatio) return { ok: false, error: sessionExpiredError() };
  const ctx = open(session, session.creatio);
  if (!ctx) return { ok: false, error: sessionExpiredError() };
  try {
    const value = await run(ctx);
    ctx.close();
    if (ctx.expired()) return { ok: false, error: sessionExpiredError() };
    return { ok: true, value };
  } catch (e) {
    const error = toActionError(e);
    if (error.code === "auth:session-expired") ctx.markExpired();
    ctx.close();
    return { ok: false, error };
  }
}
