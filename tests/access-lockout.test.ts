import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AccessLockout,
  clientAddress,
  describeWait,
  FIRST_LOCK_S,
  FREE_FAILURES,
  MAX_LOCK_S,
} from "@/lib/access/lockout";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("threat: a guesser on the network tries access passwords (and locks everyone out)", () => {
  it("locks out the guessing client with a doubling wait, and never another client", async () => {
    const lockout = new AccessLockout();
    for (let i = 0; i < FREE_FAILURES; i++) expect(await lockout.fail("10.0.0.2")).toEqual({ locked: false });
    expect(await lockout.fail("10.0.0.2")).toEqual({ locked: true, waitS: FIRST_LOCK_S });
    expect(await lockout.state("10.0.0.2")).toMatchObject({ locked: true });
    expect(await lockout.state("10.0.0.3")).toEqual({ locked: false });

    vi.advanceTimersByTime(FIRST_LOCK_S * 1000 + 10);
    expect(await lockout.state("10.0.0.2")).toEqual({ locked: false });
    expect(await lockout.fail("10.0.0.2")).toEqual({ locked: true, waitS: FIRST_LOCK_S * 2 });
    vi.advanceTimersByTime(FIRST_LOCK_S * 2000 + 10);
    expect(await lockout.fail("10.0.0.2")).toEqual({ locked: true, waitS: FIRST_LOCK_S * 4 });
    for (let i = 0; i < 10; i++) await lockout.fail("10.0.0.2");
    expect(await lockout.fail("10.0.0.2")).toEqual({ locked: true, waitS: MAX_LOCK_S });

    // The right password from the other client, and from the guesser once the wait is over, start afresh.
    await lockout.succeed("10.0.0.2");
    expect(await lockout.state("10.0.0.2")).toEqual({ locked: false });
    expect(await lockout.fail("10.0.0.2")).toEqual({ locked: false });
  });

  it("believes X-Forwarded-For only with WIZARD_TRUST_PROXY", () => {
    const headers: Record<string, string> = {
      "x-forwarded-for": "203.0.113.9, 10.0.0.7",
      "x-wizard-client-address": "127.0.0.2",
    };
    const header = (name: string) => headers[name] ?? null;
    expect(clientAddress(header, {})).toBe("127.0.0.2");
    expect(clientAddress(header, { WIZARD_TRUST_PROXY: "no" })).toBe("127.0.0.2");
    expect(clientAddress(header, { WIZARD_TRUST_PROXY: "true" })).toBe("10.0.0.7");
    expect(clientAddress(() => null, {})).toBe("unknown");
  });

  it("says the wait in words", () => {
    expect(describeWait(30)).toBe("30 seconds");
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(120)).toBe("2 minutes");
    expect(describeWait(900)).toBe("15 minutes");
  });
});
