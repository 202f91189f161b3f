import { describe, expect, it } from "vitest";
import { nextStep, STEPS, safeReturnPath } from "./steps";

describe("steps", () => {
  it("are the four steps of Creatio's guide, in order, on their stable paths", () => {
    expect(STEPS.map((s) => [s.number, s.path, s.title])).toEqual([
      [1, "/setup/feature", "Enable OAuth 2.0 integration"],
      [2, "/setup/settings", "Review system settings"],
      [3, "/setup/credentials", "Fill out the system settings"],
      [4, "/setup/resource", "Create default resource"],
    ]);
    expect(nextStep("credentials")?.id).toBe("resource");
    expect(nextStep("resource")).toBeNull();
  });

  it("returns after sign-in only to the wizard's own pages (no open redirect)", () => {
    expect(safeReturnPath("/setup/credentials")).toBe("/setup/credentials");
    expect(safeReturnPath("/status")).toBe("/status");
    for (const bad of [
      "https://evil.example.com",
      "//evil.example.com",
      "/setup/../admin",
      undefined,
      ["/status"],
    ]) {
      expect(safeReturnPath(bad)).toBe("/setup/feature");
    }
  });
});
