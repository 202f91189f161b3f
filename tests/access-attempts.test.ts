import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "@/lib/access/attempts";

describe("AttemptLimiter", () => {
  it("allows attempts until too many failures fall within the window, then again once they age out", () => {
    let t = 0;
    const limiter = new AttemptLimiter(3, 1000, () => t);
    for (let i = 0; i < 3; i++) {
      expect(limiter.allowed()).toBe(true);
      limiter.recordFailure();
      t += 100;
    }
    expect(limiter.allowed()).toBe(false);
    t = 1050; // the first failure (at 0) is older than the window now
    expect(limiter.allowed()).toBe(true);
    limiter.recordFailure();
    expect(limiter.allowed()).toBe(false);
    t = 5000;
    expect(limiter.allowed()).toBe(true);
  });
});
