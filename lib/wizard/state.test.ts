import { describe, expect, it } from "vitest";
import type {
  DefaultResourceStatus,
  FeatureStatus,
  HealthCheckResult,
  IdentitySettings,
} from "@/lib/creatio/types";
import type { ActionError } from "./result";
import {
  deriveStepStates,
  effectiveSecretState,
  emptySettingCodes,
  knownStepStates,
  type Read,
  type WizardSnapshot,
} from "./state";

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const failed: Read<never> = {
  ok: false,
  error: {
    code: "network:timeout",
    message: "Creatio did not answer.",
    fix: "Try again.",
    calls: [],
  } as ActionError,
};

const feature = (over: Partial<FeatureStatus> = {}): FeatureStatus => ({
  code: "OAuth20Integration",
  exists: true,
  featureId: "f",
  allEmployeesState: 1,
  currentUserState: 1,
  ...over,
});
const settings = (over: Partial<IdentitySettings> = {}): IdentitySettings => ({
  url: "https://is.example.com",
  clientId: "IdServiceUser",
  secret: "set",
  missingCodes: [],
  legacy: [],
  ...over,
});
const healthy: HealthCheckResult = {
  available: true,
  httpStatus: 200,
  hasProblem: false,
  isSystemSettingsFilledIn: true,
  isIdentityServiceAvailable: true,
  isAccessTokenRetrievableForSystemActions: true,
  isDefaultResourceRegistered: null,
  message: null,
};
const resources = (count: number): DefaultResourceStatus => ({
  count,
  names: Array.from({ length: count }, (_, i) => `ApplicationAccess_${i}`),
});

function snapshot(over: Partial<WizardSnapshot> = {}): WizardSnapshot {
  return {
    feature: ok(feature()),
    settings: ok(settings()),
    resources: ok(resources(1)),
    health: ok(healthy),
    settingsReviewed: false,
    secretSavedByWizard: false,
    ...over,
  };
}

describe("deriveStepStates", () => {
  it("says Done for every step on a connected instance", () => {
    const states = deriveStepStates(snapshot());
    expect(Object.values(states).map((s) => s.state)).toEqual(["done", "done", "done", "done"]);
  });

  it("feature: not done without a row for All employees, with the row off, or while the cache still says off", () => {
    expect(
      deriveStepStates(snapshot({ feature: ok(feature({ allEmployeesState: null })) })).feature.state,
    ).toBe("not-done");
    expect(deriveStepStates(snapshot({ feature: ok(feature({ allEmployeesState: 0 })) })).feature.state).toBe(
      "not-done",
    );
    expect(
      deriveStepStates(snapshot({ feature: ok(feature({ exists: false, allEmployeesState: null })) })).feature
        .summary,
    ).toMatch(/does not exist/);
    const cached = deriveStepStates(snapshot({ feature: ok(feature({ currentUserState: 0 })) })).feature;
    expect(cached.state).toBe("not-done");
    expect(cached.summary).toMatch(/cache/);
  });

  it("any step whose read failed is Unknown, with the reason", () => {
    const states = deriveStepStates(snapshot({ feature: failed, settings: failed, resources: failed }));
    expect(states.feature).toEqual({
      state: "unknown",
      summary: expect.stringContaining("Creatio did not answer."),
    });
    expect(states.settings.state).toBe("unknown");
    expect(states.credentials.state).toBe("unknown");
    expect(states.resource.state).toBe("unknown");
  });

  it("settings (step 2): Done when all three hold values or the operator continued; lists the empty ones", () => {
    const empty = ok(settings({ url: null, clientId: null, secret: "not-set" }));
    const notReviewed = deriveStepStates(snapshot({ settings: empty })).settings;
    expect(notReviewed.state).toBe("not-done");
    expect(notReviewed.summary).toContain(
      "OAuth20IdentityServerUrl, OAuth20IdentityServerClientId, OAuth20IdentityServerClientSecret",
    );
    expect(deriveStepStates(snapshot({ settings: empty, settingsReviewed: true })).settings.state).toBe(
      "done",
    );
  });

  it("credentials (step 3): Done only when filled and the health check accepts them", () => {
    const noToken = ok({ ...healthy, hasProblem: true, isAccessTokenRetrievableForSystemActions: false });
    expect(deriveStepStates(snapshot({ health: noToken })).credentials.state).toBe("failed");
    const unreachable = ok({
      ...healthy,
      isIdentityServiceAvailable: false,
      isAccessTokenRetrievableForSystemActions: false,
    });
    expect(deriveStepStates(snapshot({ health: unreachable })).credentials.summary).toMatch(/cannot reach/);
    const missing = ok(settings({ clientId: null }));
    expect(deriveStepStates(snapshot({ settings: missing })).credentials).toEqual({
      state: "not-done",
      summary: "Empty: OAuth20IdentityServerClientId.",
    });
  });

  it("credentials without a health check: Done when the secret is known set, Unknown when it cannot be told", () => {
    const absent = ok<HealthCheckResult>({ available: false, reason: "absent", httpStatus: 404 });
    expect(deriveStepStates(snapshot({ health: absent })).credentials.state).toBe("done");
    const unknownSecret = ok(settings({ secret: "unknown" }));
    expect(deriveStepStates(snapshot({ health: absent, settings: unknownSecret })).credentials.state).toBe(
      "unknown",
    );
  });

  it("resource (step 4): exactly one is Done, none is Not done, more than one is Failed", () => {
    expect(deriveStepStates(snapshot({ resources: ok(resources(1)) })).resource.summary).toContain(
      "ApplicationAccess_0",
    );
    expect(deriveStepStates(snapshot({ resources: ok(resources(0)) })).resource.state).toBe("not-done");
    const two = deriveStepStates(snapshot({ resources: ok(resources(2)) })).resource;
    expect(two.state).toBe("failed");
    expect(two.summary).toMatch(/2 default resources/);
  });
});

describe("effectiveSecretState", () => {
  it("trusts Creatio's own answer when it gives one", () => {
    expect(effectiveSecretState(settings({ secret: "not-set" }), ok(healthy))).toBe("not-set");
  });

  it("takes the health check's word when the settings read cannot tell", () => {
    const unknown = settings({ secret: "unknown" });
    expect(effectiveSecretState(unknown, ok(healthy))).toBe("set");
    const emptySecret = ok<HealthCheckResult>({
      ...healthy,
      hasProblem: true,
      isSystemSettingsFilledIn: false,
      message: "System setting OAuth20IdentityServerClientSecret is empty.",
    });
    expect(effectiveSecretState(unknown, emptySecret)).toBe("not-set");
    expect(effectiveSecretState(unknown, failed)).toBe("unknown");
  });

  it("counts an unknown secret as empty only when known empty", () => {
    expect(emptySettingCodes(settings({ secret: "unknown" }), failed)).toEqual([]);
  });
});

describe("secret saved by the wizard", () => {
  it("counts as set when nothing else can tell, never over the health check's word", () => {
    const unknown = settings({ secret: "unknown" });
    const absent = ok<HealthCheckResult>({ available: false, reason: "absent", httpStatus: 404 });
    expect(effectiveSecretState(unknown, absent, true)).toBe("set");
    expect(effectiveSecretState(unknown, absent, false)).toBe("unknown");
    const emptySecret = ok<HealthCheckResult>({
      ...healthy,
      hasProblem: true,
      isSystemSettingsFilledIn: false,
      message: "System setting OAuth20IdentityServerClientSecret is empty.",
    });
    expect(effectiveSecretState(unknown, emptySecret, true)).toBe("not-set");
    expect(
      deriveStepStates(snapshot({ health: absent, settings: ok(unknown), secretSavedByWizard: true }))
        .credentials.state,
    ).toBe("done");
  });
});

describe("knownStepStates", () => {
  it("decides a step only when all its reads are in, the same way as with every read", () => {
    const full = deriveStepStates(
      snapshot({ settingsReviewed: true, settings: ok(settings({ url: null })) }),
    );
    const {
      feature: _feature,
      resources: _resources,
      ...settingsOnly
    } = snapshot({
      settingsReviewed: true,
      settings: ok(settings({ url: null })),
    });
    expect(knownStepStates(settingsOnly)).toEqual({ settings: full.settings, credentials: full.credentials });
    // Steps 2 and 3 need the health check too (the secret cannot be read back).
    expect(knownStepStates({ settings: ok(settings()) })).toEqual({});
    expect(knownStepStates({ feature: failed })).toEqual({
      feature: expect.objectContaining({ state: "unknown" }),
    });
  });
});
