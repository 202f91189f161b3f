// A brake on guessing the access password: after too many wrong passwords in a short time, every
// attempt is refused until the window has passed (the operator waits a minute; a guesser gets
// a handful of tries per minute instead of thousands).

export const MAX_FAILURES = 10;
export const WINDOW_MS = 60_000;

export class AttemptLimiter {
  private failures: number[] = [];

  constructor(
    private readonly max = MAX_FAILURES,
    private readonly windowMs = WINDOW_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether an attempt may be checked now. */
  allowed(): boolean {
    const since = this.now() - this.windowMs;
    this.failures = this.failures.filter((t) => t > since);
    return this.failures.length < this.max;
  }

  recordFailure(): void {
    this.failures.push(this.now());
  }
}

const KEY = Symbol.for("creatio-identity-wizard.access-attempts");
type GlobalWithLimiter = typeof globalThis & { [KEY]?: AttemptLimiter };

/** One limiter per process, whichever module copy asks. */
export function accessAttempts(): AttemptLimiter {
  const g = globalThis as GlobalWithLimiter;
  g[KEY] ??= new AttemptLimiter();
  return g[KEY];
}
