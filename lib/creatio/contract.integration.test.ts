// The whole contract against the embedded demo Creatio, on both runtimes and on 8.1.2 and 8.3.2.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ALL_EMPLOYEES_ROLE_ID, SYSTEM_ADMINISTRATORS_ROLE_ID } from "@/lib/contract/creatio";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  type DemoTenantConfig,
  type RunningDemo,
  startDemo,
} from "@/lib/demo";
import { openCreatio } from "./client";
import {
  connect,
  dataOf,
  type FaultProxy,
  failure,
  startFaultProxy,
  tenantCalls,
  viaProxy,
} from "./test-support/demo";
import type { CreatioSessionState } from "./types";

let demo: RunningDemo;
let proxy: FaultProxy;

beforeAll(async () => {
  demo = await startDemo({ tlsIdentity: false });
  proxy = await startFaultProxy(demo.creatioUrl);
});
afterAll(async () => {
  await proxy?.close();
  await demo?.close();
});

type Overrides = Partial<Omit<DemoTenantConfig, "users" | "settings" | "identityService">> & {
  settings?: Partial<DemoTenantConfig["settings"]>;
};

function tenant(config: Overrides = {}) {
  return demo.creatio.createTenant({ config: { addDefaultResourceDelayMs: 0, ...config } });
}

/** The jar's cookie names (never values) from a session state. */
function cookieNames(state: CreatioSessionState): string[] {
  const jar = state.cookies as { cookies: { key: string }[] };
  return jar.cookies.map((c) => c.key).sort();
}

const BUILDS = [
  {
    runtime: "netfx",
    version: "8.1.2.3842",
    prefix: "/0",
    csrf: "bpmcsrf",
    healthCheck: true,
    featureOn: false,
  },
  { runtime: "net", version: "8.3.2.4321", prefix: "", csrf: "crt_csrf", healthCheck: true, featureOn: true },
  {
    runtime: "netfx",
    version: "8.3.2.4321",
    prefix: "/0",
    csrf: "crt_csrf",
    healthCheck: true,
    featureOn: true,
  },
  {
    runtime: "net",
    version: "8.1.2.3842",
    prefix: "",
    csrf: "bpmcsrf",
    healthCheck: false,
    featureOn: false,
  },
] as const;

describe.each(BUILDS)("the whole wizard on $runtime $version", (build) => {
  it("connects, enables the feature, saves the settings, creates the default resource, reports health", async () => {
    const t = tenant({ runtime: build.runtime, version: build.version });
    const baseUrl = viaProxy(proxy, t.baseUrl);
    const firstSeen = proxy.seen.length;

    // Connect: login at the root, runtime, version.
    const connected = await connect(`${baseUrl}/0/`);
    const { state } = connected;
    expect(state).toMatchObject({
      baseUrl,
      runtime: build.runtime,
      prefix: build.prefix,
      version: build.version,
      userName: "Supervisor",
    });
    expect(connected.warning).toBeNull();
    expect(connected.calls[0]).toMatchObject({
      method: "POST",
      url: `${baseUrl}/ServiceModel/AuthService.svc/Login`,
      status: 200,
    });
    expect(cookieNames(state)).toEqual(
      build.csrf === "crt_csrf"
        ? [".ASPXAUTH", "CRT_CSRF", "CRT_LOADER", "CRT_SESSIONID"]
        : [".ASPXAUTH", "BPMCSRF", "BPMLOADER", "UserName"],
    );
    expect(connected.calls.at(-1)?.url).toBe(
      `${baseUrl}${build.prefix}/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo`,
    );

    const client = openCreatio(state);

    // Step 1.
    const before = await client.getFeatureStatus();
    expect(before).toMatchObject({
      code: "OAuth20Integration",
      exists: true,
      allEmployeesState: build.featureOn ? 1 : null,
      currentUserState: build.featureOn ? 1 : 0,
    });
    const enabled = await client.enableFeatureForAllUsers();
    expect(enabled).toMatchObject({
      created: false,
      allEmployeesRow: build.featureOn ? "unchanged" : "inserted",
      verifiedState: 1,
    });
    // The id the page needs to show the feature without selecting it again.
    expect(enabled.featureId).toBe(before.featureId);
    if (!build.featureOn) expect(enabled.cacheCleared).toEqual({ base64Name: true, allFeatures: true });
    const afterStep1 = demo.creatio.snapshot(t.id);
    expect(afterStep1.featureRows).toEqual(
      expect.arrayContaining([
        { sysAdminUnitId: SYSTEM_ADMINISTRATORS_ROLE_ID, state: 0 },
        { sysAdminUnitId: ALL_EMPLOYEES_ROLE_ID, state: 1 },
      ]),
    );
    expect(afterStep1.featureRows).toHaveLength(2);
    expect(await client.getFeatureStatus()).toMatchObject({ allEmployeesState: 1, currentUserState: 1 });

    // Step 2.
    expect(await client.readIdentitySettings()).toEqual({
      url: null,
      clientId: null,
      secret: "unknown",
      missingCodes: [],
      legacy: [],
    });

    // Step 3: the URL is stored without its trailing slash.
    const saved = await client.writeIdentitySettings({
      url: `${demo.identityUrl}/`,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
    });
    expect(saved).toMatchObject({
      saved: {
        OAuth20IdentityServerUrl: true,
        OAuth20IdentityServerClientId: true,
        OAuth20IdentityServerClientSecret: true,
      },
      allSaved: true,
      skipped: [],
      readBack: { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, secret: "unknown" },
    });
    expect(demo.creatio.snapshot(t.id).settings).toEqual({
      url: demo.identityUrl,
      clientId: DEMO_CLIENT_ID,
      secretSet: true,
    });

    // Status before step 4.
    const health = await client.getOAuthHealth();
    if (build.healthCheck) {
      expect(health).toEqual({
        available: true,
        httpStatus: 200,
        hasProblem: false,
        isSystemSettingsFilledIn: true,
        isIdentityServiceAvailable: true,
        isAccessTokenRetrievableForSystemActions: true,
        isDefaultResourceRegistered: null,
        message: null,
      });
    } else {
      expect(health).toEqual({ available: false, reason: "absent", httpStatus: 404 });
    }

    // Step 4: created once; a second run finds it and sends no second create.
    expect(await client.getDefaultResources()).toEqual({ count: 0, names: [] });
    const created = await client.addDefaultResource();
    expect(created.outcome).toBe("created");
    expect(created.scope).toMatch(/^ApplicationAccess_[0-9a-f]{32}$/);
    expect(await client.getDefaultResources()).toEqual({ count: 1, names: [created.scope] });
    expect(await client.addDefaultResource()).toEqual({ outcome: "already-existed", scope: created.scope });
    const final = demo.creatio.snapshot(t.id);
    expect(final.defaultResources).toEqual([{ name: created.scope }]);
    expect(tenantCalls(demo, t.id).filter((c) => c.endsWith("/AddDefaultResource"))).toHaveLength(1);

    // Every call went where the contract says, with the CSRF header named after the CSRF cookie.
    const seen = proxy.seen.slice(firstSeen);
    const login = seen.filter((s) => s.key.endsWith("/ServiceModel/AuthService.svc/Login"));
    expect(login).toHaveLength(1);
    expect(login[0]?.headers.forceusesession).toBe("true");
    expect(login[0]?.headers.bpmcsrf ?? login[0]?.headers.crt_csrf).toBeUndefined();
    const others = seen.filter((s) => !s.key.includes("/AuthService.svc/"));
    expect(others.length).toBeGreaterThan(15);
    for (const s of others) {
      expect(s.headers[build.csrf], s.key).toMatch(/.+/);
      expect(s.headers[build.csrf === "crt_csrf" ? "bpmcsrf" : "crt_csrf"], s.key).toBeUndefined();
      expect(s.headers.accept).toBe("application/json");
      expect(s.headers["content-type"]).toBe("application/json");
      expect(s.headers.cookie).toContain(".ASPXAUTH=");
    }

    // The client's call list is exactly what Creatio received, in order.
    const recorded = [...connected.calls, ...client.calls].map(
      (c) => `${c.method} ${c.url.slice(baseUrl.length)}`,
    );
    expect(recorded).toEqual(tenantCalls(demo, t.id));
    for (const call of client.calls) {
      if (!call.url.includes("/AuthService.svc/")) {
        expect(call.url.startsWith(`${baseUrl}${build.prefix}/`), call.url).toBe(true);
      }
    }

    // Logout ends the session; the next call is told so.
    await client.logout();
    expect(demo.creatio.snapshot(t.id).activeSessions).toBe(0);
    expect((await failure(client.getFeatureStatus())).code).toBe("auth:session-expired");
  });

  it("re-running on a connected instance shows everything done and changes nothing", async () => {
    const t = demo.creatio.createTenant({
      scenario: "already-connected",
      config: { runtime: build.runtime, version: build.version },
    });
    const { state } = await connect(t.baseUrl);
    const client = openCreatio(state);
    const before = dataOf(demo.creatio.snapshot(t.id));

    expect(await client.enableFeatureForAllUsers()).toEqual({
      created: false,
      featureId: expect.any(String),
      allEmployeesRow: "unchanged",
      cacheCleared: { base64Name: true, allFeatures: true },
      verifiedState: 1,
    });
    expect(await client.readIdentitySettings()).toMatchObject({
      url: demo.identityUrl,
      clientId: DEMO_CLIENT_ID,
    });
    expect(await client.addDefaultResource()).toMatchObject({ outcome: "already-existed" });

    expect(dataOf(demo.creatio.snapshot(t.id))).toEqual(before);
    // The feature-cache clears do run again (they change no data and are the fix for a hidden
    // section); nothing that writes data does.
    const writes = tenantCalls(demo, t.id).filter((c) =>
      /InsertQuery|UpdateQuery|PostSysSettingsValues|AddDefaultResource|CreateFeature/.test(c),
    );
    expect(writes).toEqual([]);
  });
});

describe("step 1 variants", () => {
  it("creates the feature when it does not exist, then adds the All employees row", async () => {
    const t = tenant({ featureExists: false });
    const client = openCreatio((await connect(t.baseUrl)).state);
    expect(await client.getFeatureStatus()).toEqual({
      code: "OAuth20Integration",
      exists: false,
      featureId: null,
      allEmployeesState: null,
      currentUserState: 0,
    });
    expect(await client.enableFeatureForAllUsers()).toMatchObject({
      created: true,
      allEmployeesRow: "inserted",
      verifiedState: 1,
    });
    const snap = demo.creatio.snapshot(t.id);
    expect(snap.featureExists).toBe(true);
    expect(snap.featureRows).toEqual([{ sysAdminUnitId: ALL_EMPLOYEES_ROLE_ID, state: 1 }]);
    expect(tenantCalls(demo, t.id)).toContain("POST /0/rest/FeatureService/CreateFeature");
  });

  it("updates an existing All employees row at 0 and clears the stale cache", async () => {
    const t = tenant({ allEmployeesFeatureState: 0, version: "8.2.0.1234" });
    const client = openCreatio((await connect(t.baseUrl)).state);
    // Read the state first so that Creatio caches the 0.
    expect((await client.getFeatureStatus()).currentUserState).toBe(0);
    expect(await client.enableFeatureForAllUsers()).toEqual({
      created: false,
      featureId: expect.any(String),
      allEmployeesRow: "updated",
      cacheCleared: { base64Name: true, allFeatures: true },
      verifiedState: 1,
    });
    expect(demo.creatio.snapshot(t.id).featureRows).toContainEqual({
      sysAdminUnitId: ALL_EMPLOYEES_ROLE_ID,
      state: 1,
    });
    const calls = tenantCalls(demo, t.id);
    expect(calls).toContain(
      "GET /0/rest/FeatureService/ClearFeaturesCacheForAllUsers/T0F1dGgyMEludGVncmF0aW9u",
    );
    expect(calls).toContain("GET /0/rest/FeatureService/ClearFeaturesCacheForAllUsers/");
    expect(calls.some((c) => c.includes("SetFeatureStateForAllUsers"))).toBe(false);
  });

  it("tolerates a failure of one cache clear when verification passes", async () => {
    const t = tenant({ allEmployeesFeatureState: 0 });
    proxy.inject({ path: /ClearFeaturesCacheForAllUsers\/T0F1/, fault: "html-500", times: 1 });
    try {
      const client = openCreatio((await connect(viaProxy(proxy, t.baseUrl))).state);
      await client.getFeatureStatus();
      expect(await client.enableFeatureForAllUsers()).toMatchObject({
        cacheCleared: { base64Name: false, allFeatures: true },
        verifiedState: 1,
      });
    } finally {
      proxy.clear();
    }
  });

  it("says feature:not-verified when both cache clears fail and Creatio still answers 0", async () => {
    const t = tenant({ allEmployeesFeatureState: 0 });
    proxy.inject({
      path: /ClearFeaturesCacheForAllUsers/,
      fault: { json: { Message: "fault" }, status: 500 },
    });
    try {
      const client = openCreatio((await connect(viaProxy(proxy, t.baseUrl))).state);
      await client.getFeatureStatus();
      const e = await failure(client.enableFeatureForAllUsers());
      expect(e.code).toBe("feature:not-verified");
      expect(e.fix).toMatch(/cache/);
    } finally {
      proxy.clear();
    }
  });
});

describe("steps 2 and 3 variants", () => {
  it.each(["empty", "null", "absent"] as const)("reads a secret returned as %s as unknown", async (form) => {
    const t = tenant({
      secretReadForm: form,
      settings: {
        url: "https://is.example.com",
        clientId: "IdServiceUser",
        clientSecret: "stored-secret-value",
      },
    });
    const client = openCreatio((await connect(t.baseUrl)).state);
    const settings = await client.readIdentitySettings();
    expect(settings).toMatchObject({
      url: "https://is.example.com",
      clientId: "IdServiceUser",
      secret: "unknown",
    });
    expect(settings.missingCodes).toEqual(form === "absent" ? ["OAuth20IdentityServerClientSecret"] : []);
    expect(JSON.stringify(settings)).not.toContain("stored-secret-value");
  });

  it.each(["absent", "empty"] as const)(
    "detects the older IdentityServer* codes (unknown codes %s)",
    async (form) => {
      const withLegacy = tenant({ legacySettings: true, unknownSettingForm: form });
      const withoutLegacy = tenant({ legacySettings: false, unknownSettingForm: form });
      const a = await openCreatio((await connect(withLegacy.baseUrl)).state).readIdentitySettings();
      const b = await openCreatio((await connect(withoutLegacy.baseUrl)).state).readIdentitySettings();
      expect(a.legacy.filter((l) => l.hasValue).map((l) => l.code)).toEqual([
        "IdentityServerUrl",
        "IdentityServerClientId",
      ]);
      expect(b.legacy.filter((l) => l.hasValue)).toEqual([]);
    },
  );

  it("keeps the stored secret when the form leaves it empty (the code is not sent)", async () => {
    const t = demo.creatio.createTenant({ scenario: "already-connected" });
    const client = openCreatio((await connect(t.baseUrl)).state);
    const result = await client.writeIdentitySettings({
      url: demo.identityUrl,
      clientId: DEMO_CLIENT_ID,
      clientSecret: "",
    });
    expect(result).toMatchObject({
      saved: { OAuth20IdentityServerUrl: true, OAuth20IdentityServerClientId: true },
      allSaved: true,
      skipped: ["OAuth20IdentityServerClientSecret"],
    });
    expect(result.saved).not.toHaveProperty("OAuth20IdentityServerClientSecret");
    // Still healthy: the old secret is still the right one.
    expect(await client.getOAuthHealth()).toMatchObject({ available: true, hasProblem: false });
  });

  it("never sends the settings page's mask as a secret", async () => {
    const t = demo.creatio.createTenant({ scenario: "already-connected" });
    const client = openCreatio((await connect(t.baseUrl)).state);
    const result = await client.writeIdentitySettings({
      url: demo.identityUrl,
      clientId: DEMO_CLIENT_ID,
      clientSecret: "123456789",
    });
    expect(result.skipped).toEqual(["OAuth20IdentityServerClientSecret"]);
    expect(await client.getOAuthHealth()).toMatchObject({ hasProblem: false });
  });

  it("asks for the current three codes alone when a build refuses the query with the older ones", async () => {
    const t = tenant({ settings: { url: "https://is.example.com", clientId: "abc" } });
    proxy.inject({
      path: /QuerySysSettings$/,
      body: /"IdentityServerUrl"/,
      fault: { json: { success: false, errorInfo: { message: "Setting IdentityServerUrl not found" } } },
    });
    try {
      const client = openCreatio((await connect(viaProxy(proxy, t.baseUrl))).state);
      expect(await client.readIdentitySettings()).toMatchObject({
        url: "https://is.example.com",
        clientId: "abc",
        legacy: [],
      });
      expect(tenantCalls(demo, t.id).filter((c) => c.endsWith("QuerySysSettings"))).toHaveLength(1);
    } finally {
      proxy.clear();
    }
  });

  it("trusts saveResult, not the top-level success (the 8.1 quirk)", async () => {
    const t = tenant({ saveSettingsSuccessQuirk: true });
    const client = openCreatio((await connect(t.baseUrl)).state);
    const result = await client.writeIdentitySettings({
      url: "https://is.example.com",
      clientId: "abc",
      clientSecret: "x",
    });
    expect(result.allSaved).toBe(true);
  });
});

describe("health check (docs/creatio-api.md §4.5)", () => {
  const FILLED = { url: "", clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET };

  it("names all three empty settings", async () => {
    const client = openCreatio((await connect(tenant().baseUrl)).state);
    expect(await client.getOAuthHealth()).toEqual({
      available: true,
      httpStatus: 500,
      hasProblem: true,
      isSystemSettingsFilledIn: false,
      isIdentityServiceAvailable: false,
      isAccessTokenRetrievableForSystemActions: false,
      isDefaultResourceRegistered: null,
      message:
        "System settings OAuth20IdentityServerUrl, OAuth20IdentityServerClientId, OAuth20IdentityServerClientSecret are empty.",
    });
  });

  it("names the one empty setting", async () => {
    const client = openCreatio((await connect(tenant({ settings: FILLED }).baseUrl)).state);
    expect(await client.getOAuthHealth()).toMatchObject({
      httpStatus: 500,
      isSystemSettingsFilledIn: false,
      message: "System setting OAuth20IdentityServerUrl is empty.",
    });
  });

  it("says when Creatio cannot reach the Identity Service", async () => {
    const t = demo.creatio.createTenant({ scenario: "unreachable-from-creatio" });
    const client = openCreatio((await connect(t.baseUrl)).state);
    await client.writeIdentitySettings({
      url: demo.identityUrl,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
    });
    expect(await client.getOAuthHealth()).toMatchObject({
      httpStatus: 500,
      isSystemSettingsFilledIn: true,
      isIdentityServiceAvailable: false,
      message: "IdentityService specified in system setting OAuth20IdentityServerUrl is unavailable.",
    });
  });

  it("says when Creatio gets no token with the saved pair", async () => {
    const t = demo.creatio.createTenant({ scenario: "wrong-secret" });
    const client = openCreatio((await connect(t.baseUrl)).state);
    expect(await client.getOAuthHealth()).toMatchObject({
      httpStatus: 500,
      isIdentityServiceAvailable: true,
      isAccessTokenRetrievableForSystemActions: false,
      message: expect.stringMatching(/^Can't retrieve access_token/),
    });
  });

  it("uses IsDefaultResourceRegistered when present", async () => {
    const t = demo.creatio.createTenant({ scenario: "already-connected" });
    const client = openCreatio((await connect(t.baseUrl)).state);
    expect(await client.getOAuthHealth()).toMatchObject({
      httpStatus: 200,
      isDefaultResourceRegistered: true,
    });
  });

  it("is absent before 8.1.2", async () => {
    const t = demo.creatio.createTenant({ scenario: "old-version-no-healthcheck" });
    const client = openCreatio((await connect(t.baseUrl)).state);
    expect(await client.getOAuthHealth()).toEqual({ available: false, reason: "absent", httpStatus: 404 });
  });

  it("works without a session when the build does not require one", async () => {
    const t = tenant({ healthCheckNeedsSession: false });
    const client = openCreatio((await connect(t.baseUrl)).state);
    demo.creatio.expireSessions(t.id);
    expect(await client.getOAuthHealth()).toMatchObject({ available: true, httpStatus: 500 });
  });

  it("reports 401 when it needs a session and there is none", async () => {
    const t = tenant({ healthCheckNeedsSession: true });
    const client = openCreatio((await connect(t.baseUrl)).state);
    demo.creatio.expireSessions(t.id);
    expect(await client.getOAuthHealth()).toEqual({
      available: false,
      reason: "unauthorized",
      httpStatus: 401,
    });
  });

  it.each([
    ["login-redirect", { available: false, reason: "login-redirect", httpStatus: 302 }],
    ["html", { available: false, reason: "html", httpStatus: 200 }],
    ["html-500", { available: false, reason: "html", httpStatus: 500 }],
    ["invalid-json", { available: false, reason: "unexpected", httpStatus: 200 }],
  ] as const)("reports a %s answer as such", async (fault, expected) => {
    const t = tenant();
    proxy.inject({ path: /\/api\/OAuthHealthCheck$/, fault });
    try {
      const client = openCreatio((await connect(viaProxy(proxy, t.baseUrl))).state);
      expect(await client.getOAuthHealth()).toEqual(expected);
    } finally {
      proxy.clear();
    }
  });
});

describe("step 4 variants", () => {
  it("two operators creating at the same moment still end with one default resource", async () => {
    const t = tenant({
      addDefaultResourceDelayMs: 300,
      settings: { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    });
    // Two base URLs (direct and through the proxy) so that both requests reach Creatio.
    const a = openCreatio((await connect(t.baseUrl)).state);
    const b = openCreatio((await connect(viaProxy(proxy, t.baseUrl))).state);
    const results = await Promise.all([a.addDefaultResource(), b.addDefaultResource()]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["already-existed", "created"]);
    expect(results[0]?.scope).toBe(results[1]?.scope);
    expect(demo.creatio.snapshot(t.id).defaultResources).toHaveLength(1);
  });

  it("a double click sends one create", async () => {
    const t = tenant({
      addDefaultResourceDelayMs: 200,
      settings: { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    });
    const client = openCreatio((await connect(t.baseUrl)).state);
    const [first, second] = await Promise.all([client.addDefaultResource(), client.addDefaultResource()]);
    expect(first).toEqual(second);
    expect(first?.outcome).toBe("created");
    expect(tenantCalls(demo, t.id).filter((c) => c.endsWith("/AddDefaultResource"))).toHaveLength(1);
  });

  it("decides by errorCode ItemAlreadyExistException, whatever the language", async () => {
    const t = tenant();
    proxy.inject({
      path: /\/AddDefaultResource$/,
      fault: {
        json: {
          AddDefaultResourceResult: {
            success: false,
            errorInfo: { errorCode: "ItemAlreadyExistException", message: "L'élément existe déjà" },
            scope: null,
          },
        },
      },
    });
    try {
      const client = openCreatio((await connect(viaProxy(proxy, t.baseUrl))).state);
      expect(await client.addDefaultResource()).toEqual({ outcome: "already-existed", scope: null });
    } finally {
      proxy.clear();
    }
  });

  it("when the answer is lost after Creatio created it, selects again and reports it created", async () => {
    const t = tenant({
      settings: { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    });
    proxy.inject({ path: /\/AddDefaultResource$/, fault: "lost-answer" });
    try {
      const client = openCreatio((await connect(viaProxy(proxy, t.baseUrl))).state, { longTimeoutMs: 500 });
      const result = await client.addDefaultResource();
      expect(result.outcome).toBe("created");
      expect(result.scope).toBe(demo.creatio.snapshot(t.id).defaultResources[0]?.name);
      expect(client.calls.find((c) => c.url.endsWith("/AddDefaultResource"))).toMatchObject({
        status: null,
        error: "network:timeout",
      });
    } finally {
      proxy.clear();
    }
  });

  it("after a timeout, selects again instead of creating a second resource", async () => {
    const t = tenant({
      addDefaultResourceDelayMs: 600,
      settings: { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    });
    const { state } = await connect(t.baseUrl);
    const impatient = openCreatio(state, { longTimeoutMs: 150 });
    expect((await failure(impatient.addDefaultResource())).code).toBe("network:timeout");
    // Creatio finishes the create on its own; wait for it rather than guess how long it takes.
    await vi.waitFor(() => expect(demo.creatio.snapshot(t.id).defaultResources).toHaveLength(1), {
      timeout: 10_000,
      interval: 50,
    });
    const patient = openCreatio(state);
    expect((await patient.addDefaultResource()).outcome).toBe("already-existed");
    expect(demo.creatio.snapshot(t.id).defaultResources).toHaveLength(1);
    expect(tenantCalls(demo, t.id).filter((c) => c.endsWith("/AddDefaultResource"))).toHaveLength(1);
  });
});

describe("runtime detection fallbacks (docs/creatio-api.md §3)", () => {
  async function runtimeWith(runtime: "netfx" | "net", injections: Parameters<FaultProxy["inject"]>[0][]) {
    const t = tenant({ runtime });
    for (const injection of injections) proxy.inject(injection);
    try {
      return (await connect(viaProxy(proxy, t.baseUrl))).state.runtime;
    } finally {
      proxy.clear();
    }
  }
  const bothSelects = {
    path: /\/DataService\/json\/SyncReply\/SelectQuery$/,
    fault: "html-500" as const,
    times: 2,
  };
  const bothLoginPages = { path: /\/Login\/(NuiLogin\.aspx|Login\.html)$/, fault: "html-500" as const };

  it.each(["netfx", "net"] as const)(
    "%s: DataService answering under neither prefix -> the login pages decide",
    async (runtime) => {
      expect(await runtimeWith(runtime, [bothSelects])).toBe(runtime);
    },
  );

  it.each(["netfx", "net"] as const)(
    "%s: DataService answering under both -> the login pages decide",
    async (runtime) => {
      const both = { path: /SelectQuery$/, fault: { json: { success: true, rows: [] } }, times: 2 };
      expect(await runtimeWith(runtime, [both])).toBe(runtime);
    },
  );

  it.each(["netfx", "net"] as const)(
    "%s: no login page either -> the health pings decide",
    async (runtime) => {
      expect(await runtimeWith(runtime, [bothSelects, bothLoginPages])).toBe(runtime);
    },
  );

  it("nothing decides -> creatio:unexpected, after a sign-in that changed nothing", async () => {
    const t = tenant();
    proxy.inject(bothSelects);
    proxy.inject(bothLoginPages);
    proxy.inject({ path: /\/api\/HealthCheck\/Ping$/, fault: "html-500" });
    try {
      const before = dataOf(demo.creatio.snapshot(t.id));
      const e = await failure(connect(viaProxy(proxy, t.baseUrl)));
      expect(e.code).toBe("creatio:unexpected");
      expect(dataOf(demo.creatio.snapshot(t.id))).toEqual(before);
    } finally {
      proxy.clear();
    }
  });

  it("an unreadable version is null, not a failed connection", async () => {
    const t = tenant();
    proxy.inject({ path: /GetApplicationInfo$/, fault: "html-500" });
    try {
      const { state } = await connect(viaProxy(proxy, t.baseUrl));
      expect(state).toMatchObject({ runtime: "netfx", version: null });
    } finally {
      proxy.clear();
    }
  });
});

describe("session state", () => {
  it("round-trips through state(): a new client on the stored state keeps the session", async () => {
    const t = tenant();
    const first = openCreatio((await connect(t.baseUrl)).state);
    await first.getFeatureStatus();
    const second = openCreatio(JSON.parse(JSON.stringify(first.state())));
    expect((await second.getFeatureStatus()).exists).toBe(true);
    expect(second.calls).toHaveLength(3);
    expect(first.calls).toHaveLength(3);
  });

  it("prefers CRT_CSRF when 8.3.2 also sends the BPM* cookies (compatibility mode)", async () => {
    const t = tenant({ version: "8.3.2.4321", cookieCompatibilityMode: true });
    const baseUrl = viaProxy(proxy, t.baseUrl);
    const { state } = await connect(baseUrl);
    expect(cookieNames(state)).toEqual(expect.arrayContaining(["BPMCSRF", "CRT_CSRF"]));
    const from = proxy.seen.length;
    await openCreatio(state).getFeatureStatus();
    const headers = proxy.seen.slice(from).map((s) => s.headers);
    expect(headers.every((h) => typeof h.crt_csrf === "string" && h.bpmcsrf === undefined)).toBe(true);
  });
});
