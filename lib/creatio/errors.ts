import type { CallRecord } from "./types";

// Every failure a user can meet, as `area:reason`. Each has a plain message and a fix
// (see messages.ts); callers decide by `code`, never by message text.
export const ERROR_CODES = [
  "input:invalid-url",
  "network:dns",
  "network:refused",
  "network:timeout",
  "network:reset",
  "network:too-large",
  "network:redirect",
  "tls:untrusted",
  "tls:self-signed",
  "tls:expired",
  "tls:hostname",
  "creatio:not-creatio",
  "creatio:unexpected",
  "creatio:server-error",
  "auth:rejected",
  "auth:password-expired",
  "auth:no-license",
  "auth:forbidden",
  "auth:session-expired",
  "auth:csrf",
  "rights:sys-settings",
  "rights:solution",
  "feature:not-verified",
  "resource:identity-unreachable",
  "resource:bad-credentials",
  "resource:oauth-disabled",
  "resource:multiple-defaults",
  "resource:failed",
  "identity:unreachable",
  "identity:not-identity-service",
  "identity:invalid-client",
  "identity:unexpected",
  "appsettings:invalid",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The serializable face of an error: safe to return from a server action (no secret, no stack). */
export interface UserFacingError {
  code: ErrorCode;
  /** One sentence: what happened. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** Calls made up to the failure (method, URL, status, ms). */
  calls: CallRecord[];
  /** Creatio's own words when it gave any (login `Message`, `errorInfo.message`). */
  creatioMessage?: string;
}

export class WizardError extends Error {
  readonly code: ErrorCode;
  readonly fix: string;
  readonly calls: CallRecord[];
  readonly creatioMessage?: string;

  constructor(
    code: ErrorCode,
    message: string,
    fix: string,
    opts: { calls?: CallRecord[]; creatioMessage?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "WizardError";
    this.code = code;
    this.fix = fix;
    this.calls = opts.calls ?? [];
    this.creatioMessage = opts.creatioMessage;
  }

  toUserFacing(): UserFacingError {
    return {
      code: this.code,
      message: this.message,
      fix: this.fix,
      calls: this.calls,
      ...(this.creatioMessage ? { creatioMessage: this.creatioMessage } : {}),
    };
  }
}

export function isWizardError(e: unknown): e is WizardError {
  return e instanceof WizardError;
}
