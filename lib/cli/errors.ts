// Exit codes of the `check` and `apply` subcommands, and the error that stops them before they can run.

export const EXIT = {
  /** Healthy (check), or every step done (apply). */
  ok: 0,
  /** A check failed, or a step could not be done. */
  failed: 1,
  /** The tool could not run: bad arguments, a missing password or file, cannot sign in. */
  couldNotRun: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The command could not run: a plain message and what to do, printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly fix: string,
    readonly exitCode: ExitCode = EXIT.couldNotRun,
  ) {
    super(message);
    this.name = "CliError";
  }
}
