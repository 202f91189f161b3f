import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthCheckResult } from "@/lib/creatio/types";
import { DEMO_PASSWORD, DEMO_USER, type RunningDemo, startDemo } from "@/lib/demo";
import { CREATIO_VIEW_TITLES } from "@/lib/diagnostics/identity";
import { baseline, check, HEALTHY, IDENTITY_URL, wizardIdentityFails } from "@/lib/diagnostics/test-support";
import type { CheckGroup, DiagnosticsRun } from "@/lib/diagnostics/types";
import {
  checkAddress,
  checkFromActionError,
  creatioViewFromRead,
  diagnoseViews,
  failedCount,
  sessionEndedIn,
  snapshotFromRun,
} from "./checks";
import type { ActionError } from "./result";
import { checkAddressSchema, fieldErrorsOf } from "./schemas";
import { deriveStepStates, type Read } from "./state";

const CONTEXT = { version: "8.1.2.3842", runtime: "netfx" as const };

const health = (over: Partial<Extract<HealthCheckResult, { available: true }>>): Read<HealthCheckResult> => ({
  ok: true,
  value: { ...HEALTHY, ...over },
});

const verdicts = (group: CheckGroup) => group.checks.map((c) => [c.id, c.verdict]);

const TIMEOUT: ActionError = {
  code: "network:timeout",
  message: "Creatio did not answer within 10 seconds.",
  fix: "Check that Creatio runs.",
  calls: [{ method: "GET", url: "https://creatio/0/api/OAuthHealthCheck", status: null, ms: 10_000 }],
};

describe("checkFromActionError", () => {
  it("keeps the message, fix, code, calls and Creatio's words, and adds up the calls' time", () => {
    const c = checkFromActionError("health-check", "Health", {
      ...TIMEOUT,
      creatioMessage: "Busy",
      calls: [...TIMEOUT.calls, { method: "GET", url: "https://creatio/", status: 200, ms: 5 }],
    });
    expect(c).toMatchObject({
      verdict: "fail",
      message: TIMEOUT.message,
      fix: TIMEOUT.fix,
      code: "network:timeout",
      ms: 10_005,
    });
    expect(c.details.serverMessage).toBe("Busy");
    expect(c.details.calls).toHaveLength(2);
  });

  it("carries the wizard's own codes too: every code is in the one catalogue (lib/errors)", () => {
    const c = checkFromActionError("feature", "Feature", { ...TIMEOUT, code: "wizard:internal" });
    expect(c.code).toBe("wizard:internal");
    expect(c.verdict).toBe("fail");
  });
});

describe("creatioViewFromRead", () => {
  it("passes every check of a healthy answer, under the wizard's stable titles", () => {
    const group = creatioViewFromRead(health({}), CONTEXT);
    expect(verdicts(group)).toEqual([
      ["health-check", "pass"],
      ["settings-filled", "pass"],
      ["reachable", "pass"],
      ["token", "pass"],
      ["default-resource", "pass"],
    ]);
    expect(group.checks.map((c) => c.title)).toEqual(Object.values(CREATIO_VIEW_TITLES));
    expect(group.verdict).toBe("pass");
  });

  it("fails the first broken row with its fix and Creatio's words; the rows below are not run", () => {
    const unreachable = creatioViewFromRead(
      health({
        hasProblem: true,
        isIdentityServiceAvailable: false,
        isAccessTokenRetrievableForSystemActions: false,
        message: "IdentityService specified in system setting OAuth20IdentityServerUrl is unavailable.",
      }),
      CONTEXT,
    );
    expect(verdicts(unreachable).slice(2)).toEqual([
      ["reachable", "fail"],
      ["token", "not-run"],
      ["default-resource", "not-run"],
    ]);
    const reachable = unreachable.checks[2];
    expect(reachable?.fix).toMatch(/localhost/);
    expect(reachable?.details.serverMessage).toContain("is unavailable");

    const token = creatioViewFromRead(
      health({ hasProblem: true, isAccessTokenRetrievableForSystemActions: false }),
      CONTEXT,
    ).checks.find((c) => c.id === "token");
    expect(token?.verdict).toBe("fail");
    expect(token?.fix).toMatch(
      /appsettings\.json[\s\S]*Clients, ClientScopes, ClientSecrets and ClientClaims/,
    );
  });

  it("turns a failed read into a failed health-check row with the read's fix and calls", () => {
    const group = creatioViewFromRead({ ok: false, error: TIMEOUT }, CONTEXT);
    expect(group.checks[0]).toMatchObject({ id: "health-check", verdict: "fail", fix: TIMEOUT.fix });
    expect(group.checks[0]?.details.calls).toEqual(TIMEOUT.calls);
    expect(group.checks.slice(1).every((c) => c.verdict === "not-run")).toBe(true);
  });

  it("warns that an old Creatio has no health check, and runs nothing below", () => {
    const group = creatioViewFromRead(
      { ok: true, value: { available: false, reason: "absent", httpStatus: 404 } },
      { version: "8.0.10.1234", runtime: "netfx" },
    );
    expect(group.checks[0]?.verdict).toBe("warn");
    expect(group.checks[0]?.message).toContain("8.0.10.1234 has no OAuth health check");
    expect(group.checks.slice(1).every((c) => c.verdict === "not-run")).toBe(true);
  });
});

describe("diagnoseViews (step 3 after Save settings)", () => {
  const wizardView = baseline().groups.find((g) => g.id === "identity-from-wizard") as CheckGroup;
  const settings = {
    url: IDENTITY_URL,
    clientId: "IdServiceUser",
    secret: "set" as const,
    missingCodes: [],
    legacy: [],
  };
  const creatio = {
    url: "https://creatio.example.com",
    runtime: "netfx" as const,
    version: "8.1.2",
    userName: "Supervisor",
  };

  it("says that the wizard reaches the Identity Service and Creatio does not", () => {
    const h = {
      ...HEALTHY,
      hasProblem: true,
      isIdentityServiceAvailable: false,
      isAccessTokenRetrievableForSystemActions: false,
    };
    const diagnoses = diagnoseViews({
      creatio,
      identityUrl: IDENTITY_URL,
      wizardView,
      creatioView: creatioViewFromRead({ ok: true, value: h }, CONTEXT),
      settings,
      health: h,
    });
    expect(diagnoses.map((d) => d.id)).toEqual(["identity-unreachable-from-creatio"]);
    expect(diagnoses[0]?.message).toContain(`reaches the Identity Service at ${IDENTITY_URL}`);
  });

  it("finds nothing when both views pass", () => {
    expect(
      diagnoseViews({
        creatio,
        identityUrl: IDENTITY_URL,
        wizardView,
        creatioView: creatioViewFromRead(health({}), CONTEXT),
        settings,
        health: HEALTHY,
      }),
    ).toEqual([]);
  });

  it("names invalid_client with the database clean-up when the token is refused to the wizard", () => {
    const refused = wizardIdentityFails(baseline(), "token", "identity:invalid-client");
    const diagnoses = diagnoseViews({
      creatio,
      identityUrl: IDENTITY_URL,
      wizardView: refused.groups.find((g) => g.id === "identity-from-wizard") as CheckGroup,
      creatioView: creatioViewFromRead(health({}), CONTEXT),
      settings,
      health: HEALTHY,
    });
    expect(diagnoses.map((d) => d.id)).toEqual(["invalid-client"]);
    expect(diagnoses[0]?.fix).toContain("ClientScopes, ClientSecrets and ClientClaims");
  });
});

describe("snapshotFromRun", () => {
  function run(over: Partial<DiagnosticsRun> = {}): DiagnosticsRun {
    const input = baseline();
    return {
      startedAt: "2026-01-01T00:00:00.000Z",
      ms: 10,
      creatio: input.creatio,
      identityUrl: input.identityUrl,
      groups: input.groups,
      state: input.state,
      diagnoses: [],
      healthy: true,
      ...over,
    };
  }

  it("gives the step states the stepper shows, from the run's reads", () => {
    const snapshot = snapshotFromRun(run(), { settingsReviewed: true, secretSavedByWizard: false });
    expect(snapshot.feature).toMatchObject({ ok: true });
    expect(snapshot.settingsReviewed).toBe(true);
    expect(deriveStepStates(snapshot)).toMatchObject({
      feature: { state: "done" },
      settings: { state: "done" },
      credentials: { state: "done" },
      resource: { state: "done" },
    });
  });

  it("turns what the run could not read into an error with that check's message and fix", () => {
    const base = run();
    const failedSettings = check("settings", "fail", {
      message: "QuerySysSettings answered HTTP 500.",
      fix: "Read Creatio's log.",
      code: "creatio:server-error",
    });
    const groups = base.groups.map((g) =>
      g.id === "setup"
        ? { ...g, checks: g.checks.map((c) => (c.id === "settings" ? failedSettings : c)) }
        : g,
    );
    const snapshot = snapshotFromRun(run({ groups, state: { ...base.state, settings: null } }), {
      settingsReviewed: false,
      secretSavedByWizard: false,
    });
    expect(snapshot.settings).toEqual({
      ok: false,
      error: {
        code: "creatio:server-error",
        message: "QuerySysSettings answered HTTP 500.",
        fix: "Read Creatio's log.",
        calls: [],
      },
    });
    const states = deriveStepStates(snapshot);
    expect(states.credentials.state).toBe("unknown");
    expect(states.credentials.summary).toContain("QuerySysSettings answered HTTP 500.");
  });
});

describe("sessionEndedIn and failedCount", () => {
  it("finds an ended Creatio session in any check, and counts failed checks over all groups", () => {
    const input = baseline();
    const groups = input.groups.map((g) =>
      g.id === "creatio"
        ? {
            ...g,
            checks: g.checks.map((c) =>
              c.id === "csrf" ? check("csrf", "fail", { code: "auth:session-expired" }) : c,
            ),
          }
        : g,
    );
    const base = {
      startedAt: "",
      ms: 0,
      creatio: input.creatio,
      identityUrl: null,
      state: input.state,
      diagnoses: [],
      healthy: false,
    };
    expect(sessionEndedIn({ ...base, groups })).toBe(true);
    expect(sessionEndedIn({ ...base, groups: input.groups })).toBe(false);
    expect(failedCount(groups)).toBe(1);
    expect(failedCount(input.groups)).toBe(0);
  });
});

describe("checkAddress (the connect page's Check this address)", () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({ tlsIdentity: false });
  });
  afterAll(() => demo?.close());

  it("refuses an address that is not http(s) before calling anything (the action's input schema)", () => {
    const parsed = checkAddressSchema.safeParse({ baseUrl: "ftp://creatio.example.com" });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(fieldErrorsOf(parsed.error).baseUrl?.[0]).toMatch(/http/);
  });

  it("signs in and out with a typed password; never again right after a failed sign-in", async () => {
    const tenant = demo.creatio.createTenant({});
    const logins = () => demo.creatio.snapshot(tenant.id).calls.filter((c) => c.path.endsWith("/Login"));
    const values = { baseUrl: tenant.baseUrl, userName: DEMO_USER, password: DEMO_PASSWORD };

    const full = await checkAddress(values);
    expect(full.ok && full.check.group.checks.every((c) => c.verdict === "pass")).toBe(true);
    expect(logins()).toHaveLength(1);
    expect(demo.creatio.snapshot(tenant.id).activeSessions).toBe(0);

    const skipped = await checkAddress({ ...values, skipSignIn: true });
    const login = skipped.ok ? skipped.check.group.checks.find((c) => c.id === "login") : undefined;
    expect(login?.verdict).toBe("not-run");
    expect(login?.message).toContain("does not repeat it, so that Creatio does not lock the user");
    expect(logins()).toHaveLength(1);

    const noPassword = await checkAddress({ baseUrl: tenant.baseUrl, userName: DEMO_USER });
    const notSigned = noPassword.ok ? noPassword.check.group.checks.find((c) => c.id === "login") : undefined;
    expect(notSigned?.message).toContain("no user name and password were typed");
  });
});
