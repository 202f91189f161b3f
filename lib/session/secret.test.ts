import { describe, expect, it } from "vitest";
import { resolveSessionPassword } from "./secret";

describe("resolveSessionPassword", () => {
  it("uses WIZARD_SESSION_SECRET when it has 32 characters or more, silently", () => {
    const warnings: string[] = [];
    const key = "x".repeat(32);
    expect(resolveSessionPassword({ WIZARD_SESSION_SECRET: key }, (m) => warnings.push(m))).toBe(key);
    expect(warnings).toEqual([]);
  });

  it("falls back (null: a random key) with one warning when unset or too short", () => {
    const warnings: string[] = [];
    expect(resolveSessionPassword({}, (m) => warnings.push(m))).toBeNull();
    expect(
      resolveSessionPassword({ WIZARD_SESSION_SECRET: "tooShortKey" }, (m) => warnings.push(m)),
    ).toBeNull();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/not set/);
    expect(warnings[1]).toMatch(/shorter than 32/);
    // The key itself never reaches the log.
    expect(warnings.join(" ")).not.toContain("tooShortKey");
  });
});
