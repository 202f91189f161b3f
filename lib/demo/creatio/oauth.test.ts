import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_WRONG_CLIENT_SECRET } from "../identity/constants";
import { signedInTenant, startTestDemo, TenantClient, type TestDemo } from "../test-support";
import type { DemoTenantOverrides } from "../types";

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(() => demo.close());

interface AddResult {
  AddDefaultResourceResult: {
    success: boolean;
    scope: string | null;
    errorInfo: { errorCode: string; message: string } | null;
  };
}

/** Settings saved as a fresh tenant would have them after step 3 (fast resource creation for tests). */
function connected(overrides: DemoTenantOverrides = {}): DemoTenantOverrides {
  return {
    addDefaultResourceDelayMs: 5,
    ...overrides,
    settings: {
      url: demo.identity.url,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      ...overrides.settings,
    },
  };
}

const addDefault = (client: TenantClient, p: string) =>
  client.post<AddResult>(`${p}/rest/OAuthConfigService/AddDefaultResource`);

describe("AddDefaultResource", () => {
  it("registers a resource at the Identity Service and stores one default resource", async () => {
    const { id, client, p } = await signedInTenant(demo, { config: connected() });
    const { status, body } = await addDefault(client, p);
    expect(status).toBe(200);
    expect(body.AddDefaultResourceResult).toEqual({
      success: true,
      errorInfo: null,
      scope: expect.stringMatching(/^ApplicationAccess_[0-9a-f]{32}$/),
    });
    const scope = body.AddDefaultResourceResult.scope ?? "";
    expect(demo.creatio.snapshot(id).defaultResources).toEqual([{ name: scope }]);
    expect(demo.identity.registeredResources()).toContain(scope);
  });

  it("is not idempotent: a second call fails with ItemAlreadyExistException and adds nothing", async () => {
    const { id, client, p } = await signedInTenant(demo, { config: connected() });
    const first = await addDefault(client, p);
    const second = await addDefault(client, p);
    expect(second.status).toBe(200);
    expect(second.body.AddDefaultResourceResult).toMatchObject({
      success: false,
      errorInfo: {
        errorCode: "ItemAlreadyExistException",
        message: `Item with identifier "${first.body.AddDefaultResourceResult.scope}" already exists`,
      },
    });
    expect(demo.creatio.snapshot(id).defaultResources).toHaveLength(1);
  });

  it("creates only one resource when two calls overlap", async () => {
    const { id, client, p } = await signedInTenant(demo, {
      config: connected({ addDefaultResourceDelayMs: 30 }),
    });
    const results = await Promise.all([addDefault(client, p), addDefault(client, p)]);
    const outcomes = results.map((result) => result.body.AddDefaultResourceResult.success).sort();
    expect(outcomes).toEqual([false, true]);
    expect(demo.creatio.snapshot(id).defaultResources).toHaveLength(1);
  });

  const supervisorWithout = (right: "canManageSysSettings" | "canManageSolution") => ({
    Supervisor: {
      password: "Supervisor",
      loginCode: 0 as const,
      canManageSysSettings: true,
      canManageSolution: true,
      [right]: false,
    },
  });
  const failures: [string, (isUrl: string) => DemoTenantOverrides, string, RegExp][] = [
    [
      "without CanManageSolution",
      () => ({ users: supervisorWithout("canManageSolution") }),
      "SecurityException",
      /CanManageSolution/,
    ],
    [
      "with the app-config switch off",
      () => ({ oauthConfigSwitch: false }),
      "InvalidOperationException",
      /Feature-EnableOAuth20Integration = true/,
    ],
    [
      "with a wrong secret",
      () => ({ settings: { clientSecret: DEMO_WRONG_CLIENT_SECRET } }),
      "InvalidOperationException",
      /^Unable to register resource/,
    ],
    [
      "with a trailing slash in the URL (//connect/token)",
      (isUrl) => ({ settings: { url: `${isUrl}/` } }),
      "InvalidOperationException",
      /^Unable to register resource/,
    ],
    [
      "when Creatio cannot reach the service",
      (isUrl) => ({ unreachableFromCreatio: [new URL(isUrl).host] }),
      "InvalidOperationException",
      /^Unable to connect to OAuth server at "http/,
    ],
  ];

  it.each(failures)("fails %s and changes nothing", async (_label, overrides, errorCode, message) => {
    const { id, client, p } = await signedInTenant(demo, { config: connected(overrides(demo.identity.url)) });
    const { status, body } = await addDefault(client, p);
    expect(status).toBe(200);
    expect(body.AddDefaultResourceResult.success).toBe(false);
    expect(body.AddDefaultResourceResult.errorInfo?.errorCode).toBe(errorCode);
    expect(body.AddDefaultResourceResult.errorInfo?.message).toMatch(message);
    expect(demo.creatio.snapshot(id).defaultResources).toEqual([]);
  });

  it("configures settings and the resource in one call from 8.2 (ConfigureIdentityProvider)", async () => {
    const { id, client, p } = await signedInTenant(demo, {
      config: { version: "8.2.1.1234", addDefaultResourceDelayMs: 5 },
    });
    const { body } = await client.post(`${p}/rest/OAuthConfigService/ConfigureIdentityProvider`, {
      settingsRequest: {
        serverUrl: demo.identity.url,
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
      },
    });
    expect(body).toEqual({ success: true, errorInfo: null });
    const snapshot = demo.creatio.snapshot(id);
    expect(snapshot.settings).toEqual({ url: demo.identity.url, clientId: DEMO_CLIENT_ID, secretSet: true });
    expect(snapshot.defaultResources).toHaveLength(1);

    const old = await signedInTenant(demo, { scenario: "fresh-8.1-netfx" });
    expect(
      (await old.client.request("POST", "/0/rest/OAuthConfigService/ConfigureIdentityProvider", {})).status,
    ).toBe(404);
  });
});

interface Health {
  HasProblem: boolean;
  IsSystemSettingsFilledIn: boolean;
  IsIdentityServiceAvailable: boolean;
  IsAccessTokenRetrievableForSystemActions: boolean;
  IsDefaultResourceRegistered?: boolean;
  Message?: string;
}

async function health(client: TenantClient, p: string): Promise<{ status: number; body: Health }> {
  const response = await client.request("GET", `${p}/api/OAuthHealthCheck`);
  return { status: response.status, body: (await response.json()) as Health };
}

describe("OAuth health check, computed from the tenant's state", () => {
  it("names all three settings when all are empty", async () => {
    const { client, p } = await signedInTenant(demo);
    expect(await health(client, p)).toEqual({
      status: 500,
      body: {
        HasProblem: true,
        IsSystemSettingsFilledIn: false,
        IsIdentityServiceAvailable: false,
        IsAccessTokenRetrievableForSystemActions: false,
        Message:
          "System settings OAuth20IdentityServerUrl, OAuth20IdentityServerClientId, OAuth20IdentityServerClientSecret are empty.",
      },
    });
  });

  it("names the one empty setting", async () => {
    const { client, p } = await signedInTenant(demo, { config: connected({ settings: { url: "" } }) });
    expect((await health(client, p)).body.Message).toBe("System setting OAuth20IdentityServerUrl is empty.");
  });

  it("says unavailable when Creatio cannot reach the service, though the wizard can", async () => {
    const host = new URL(demo.identity.url).host;
    const { client, p } = await signedInTenant(demo, {
      config: connected({ unreachableFromCreatio: [host] }),
    });
    const { status, body } = await health(client, p);
    expect(status).toBe(500);
    expect(body).toMatchObject({ IsSystemSettingsFilledIn: true, IsIdentityServiceAvailable: false });
    expect(body.Message).toBe(
      "IdentityService specified in system setting OAuth20IdentityServerUrl is unavailable.",
    );
    expect((await fetch(`${demo.identity.url}/.well-known/openid-configuration`)).status).toBe(200);
  });

  it("says the token is not retrievable with a wrong secret", async () => {
    const { client, p } = await signedInTenant(demo, { scenario: "wrong-secret" });
    const { status, body } = await health(client, p);
    expect(status).toBe(500);
    expect(body).toMatchObject({
      IsSystemSettingsFilledIn: true,
      IsIdentityServiceAvailable: true,
      IsAccessTokenRetrievableForSystemActions: false,
    });
    expect(body.Message).toMatch(/^Can't retrieve access_token/);
  });

  it("is healthy with the right settings, and follows a settings change at once", async () => {
    const { client, p } = await signedInTenant(demo, { config: connected() });
    expect(await health(client, p)).toEqual({
      status: 200,
      body: {
        HasProblem: false,
        IsSystemSettingsFilledIn: true,
        IsIdentityServiceAvailable: true,
        IsAccessTokenRetrievableForSystemActions: true,
      },
    });
    await client.post(`${p}/DataService/json/SyncReply/PostSysSettingsValues`, {
      isPersonal: false,
      sysSettingsValues: { OAuth20IdentityServerClientSecret: DEMO_WRONG_CLIENT_SECRET },
    });
    expect((await health(client, p)).body.IsAccessTokenRetrievableForSystemActions).toBe(false);
  });

  it("reports IsDefaultResourceRegistered when the knob is on", async () => {
    const { client, p } = await signedInTenant(demo, { scenario: "already-connected" });
    expect((await health(client, p)).body).toMatchObject({
      HasProblem: false,
      IsDefaultResourceRegistered: true,
    });
  });

  it("is absent before 8.1.2, and on .NET before 8.3.2", async () => {
    for (const config of [
      { version: "8.0.10.1234" },
      { version: "8.1.1.1000" },
      { runtime: "net", version: "8.2.3.1000" },
    ] as const) {
      const { client, p } = await signedInTenant(demo, { config });
      expect((await client.request("GET", `${p}/api/OAuthHealthCheck`)).status).toBe(404);
    }
    const dotnet = await signedInTenant(demo, { scenario: "fresh-8.3-net" });
    expect((await dotnet.client.request("GET", "/api/OAuthHealthCheck")).status).toBe(500);
  });

  it("answers 401 without a session when it needs one, and computes anonymously otherwise", async () => {
    const needs = demo.creatio.createTenant();
    expect((await new TenantClient(needs.baseUrl).request("GET", "/0/api/OAuthHealthCheck")).status).toBe(
      401,
    );
    const open = demo.creatio.createTenant({ config: { healthCheckNeedsSession: false } });
    const answer = await new TenantClient(open.baseUrl).request("GET", "/0/api/OAuthHealthCheck");
    expect(answer.status).toBe(500);
    expect(await answer.json()).toMatchObject({ IsSystemSettingsFilledIn: false });
  });
});
