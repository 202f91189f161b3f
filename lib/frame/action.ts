import "server-only";
import { refresh } from "next/cache";
import type { z } from "zod";
import { getWizardSession } from "@/lib/session/current";
import { singleFlight } from "@/lib/session/single-flight";
import type { WizardSession } from "@/lib/session/types";
import { handOffReads, type ReadKey, type SnapshotReads } from "@/lib/wizard/recent-reads";
import {
  type ActionFailure,
  type ActionResult,
  inputError,
  sessionExpiredError,
  toActionError,
} from "@/lib/wizard/result";
import { fieldErrorsOf } from "@/lib/wizard/schemas";
import { type CreatioContext, withCreatioAction } from "./creatio-context";

// The one frame of every server action. Actions are public endpoints: each is declared once with its
// input schema, who may call it, what it writes and which reads it changes; this file parses the input
// (field errors the form can show), re-checks the session, runs one write per session at a time, hands
// the action's fresh reads to the page render that follows, re-renders, and never throws to the client.

/** Who may run it: anyone (connect, demo), an operator with a wizard session, or one signed in to Creatio. */
export type Access = "public" | "session" | "creatio";

type Schema = z.ZodType;

/** What `run` gets besides its parsed input, by access level. */
export interface PublicContext {
  /** Parses `value` with `schema`: the data, or the input failure the action should return. */
  validate<S extends Schema>(
    schema: S,
    value: unknown,
  ): { ok: true; data: z.output<S> } | { ok: false; failure: ActionFailure };
}
export interface SessionContext extends PublicContext {
  session: WizardSession;
}
export interface CreatioActionContext extends SessionContext, Omit<CreatioContext, "session"> {
  /** Fresh reads the action made of what it `touches`: the render that follows shows them. */
  fresh(reads: Partial<SnapshotReads>): void;
}

type ContextOf<A extends Access> = A extends "creatio"
  ? CreatioActionContext
  : A extends "session"
    ? SessionContext
    : PublicContext;

export interface ActionSpec<S extends Schema | undefined, A extends Access, R extends ActionResult> {
  /** Parsed before anything else; a failure comes back as field errors and nothing is sent. */
  input?: S;
  access: A;
  /** Writes to Creatio: a second click while one runs waits for it instead of writing twice. */
  writes?: string;
  /** Reads this action changes: the page render that follows shows the action's own fresh reads. */
  touches?: ReadKey[];
  /** Re-render the page after the action (default: true for "creatio" actions). */
  refresh?: boolean;
  /**
   * Runs with the parsed input before the session is checked, for work that must not be lost when
   * the Creatio session has just ended (step 3 remembers what was typed). A failure it returns ends
   * the action there.
   */
  beforeSession?: (input: Input<S>, session: WizardSession | null) => ActionFailure | undefined;
  run: (input: Input<S>, ctx: ContextOf<A>) => Promise<R>;
}

type Input<S> = S extends Schema ? z.output<S> : undefined;

function validate<S extends Schema>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; failure: ActionFailure } {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, data: parsed.data }
    : { ok: false, failure: inputError(fieldErrorsOf(parsed.error)) };
}

/** Declares a server action: `export const fooAction = defineAction({...})` in an app route's actions.ts. */
export function defineAction<S extends Schema | undefined, A extends Access, R extends ActionResult>(
  spec: ActionSpec<S, A, R>,
): (input?: unknown) => Promise<R | ActionFailure> {
  return async (raw?: unknown) => {
    try {
      return await runAction(spec, raw);
    } catch (e) {
      // Next.js signals redirect() and notFound() by throwing: those must reach the framework.
      if (isNavigation(e)) throw e;
      return { ok: false, error: toActionError(e) };
    }
  };
}

async function runAction<S extends Schema | undefined, A extends Access, R extends ActionResult>(
  spec: ActionSpec<S, A, R>,
  raw: unknown,
): Promise<R | ActionFailure> {
  let input = undefined as Input<S>;
  if (spec.input) {
    const parsed = validate(spec.input, raw ?? {});
    if (!parsed.ok) return parsed.failure;
    input = parsed.data as Input<S>;
  }
  if (spec.access === "public") return spec.run(input, { validate } as ContextOf<A>);

  const session = await getWizardSession();
  const stop = spec.beforeSession?.(input, session);
  if (stop) return stop;
  if (!session?.creatio) return { ok: false, error: sessionExpiredError() };
  const once = <T>(work: () => Promise<T>) =>
    spec.writes ? singleFlight(session.id, spec.writes, work) : work();
  if (spec.access === "session") return once(() => spec.run(input, { validate, session } as ContextOf<A>));

  const result = await withCreatioAction(async (ctx) => {
    let fresh: Partial<SnapshotReads> = {};
    try {
      return await once(() =>
        spec.run(input, {
          ...ctx,
          validate,
          fresh: (reads: Partial<SnapshotReads>) => {
            fresh = { ...fresh, ...reads };
          },
        } as ContextOf<A>),
      );
    } finally {
      // A failed action hands over no read of what it touched: the page asks Creatio again.
      if (spec.touches) handOffReads(ctx.session, ctx.state.baseUrl, spec.touches, fresh);
    }
  });
  // Re-render the page (stepper included) from what the action just read; after expiry keep the alert in view.
  if ((spec.refresh ?? true) && (result.ok || result.error.code !== "auth:session-expired")) refresh();
  return result;
}

function isNavigation(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" && /^(NEXT_REDIRECT|NEXT_NOT_FOUND|NEXT_HTTP_ERROR_FALLBACK)/.test(digest)
  );
}
