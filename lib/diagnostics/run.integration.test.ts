import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ALL_EMPLOYEES_ROLE_ID } from "@/lib/contract/creatio";
import { connectToCreatio, openCreatio } from "@/lib/creatio/client";
import { dataOf, type FaultProxy, startFaultProxy } from "@/lib/creatio/test-support/demo";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_PASSWORD,
  DEMO_USER,
  type DemoScenario,
  type DemoTenantOverrides,
  type RunningDemo,
  startDemo,
} from "@/lib/demo";
import { columns, columnValues, equalsFilter, TenantClient } from "@/lib/demo/test-support";
import { isWizardError } from "@/lib/errors";
import { type DiagnosticsInput, runDiagnostics } from "./run";
import type { CheckGroupId, CheckId, DiagnosticsRun, PastError } from "./types";

// The whole run against the demo Creatio and Identity Service, one field problem per scenario: the
// right diagnosis fires (with its message and fix), and nothing in Creatio changes.

let demo: RunningDemo;
let proxy: FaultProxy;

beforeAll(async () => {
  demo = await startDemo();
  proxy = await startFaultProxy(demo.creatioUrl);
});
afterAll(async () => {
  await proxy?.close();
  await demo?.close();
});
afterEach(() => proxy.clear());

const CREDENTIALS = { userName: DEMO_USER, password: DEMO_PASSWORD };

function tenant(scenario: DemoScenario, config?: DemoTenantOverrides) {
  return demo.creatio.createTenant({ scenario, ...(config ? { config } : {}) });
}

/** Runs with the Identity Service values the trainee is given, and checks that Creatio did not change. */
async function diagnoseTenant(
  created: ReturnType<typeof tenant>,
  extra: Partial<DiagnosticsInput> = {},
): Promise<DiagnosticsRun> {
  const before = dataOf(demo.creatio.snapshot(created.id));
  const run = await runDiagnostics({
    creatioUrl: created.baseUrl,
    credentials: CREDENTIALS,
    identity: {
      ...created.identityService,
      ...(created.identityCaPem ? { trust: { caPem: created.identityCaPem } } : {}),
    },
    ...extra,
  });
  expect(dataOf(demo.creatio.snapshot(created.id))).toEqual(before);
  return run;
}

function diagnosisIds(run: DiagnosticsRun) {
  return run.diagnoses.map((d) => d.id);
}

function verdictOf(run: DiagnosticsRun, group: CheckGroupId, check: CheckId) {
  return run.groups.find((g) => g.id === group)?.checks.find((c) => c.id === check)?.verdict;
}

describe("field problems played by the demo", () => {
  it("already connected: healthy, no diagnosis, every read made", async () => {
    const run = await diagnoseTenant(tenant("already-connected"));
    expect(run.diagnoses).toEqual([]);
    expect(run.healthy).toBe(true);
    expect(run.creatio).toMatchObject({ runtime: "netfx", version: "8.2.1.1234" });
    expect(run.state.defaultResources?.count).toBe(1);
    expect(verdictOf(run, "identity-from-wizard", "token")).toBe("pass");
    expect(verdictOf(run, "identity-from-creatio", "token")).toBe("pass");
  });

  it("identity-down: the Identity Service does not run", async () => {
    const run = await diagnoseTenant(tenant("identity-down"));
    expect(diagnosisIds(run)).toEqual(["identity-service-not-started"]);
    const d = run.diagnoses[0];
    expect(d?.message).toContain("Nothing answers at 127.0.0.1:");
    expect(d?.fix).toContain('"Load User Profile"');
    expect(verdictOf(run, "identity-from-wizard", "tcp")).toBe("fail");
    expect(verdictOf(run, "identity-from-wizard", "discovery")).toBe("not-run");
    expect(run.healthy).toBe(false);
  });

  it("wrong-secret: invalid_client, with the table clean-up, seen from both sides", async () => {
    const run = await diagnoseTenant(tenant("wrong-secret"));
    expect(diagnosisIds(run)).toEqual(["invalid-client"]);
    const d = run.diagnoses[0];
    expect(d?.message).toContain("invalid_client");
    expect(d?.message).toContain("Creatio's health check sees the same refusal");
    expect(d?.fix).toContain("Clients, ClientScopes, ClientSecrets and ClientClaims");
    expect(verdictOf(run, "identity-from-creatio", "token")).toBe("fail");
  });

  it("wrong-secret with no secret given to the wizard: Creatio's view alone explains it", async () => {
    const created = tenant("wrong-secret");
    const run = await diagnoseTenant(created, { identity: { url: created.identityService.url } });
    expect(verdictOf(run, "identity-from-wizard", "token")).toBe("not-run");
    expect(diagnosisIds(run)).toEqual(["invalid-client"]);
    expect(run.diagnoses[0]?.message).toContain("refuses the client id and secret saved in Creatio");
  });

  it("unreachable-from-creatio: the wizard reaches it, Creatio does not; which side sees what", async () => {
    const connected = { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET };
    const run = await diagnoseTenant(tenant("unreachable-from-creatio", { settings: connected }));
    expect(diagnosisIds(run)).toEqual(["identity-unreachable-from-creatio"]);
    const d = run.diagnoses[0];
    expect(d?.message).toContain(`The wizard's server reaches the Identity Service at ${demo.identityUrl}`);
    expect(d?.message).toContain("Creatio's server cannot reach");
    expect(d?.fix).toContain("On the Creatio server, open");
    expect(d?.fix).toContain("not localhost");
    expect(verdictOf(run, "identity-from-wizard", "discovery")).toBe("pass");
    expect(verdictOf(run, "identity-from-creatio", "reachable")).toBe("fail");
  });

  it("old-version-no-healthcheck: says this version has none and that the wizard's checks stand in", async () => {
    const run = await diagnoseTenant(tenant("old-version-no-healthcheck"));
    expect(diagnosisIds(run)).toEqual(["health-check-absent"]);
    expect(run.diagnoses[0]?.message).toContain(
      "Creatio 8.0.10.1234 on .NET Framework has no OAuth health check",
    );
    expect(run.state.health).toMatchObject({ available: false, reason: "absent" });
    expect(verdictOf(run, "identity-from-creatio", "health-check")).toBe("warn");
    expect(verdictOf(run, "identity-from-wizard", "token")).toBe("pass");
    expect(run.state.settings?.legacy.map((l) => l.code)).toContain("IdentityServerUrl");
  });

  it("self-signed-identity: the wizard does not trust the Identity Service's certificate", async () => {
    const created = tenant("self-signed-identity");
    const run = await diagnoseTenant(created, { identity: created.identityService });
    expect(diagnosisIds(run)).toEqual(["certificate-not-trusted"]);
    expect(run.diagnoses[0]?.message).toContain("The Identity Service's HTTPS certificate is not trusted");
    expect(run.diagnoses[0]?.fix).toContain("Trusted Root Certification Authorities");
    const tls = run.groups.find((g) => g.id === "identity-from-wizard")?.checks.find((c) => c.id === "tls");
    expect(tls?.code).toBe("tls:untrusted");
    expect(tls?.details.certificate?.issuer).toContain("Creatio wizard demo CA");

    const trusted = await diagnoseTenant(created); // with the demo CA given
    expect(verdictOf(trusted, "identity-from-wizard", "tls")).toBe("pass");
    expect(verdictOf(trusted, "identity-from-wizard", "discovery")).toBe("pass");
    expect(diagnosisIds(trusted)).not.toContain("certificate-not-trusted");
  });

  it("trailing slash saved by hand: Creatio calls //connect/token", async () => {
    const url = `${demo.identityUrl}/`;
    const run = await diagnoseTenant(
      tenant("already-connected", { settings: { url } }),
      { identity: { clientSecret: DEMO_CLIENT_SECRET } }, // URL and client id as Creatio holds them
    );
    expect(diagnosisIds(run)).toEqual(["trailing-slash"]);
    expect(run.diagnoses[0]?.message).toContain(`${url}/connect/token`);
    expect(verdictOf(run, "setup", "settings")).toBe("fail");
    expect(verdictOf(run, "identity-from-creatio", "token")).toBe("fail");
    expect(verdictOf(run, "identity-from-wizard", "token")).toBe("pass"); // the wizard tests it without the slash
  });

  it("token asked from the Creatio URL: HTML comes back", async () => {
    const created = tenant("already-connected");
    const run = await diagnoseTenant(created, {
      identity: { url: created.baseUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    });
    expect(diagnosisIds(run)).toContain("token-from-creatio-url");
    expect(run.diagnoses.find((d) => d.id === "token-from-creatio-url")?.message).toContain(
      "Creatio's own address",
    );
  });

  it("two default resources: reports both and forbids a third", async () => {
    const run = await diagnoseTenant(tenant("two-default-resources"));
    expect(diagnosisIds(run)).toEqual(["default-resource-failed"]);
    expect(run.diagnoses[0]?.message).toContain("2 default resources");
    expect(run.healthy).toBe(false);
  });
});

describe("feature cache", () => {
  it("the state row for All employees written without clearing the cache: refresh and re-run step 1", async () => {
    const created = tenant("fresh-8.1-netfx");
    // Another tool wrote the row directly, after Creatio had cached "off" for Supervisor.
    const client = new TenantClient(created.baseUrl);
    await client.login();
    await client.post("/0/rest/FeatureService/GetFeatureState", { code: "OAuth20Integration" });
    const feature = await client.post<{ rows: { Id: string }[] }>(
      "/0/DataService/json/SyncReply/SelectQuery",
      {
        rootSchemaName: "Feature",
        operationType: 0,
        columns: columns("Id"),
        filters: equalsFilter("Code", 1, "OAuth20Integration"),
      },
    );
    const insert = await client.post<{ success: boolean }>("/0/DataService/json/SyncReply/InsertQuery", {
      rootSchemaName: "AdminUnitFeatureState",
      operationType: 1,
      columnValues: columnValues({
        Feature: [10, feature.body.rows[0]?.Id],
        SysAdminUnit: [10, ALL_EMPLOYEES_ROLE_ID],
        FeatureState: [4, 1],
      }),
    });
    expect(insert.body.success).toBe(true);

    const run = await diagnoseTenant(created);
    expect(run.state.feature).toMatchObject({ allEmployeesState: 1, currentUserState: 0 });
    const d = run.diagnoses.find((x) => x.id === "feature-cache");
    expect(d?.message).toContain("feature cache");
    expect(d?.fix).toContain("refresh every open Creatio page");
  });
});

describe("no-rights", () => {
  it("a refused save in this session names CanManageSysSettings", async () => {
    const created = tenant("no-rights");
    const { state } = await connectToCreatio({ baseUrl: created.baseUrl, ...CREDENTIALS });
    const history: PastError[] = [];
    try {
      await openCreatio(state).writeIdentitySettings({
        url: demo.identityUrl,
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
      });
    } catch (e) {
      if (!isWizardError(e)) throw e;
      history.push(e.toUserFacing());
    }
    expect(history.map((e) => e.code)).toEqual(["rights:sys-settings"]);
    const run = await diagnoseTenant(created, { history });
    expect(diagnosisIds(run)).toContain("missing-rights");
    const d = run.diagnoses.find((x) => x.id === "missing-rights");
    expect(d?.message).toContain("CanManageSysSettings");
    expect(d?.fix).toContain("Operation permissions");
  });

  it("RightsService answering false names both rights before any step runs", async () => {
    const run = await diagnoseTenant(tenant("no-rights"));
    const d = run.diagnoses.find((x) => x.id === "missing-rights");
    expect(d?.message).toContain("CanManageSysSettings");
    expect(d?.message).toContain("CanManageSolution");
    expect(verdictOf(run, "creatio", "rights-sys-settings")).toBe("warn");
    // The connection to Creatio works; this user only may not change the setup: a warning, not a failure.
    expect(run.groups.find((g) => g.id === "creatio")?.verdict).toBe("warn");
  });
});

describe("read-only", () => {
  it("only read calls reach Creatio, and the session is closed again", async () => {
    const created = tenant("already-connected");
    await diagnoseTenant(created);
    const snapshot = demo.creatio.snapshot(created.id);
    expect(snapshot.activeSessions).toBe(0);
    const writes = snapshot.calls.filter((c) =>
      /InsertQuery|UpdateQuery|PostSysSettingsValues|AddDefaultResource|CreateFeature|ClearFeaturesCache|SetFeatureState|ConfigureIdentityProvider/.test(
        c.path,
      ),
    );
    expect(writes).toEqual([]);
    expect(snapshot.calls.map((c) => c.path)).toContain("/0/api/OAuthHealthCheck");
  });

  it("with the wizard's session: no sign-in and no sign-out", async () => {
    const created = tenant("already-connected");
    const { state } = await connectToCreatio({ baseUrl: created.baseUrl, ...CREDENTIALS });
    const callsBefore = demo.creatio.snapshot(created.id).calls.length;
    const run = await runDiagnostics({ creatioUrl: created.baseUrl, session: state });
    expect(run.healthy).toBe(true);
    const after = demo.creatio.snapshot(created.id);
    const paths = after.calls.slice(callsBefore).map((c) => c.path);
    expect(paths.some((p) => p.includes("AuthService.svc/Login"))).toBe(false);
    expect(paths.some((p) => p.includes("Logout"))).toBe(false);
    expect(after.activeSessions).toBe(1);
  });
});
