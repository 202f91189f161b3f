import { describe, expect, it } from "vitest";
import { buildReport } from "./report";
import { deriveStepStates, type WizardSnapshot } from "./state";

describe("buildReport", () => {
  it("holds the state and checks but no cookie, password or secret", () => {
    const snapshot: WizardSnapshot = {
      feature: {
        ok: true,
        value: {
          code: "OAuth20Integration",
          exists: true,
          featureId: "f",
          allEmployeesState: 1,
          currentUserState: 1,
        },
      },
      settings: {
        ok: true,
        value: { url: "https://is", clientId: "IdServiceUser", secret: "set", missingCodes: [], legacy: [] },
      },
      resources: { ok: true, value: { count: 1, names: ["ApplicationAccess_1"] } },
      health: { ok: true, value: { available: false, reason: "absent", httpStatus: 404 } },
      settingsReviewed: false,
      secretSavedByWizard: false,
    };
    const state = {
      baseUrl: "https://creatio",
      runtime: "net" as const,
      prefix: "" as const,
      version: "8.3.2.1",
      userName: "Supervisor",
      cookies: { cookies: [{ key: ".ASPXAUTH", value: "COOKIE-VALUE-SECRET" }] },
    };
    const report = buildReport({
      now: new Date("2026-01-01T00:00:00Z"),
      state,
      snapshot,
      states: deriveStepStates(snapshot),
      checks: [],
      calls: [{ method: "GET", url: "https://creatio/api/OAuthHealthCheck", status: 404, ms: 3 }],
    });
    const text = JSON.stringify(report);
    expect(text).not.toContain("COOKIE-VALUE-SECRET");
    expect(text).not.toContain("cookies");
    expect(report.settings).toEqual({ url: "https://is", clientId: "IdServiceUser", secret: "set" });
    expect(report.steps.map((s) => s.state)).toEqual(["done", "done", "done", "done"]);
    expect(report.creatio.runtime).toBe(".NET");
  });
});
