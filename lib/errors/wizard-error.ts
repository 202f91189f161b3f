import type { CallRecord, CertificateInfo } from "./types";

// Every failure a user can meet, as `area:reason`. Each has a plain message and a fix
// (see messages.ts); callers decide by `code`, never by message text.
// No `server-only` here: the browser shows these errors and lib/contract/appsettings.ts throws them.
export const ERROR_CODES = [
  "input:invalid-url",
  "input:invalid-field",
  "network:dns",
  "network:refused",
  "network:unreachable",
  "network:timeout",
  "network:reset",
  "network:failed",
  "network:too-large",
  "network:redirect",
  "network:target-refused",
  "tls:untrusted",
  "tls:self-signed",
  "tls:expired",
  "tls:hostname",
  "tls:pin-mismatch",
  "tls:protocol",
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
  "demo:unavailable",
  "wizard:internal",
  // Step 5, the end-to-end proof (docs/creatio-api.md §4.6, §6 item 11).
  "proof:no-user",
  "proof:invalid-user",
  "proof:no-default-resource",
  "proof:identity-refused",
  "proof:no-scope",
  "proof:malformed-request",
  "proof:create-failed",
  "proof:token-invalid-client",
  "proof:token-invalid-scope",
  "proof:token-unauthorized-client",
  "proof:token-failed",
  "proof:token-rejected",
  "proof:user-lacks-rights",
  "proof:delete-failed",
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
  /** For tls:* errors: the certificate the server presented, so the operator can decide to trust it. */
  certificate?: CertificateInfo;
}

export interface WizardErrorOptions {
  calls?: CallRecord[];
  creatioMessage?: string;
  certificate?: CertificateInfo;
  cause?: unknown;
}

export class WizardError extends Error {
  readonly code: ErrorCode;
  readonly fix: string;
  calls: CallRecord[];
  readonly creatioMessage?: string;
  certificate?: CertificateInfo;

  constructor(code: ErrorCode, message: string, fix: string, opts: WizardErrorOptions = {}) {
    super(message, { cause: opts.cause });
    this.name = "WizardError";
    this.code = code;
    this.fix = fix;
    this.calls = opts.calls ?? [];
    this.creatioMessage = opts.creatioMessage;
    this.certificate = opts.certificate;
  }

  toUserFacing(): UserFacingError {
    return {
      code: this.code,
      message: this.message,
      fix: this.fix,
      calls: this.calls.map((c) => ({ ...c })),
      ...(this.creatioMessage ? { creatioMessage: this.creatioMessage } : {}),
      ...(this.certificate ? { certificate: this.certificate } : {}),
    };
  }
}

export function isWizardError(e: unknown): e is WizardError {
  return e instanceof WizardError;
}

/** True for the codes that mean "the answer never came" (vs. "Creatio said no"). */
export function isNetworkOrTlsError(e: unknown): e is WizardError {
  return isWizardError(e) && (e.code.startsWith("network:") || e.code.startsWith("tls:"));
}
