// What every server action returns: a typed result, never a thrown error and never a secret.
import { type ErrorCode, isWizardError, type UserFacingError } from "@/lib/errors";
import type { FieldErrors } from "./schemas";

/** Codes only the wizard itself raises (its own input checks, its own faults). */
export type WizardOnlyCode = "demo:unavailable" | "wizard:internal";

/** A user-facing error: Creatio's and the Identity Service's codes plus the wizard's own. */
export type ActionError = Omit<UserFacingError, "code"> & { code: ErrorCode | WizardOnlyCode };

export type ActionFailure = { ok: false; error: ActionError; fieldErrors?: FieldErrors };
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

export function inputError(fieldErrors: FieldErrors): ActionFailure {
  return {
    ok: false,
    error: {
      code: "input:invalid-field",
      message: "Some fields need a correction before anything is sent.",
      fix: "Correct the fields marked below, then try again.",
      calls: [],
    },
    fieldErrors,
  };
}

export function internalError(): ActionError {
  return {
    code: "wizard:internal",
    message: "The wizard stopped because of an internal error.",
    fix: "Try again. If it happens again, download the report from the Connection status page and send it, with the wizard's server log, to support.",
    calls: [],
  };
}

export function sessionExpiredError(): ActionError {
  return {
    code: "auth:session-expired",
    message: "Your Creatio session has ended, so nothing was sent.",
    fix: "Sign in again: you come back to this step, and the values you typed are kept.",
    calls: [],
  };
}

/** Any thrown value as a user-facing error: WizardError as it says, anything else as an internal error (logged without details that could hold a secret). */
export function toActionError(e: unknown): ActionError {
  if (isWizardError(e)) return e.toUserFacing();
  const name = e instanceof Error ? e.name : typeof e;
  // The stack's frames only: its first line repeats the message, which can quote an answer or an input.
  const frames =
    e instanceof Error && e.stack ? e.stack.split("\n").filter((line) => /^\s+at /.test(line)) : [];
  console.error(`[wizard] unexpected ${name}${frames.length > 0 ? `\n${frames.join("\n")}` : ""}`);
  return internalError();
}
