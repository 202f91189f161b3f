import { describe, expect, it } from "vitest";
import type { HealthCheckResult } from "@/lib/creatio/types";
import { healthChecks, stepChecks, viewsDisagree } from "./checks";
import type { Read } from "./state";

const health = (over: Partial<Extract<HealthCheckResult, { available: true }>>): Read<HealthCheckResult> => ({
  ok: true,
  value: {
    available: true,
    httpStatus: 500,
    hasProblem: true,
    isSystemSettingsFilledIn: true,
    isIdentityServiceAvailable: true,
    isAccessTokenRetrievableForSystemActions: true,
    isDefaultResourceRegistered: null,
    message: null,
    ...over,
  },
});

describe("healthChecks", () => {
  it("passes every check on a healthy answer", () => {
    const checks = healthChecks(health({ httpStatus: 200, hasProblem: false }));
    expect(checks.map((c) => [c.id, c.verdict])).toEqual([
      ["health-settings", "passed"],
      ["health-reachable", "passed"],
      ["health-token", "passed"],
    ]);
  });

  it("stops at the first failing row of the matrix and gives its meaning and fix", () => {
    const empty = healthChecks(
      health({
        isSystemSettingsFilledIn: false,
        isIdentityServiceAvailable: false,
        isAccessTokenRetrievableForSystemActions: false,
        message: "System setting OAuth20IdentityServerUrl is empty.",
      }),
    );
    expect(empty).toHaveLength(1);
    expect(empty[0]).toMatchObject({
      verdict: "failed",
      creatioMessage: "System setting OAuth20IdentityServerUrl is empty.",
    });

    const unreachable = healthChecks(
      health({ isIdentityServiceAvailable: false, isAccessTokenRetrievableForSystemActions: false }),
    );
    expect(unreachable.map((c) => c.verdict)).toEqual(["passed", "failed"]);
    expect(unreachable[1]?.fix).toMatch(/localhost/);

    const token = healthChecks(health({ isAccessTokenRetrievableForSystemActions: false }));
    expect(token[2]).toMatchObject({ id: "health-token", verdict: "failed" });
    expect(token[2]?.fix).toMatch(/ClientScopes, ClientSecrets and ClientClaims/);
  });

  it("reports the default resource when Creatio's answer includes it", () => {
    const checks = healthChecks(health({ hasProblem: false, isDefaultResourceRegistered: false }));
    expect(checks.at(-1)).toMatchObject({ id: "health-resource", verdict: "not-done" });
  });

  it("says the health check is absent on old versions and the wizard's own checks are used", () => {
    const [check] = healthChecks({
      ok: true,
      value: { available: false, reason: "absent", httpStatus: 404 },
    });
    expect(check?.verdict).toBe("info");
    expect(check?.sentence).toMatch(/^Health check not available on this version: wizard's own checks used/);
  });

  it("turns a failed read into a failed check with the error's fix", () => {
    const [check] = healthChecks({
      ok: false,
      error: { code: "network:timeout", message: "No answer.", fix: "Check Creatio.", calls: [] },
    });
    expect(check).toMatchObject({ verdict: "failed", sentence: "No answer.", fix: "Check Creatio." });
  });
});

describe("viewsDisagree", () => {
  it("warns when the wizard host reaches the Identity Service but Creatio does not", () => {
    const h = health({ isIdentityServiceAvailable: false, isAccessTokenRetrievableForSystemActions: false });
    expect(viewsDisagree(true, h, "http://localhost:8090")?.sentence).toContain("http://localhost:8090");
    expect(viewsDisagree(false, h, "http://localhost:8090")).toBeNull();
    expect(viewsDisagree(true, health({}), "http://is")).toBeNull();
  });
});

describe("stepChecks", () => {
  it("labels steps with their state words and a fix for every step not done", () => {
    const checks = stepChecks({
      feature: { state: "done", summary: "on" },
      settings: { state: "not-done", summary: "s" },
      credentials: { state: "failed", summary: "c" },
      resource: { state: "unknown", summary: "r" },
    });
    expect(checks.map((c) => c.verdictLabel)).toEqual(["Done", "Not done", "Failed", "Unknown"]);
    expect(checks[0]?.fix).toBeUndefined();
    expect(checks.slice(1).every((c) => c.fix)).toBe(true);
  });
});
