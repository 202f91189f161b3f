import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID } from "../identity/constants";
import { signedInTenant, startTestDemo, type TestDemo } from "../test-support";
import { DEMO_SCENARIOS, type DemoScenarioInfo, type DemoTenantSnapshot } from "../types";
import { ALL_EMPLOYEES_ID } from "./constants";

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(() => demo.close());

const admin = (path: string, init: RequestInit = {}) => fetch(`${demo.creatio.url}/__demo${path}`, init);
const postJson = (path: string, body?: unknown) =>
  admin(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("tenants", () => {
  it("keeps tenants apart", async () => {
    const a = await signedInTenant(demo);
    const b = await signedInTenant(demo);
    await a.client.post(`${a.p}/DataService/json/SyncReply/PostSysSettingsValues`, {
      isPersonal: false,
      sysSettingsValues: { OAuth20IdentityServerUrl: "https://a.example.com" },
    });
    expect(demo.creatio.snapshot(a.id).settings.url).toBe("https://a.example.com");
    expect(demo.creatio.snapshot(b.id).settings.url).toBe("");
    // A session of one tenant means nothing to another.
    const stolen = await b.client.request(
      "POST",
      `${b.p}/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo`,
      {},
      {
        csrf: { BPMCSRF: a.client.csrf?.[1] ?? "" },
      },
    );
    expect(stolen.status).toBe(401);
  });

  it("reset brings the scenario's start back and ends sessions", async () => {
    const { id, client, p } = await signedInTenant(demo, { scenario: "fresh-8.1-netfx" });
    await client.post(`${p}/DataService/json/SyncReply/PostSysSettingsValues`, {
      isPersonal: false,
      sysSettingsValues: { OAuth20IdentityServerClientId: "Changed" },
    });
    await client.post(`${p}/rest/FeatureService/SetFeatureStateForAllUsers`, {
      code: "OAuth20Integration",
      state: 1,
    });
    const start = demo.creatio.createTenant({ scenario: "fresh-8.1-netfx" });
    demo.creatio.resetTenant(id);
    const after = demo.creatio.snapshot(id);
    const pristine = demo.creatio.snapshot(start.id);
    expect({ ...after, id: "", baseUrl: "" }).toEqual({ ...pristine, id: "", baseUrl: "" });
    expect(after.calls).toEqual([]);
    expect(
      (await client.request("POST", `${p}/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo`, {}))
        .status,
    ).toBe(401);
  });

  it("creates every available scenario with its start state", async () => {
    const available = demo.creatio.scenarios().filter((scenario) => scenario.available);
    for (const { id: scenario } of available) {
      const created = demo.creatio.createTenant({ scenario });
      expect(created.scenario).toBe(scenario);
      expect(demo.creatio.snapshot(created.id).scenario).toBe(scenario);
    }
    const connected = demo.creatio.snapshot(demo.creatio.createTenant({ scenario: "already-connected" }).id);
    expect(connected.settings).toEqual({ url: demo.identity.url, clientId: DEMO_CLIENT_ID, secretSet: true });
    expect(connected.featureRows).toContainEqual({ sysAdminUnitId: ALL_EMPLOYEES_ID, state: 1 });
    expect(connected.defaultResources).toHaveLength(1);
    expect(
      demo.creatio.snapshot(demo.creatio.createTenant({ scenario: "two-default-resources" }).id)
        .defaultResources,
    ).toHaveLength(2);
  });

  it("counts its tenants: one more per create, one less per delete", () => {
    const before = demo.creatio.tenantCount();
    const created = demo.creatio.createTenant({ scenario: "fresh-8.3-net" });
    expect(demo.creatio.tenantCount()).toBe(before + 1);
    expect(demo.creatio.deleteTenant(created.id)).toBe(true);
    expect(demo.creatio.tenantCount()).toBe(before);
  });

  it("points identity-down at a loopback port where nothing listens", async () => {
    const { identityService } = demo.creatio.createTenant({ scenario: "identity-down" });
    expect(identityService.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(`${identityService.url}/.well-known/openid-configuration`)).rejects.toThrow();
  });

  it("marks the self-signed scenario unavailable without the HTTPS Identity Service", () => {
    const info = demo.creatio.scenarios().find((scenario) => scenario.id === "self-signed-identity");
    expect(info).toMatchObject({
      available: false,
      unavailableReason: expect.stringContaining("HTTPS Identity Service is not running"),
    });
    expect(() => demo.creatio.createTenant({ scenario: "self-signed-identity" })).toThrow(/not available/);
  });
});

describe("admin HTTP API", () => {
  it("creates a tenant (201) and answers its snapshot", async () => {
    const created = await postJson("/tenants", { scenario: "fresh-8.3-net", config: { latencyMs: 0 } });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; baseUrl: string; scenario: string };
    expect(body).toMatchObject({ scenario: "fresh-8.3-net", baseUrl: `${demo.creatio.url}/t/${body.id}` });
    const snapshot = (await (await admin(`/tenants/${body.id}`)).json()) as DemoTenantSnapshot;
    expect(snapshot).toMatchObject({ id: body.id, runtime: "net", version: "8.3.2.4321", calls: [] });
  });

  it("creates the default scenario from an empty body, and 'custom' from config alone", async () => {
    expect(await (await postJson("/tenants")).json()).toMatchObject({ scenario: "fresh-8.1-netfx" });
    expect(await (await postJson("/tenants", { config: { runtime: "net" } })).json()).toMatchObject({
      scenario: "custom",
    });
  });

  it.each([
    [{ scenario: "nope" }, /scenario/],
    [{ config: { version: "eight" } }, /config\.version/],
    [{ config: { csrfRejectStatus: 500 } }, /config\.csrfRejectStatus/],
    [{ config: { unknownKnob: true } }, /unknownKnob/],
    [[1, 2], /body/],
  ])("answers 400 with a plain message for %j", async (input, message) => {
    const response = await postJson("/tenants", input);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
  });

  it("answers 400 for a body that is not JSON", async () => {
    const response = await admin("/tenants", { method: "POST", body: "{nope" });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: "The request body is not valid JSON." });
  });

  it("resets, expires sessions, deletes, and answers 404 for an unknown tenant", async () => {
    const { id, client, p } = await signedInTenant(demo);
    expect(await (await postJson(`/tenants/${id}/expire-sessions`)).json()).toEqual({ expired: 1 });
    expect(
      (await client.request("POST", `${p}/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo`, {}))
        .status,
    ).toBe(401);
    const reset = await postJson(`/tenants/${id}/reset`);
    expect(reset.status).toBe(200);
    expect(((await reset.json()) as DemoTenantSnapshot).calls).toEqual([]);
    expect((await admin(`/tenants/${id}`, { method: "DELETE" })).status).toBe(204);
    const gone = await admin(`/tenants/${id}`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { message: string }).message).toMatch(/No demo tenant/);
    expect((await postJson("/tenants/nosuch/reset")).status).toBe(404);
  });

  it("lists the twelve scenarios with a title and an explanation", async () => {
    const scenarios = (await (await admin("/scenarios")).json()) as DemoScenarioInfo[];
    expect(scenarios.map((scenario) => scenario.id)).toEqual([...DEMO_SCENARIOS]);
    for (const scenario of scenarios) {
      expect(scenario.title.length).toBeGreaterThan(5);
      expect(scenario.explanation.length).toBeGreaterThan(100);
    }
  });
});

describe("a tenant with a fixed id", () => {
  it("lives at /t/<id>, refuses a taken id with 409 and a bad one with 400", async () => {
    const id = `fixed-${Date.now().toString(36)}`;
    const created = await postJson("/tenants", { id, scenario: "already-connected" });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; baseUrl: string };
    expect(body).toMatchObject({ id, baseUrl: `${demo.creatio.url}/t/${id}` });
    expect(demo.creatio.snapshot(id).scenario).toBe("already-connected");

    const taken = await postJson("/tenants", { id, scenario: "fresh-8.1-netfx" });
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { message: string }).message).toMatch(/exists already/);
    expect(demo.creatio.snapshot(id).scenario).toBe("already-connected");

    expect((await admin(`/tenants/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await postJson("/tenants", { id, scenario: "no-rights" })).status).toBe(201);
    expect(demo.creatio.snapshot(id).scenario).toBe("no-rights");

    expect((await postJson("/tenants", { id: "Not/Valid" })).status).toBe(400);
  });
});
