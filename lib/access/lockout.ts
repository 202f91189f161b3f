// A brake on guessing the access password, per client address: the first few wrong passwords cost
// nothing, then each further one locks THAT address out for twice as long as the last (30 s, 1 min,
// 2 min... up to 15 min). Another client (another operator) is not affected. rate-limiter-flexible,
// memory store: one process, nothing persisted.
import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";

export const FREE_FAILURES = 4;
export const FIRST_LOCK_S = 30;
export const MAX_LOCK_S = 15 * 60;
/** Wrong passwords are forgotten after a day without any. */
const FAILURE_MEMORY_S = 24 * 60 * 60;

export type LockState = { locked: false } | { locked: true; waitS: number };

export class AccessLockout {
  private readonly failures = new RateLimiterMemory({
    keyPrefix: "access-failures",
    points: Number.MAX_SAFE_INTEGER,
    duration: FAILURE_MEMORY_S,
  });
  private readonly locks = new RateLimiterMemory({ keyPrefix: "access-locks", points: 1, duration: 1 });

  /** Whether `client` may have a password checked now; when not, how long it must wait. */
  async state(client: string): Promise<LockState> {
    const lock = await this.locks.get(client);
    if (lock && lock.consumedPoints > 1 && lock.msBeforeNext > 0) {
      return { locked: true, waitS: Math.ceil(lock.msBeforeNext / 1000) };
    }
    return { locked: false };
  }

  /** Counts a wrong password; returns the lock it earned (if any). */
  async fail(client: string): Promise<LockState> {
    const res: RateLimiterRes = await this.failures.penalty(client, 1);
    const count = res.consumedPoints;
    if (count <= FREE_FAILURES) return { locked: false };
    const waitS = Math.min(FIRST_LOCK_S * 2 ** (count - FREE_FAILURES - 1), MAX_LOCK_S);
    await this.locks.block(client, waitS);
    return { locked: true, waitS };
  }

  /** A right password: the client starts afresh. */
  async succeed(client: string): Promise<void> {
    await Promise.all([this.failures.delete(client), this.locks.delete(client)]);
  }
}

const KEY = Symbol.for("creatio-identity-wizard.access-lockout");
type GlobalWithLockout = typeof globalThis & { [KEY]?: AccessLockout };

/** One lockout per process, whichever module copy asks. */
export function accessLockout(): AccessLockout {
  const g = globalThis as GlobalWithLockout;
  g[KEY] ??= new AccessLockout();
  return g[KEY];
}

export const TRUST_PROXY_ENV = "WIZARD_TRUST_PROXY";
/** Set by scripts/client-address.cjs from the TCP connection itself; any value a client sends is replaced. */
export const CLIENT_ADDRESS_HEADER = "x-wizard-client-address";

/**
 * The address a request came from. With WIZARD_TRUST_PROXY=true (behind a reverse proxy), the last
 * X-Forwarded-For entry (the one the proxy added); otherwise the connection's own address, never a
 * header the client wrote.
 */
export function clientAddress(
  header: (name: string) => string | null,
  env: Record<string, string | undefined> = process.env,
): string {
  if (/^(1|true|yes)$/i.test(env[TRUST_PROXY_ENV]?.trim() ?? "")) {
    const hops = (header("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  return header(CLIENT_ADDRESS_HEADER)?.trim() || "unknown";
}

/** "45 seconds", "2 minutes", "15 minutes". */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
