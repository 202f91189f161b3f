// What every server action returns: a typed result, never a thrown error and never a secret.
import { isWizardError, type UserFacingError, wizardError } from "@/lib/errors";
import type { FieldErrors } from "./schemas";

/** A user-facing error, as every action and page shows it (lib/errors holds every code). */
export type ActionError = UserFacingError;

export type ActionFailure = { ok: false; error: ActionError; fieldErrors?: FieldErrors };
export type ActionResult<T extends object = object> = ({ ok: true } & T) | ActionFailure;

export function inputError(fieldErrors: FieldErrors): ActionFailure {
  return {
    ok: false,
    error: wizardError("input:invalid-field", { when: "form" }).toUserFacing(),
    fieldErrors,
  };
}

export function internalError(): ActionError {
  return wizardError("wizard:internal").toUserFacing();
}

export function sessionExpiredError(): ActionError {
  return wizardError("auth:session-expired", { when: "action" }).toUserFacing();
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
