// Checking a typed access password without leaking, through timing, how much of it matched.
import { createHash, timingSafeEqual } from "node:crypto";

/** Constant-time equality: both sides are hashed first, so neither length nor content shows in timing. */
export function accessPasswordMatches(typed: unknown, expected: string): boolean {
  if (typeof typed !== "string") return false;
  const a = createHash("sha256").update(typed, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}
