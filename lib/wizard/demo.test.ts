import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CreatioSessionState } from "@/lib/creatio/types";
import { type DemoCreatio, type RunningDemo, startDemo, startDemoCreatio } from "@/lib/demo";
import type { DemoTenantSnapshot } from "@/lib/demo/types";
import { SessionStore } from "@/lib/session/store";
import type { WizardSession } from "@/lib/session/types";
import {
  createDemoTenant,
  type DemoConfig,
  demoBannerView,
  demoCaState,
  demoIdentityTrust,
  forgetDemoProgress,
  offersDemoCa,
  rememberDemoTenant,
  resetDemoTenant,
  sameUrl,
} from "./demo";

// The request's wizard session is this test's own; next/cache's refresh has no page to refresh here.
const current = vi.hoisted(() => ({ session: null as WizardSession | null }));
vi.mock("@/lib/session/current", () => ({
  getWizardSession: async () => current.session,
  ensureWizardSession: async () => {
    if (!current.session) throw new Error("the test sets a session first");
    return current.session;
  },
  // Sign-in renews the session id (issue 13); here the same object stands for it.
  renewWizardSession: async () => {
    if (!current.session) throw new Error("the test sets a session first");
    return current.session;
  },
  endWizardSession: async () => undefined,
}));
vi.mock("next/cache", () => ({ refresh: () => undefined }));

let running: RunningDemo;
/** A second demo Creatio that plays a real, on-site Creatio: not the wizard's demo. */
let realCreatio: DemoCreatio;
let demo: DemoConfig;
let session: WizardSession;

beforeAll(async () => {
  running = await startDemo();
  realCreatio = await startDemoCreatio({ identityServiceUrl: running.identityUrl });
  demo = { creatioUrl: running.creatioUrl, identityUrl: running.identityUrl };
});
afterAll(async () => {
  await realCreatio?.close();
  await running?.close();
});
beforeEach(() => {
  session = new SessionStore().create();
  current.session = session;
  vi.stubEnv("DEMO_CREATIO_URL", running.creatioUrl);
  vi.stubEnv("DEMO_IDENTITY_URL", running.identityUrl);
  return () => vi.unstubAllEnvs();
});

function signedIn(baseUrl: string): CreatioSessionState {
  return {
    baseUrl,
    runtime: "netfx",
    prefix: "/0",
    version: "8.1.2.3842",
    userName: "Supervisor",
    cookies: {},
  };
}

/** Creates a tenant through the wizard's own path and makes it this session's. */
async function ownTenant(scenario: Parameters<typeof createDemoTenant>[1]) {
  const created = await createDemoTenant(demo, scenario);
  if (!created.ok) throw new Error(created.error.message);
  rememberDemoTenant(session, created, `title of ${scenario}`);
  return created;
}

/** A tenant's data without its call log and live sessions. */
function dataOf(snap: DemoTenantSnapshot) {
  const { calls: _calls, activeSessions: _sessions, ...data } = snap;
  return data;
}

describe("a tenant per browser session", () => {
  it("keeps the created tenant, its scenario and its Identity Service in the session only", async () => {
    const created = await ownTenant("wrong-secret");
    expect(session.demo).toMatchObject({
      id: created.id,
      baseUrl: created.baseUrl,
      scenario: "wrong-secret",
      title: "title of wrong-secret",
      identityCaPem: null,
      identityCaTrusted: false,
    });
    expect(session.demoTenants[0]).toEqual({ baseUrl: created.baseUrl, identityUrl: running.identityUrl });
    // Another browser's session knows nothing of it.
    expect(new SessionStore().create().demo).toBeUndefined();
  });

  it("a failed creation says what to do and records the call", async () => {
    const gone = { creatioUrl: "http://127.0.0.1:9", identityUrl: null };
    const result = await createDemoTenant(gone, "fresh-8.1-netfx");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe("demo:unavailable");
    expect(result.error.fix).toContain("npm start");
    expect(result.error.calls).toEqual([
      expect.objectContaining({ method: "POST", url: "http://127.0.0.1:9/__demo/tenants", status: null }),
    ]);
  });

  it("reset brings only this browser's tenant back to its scenario's start", async () => {
    const mine = await ownTenant("fresh-8.1-netfx");
    const start = dataOf(running.creatio.snapshot(mine.id));
    const theirs = running.creatio.createTenant({ scenario: "fresh-8.1-netfx" });
    // Both change: settings saved in each, as two trainees would.
    expect(await changeSettings(mine.baseUrl)).toBe(true);
    expect(await changeSettings(theirs.baseUrl)).toBe(true);
    expect(dataOf(running.creatio.snapshot(mine.id))).not.toEqual(start);
    const theirsBefore = running.creatio.snapshot(theirs.id);

    const tenant = session.demo;
    if (!tenant) throw new Error("no tenant");
    expect(await resetDemoTenant(demo, tenant)).toEqual({ ok: true });
    expect(dataOf(running.creatio.snapshot(mine.id))).toEqual(start);
    expect(running.creatio.snapshot(theirs.id)).toEqual(theirsBefore);
  });

  it("reset of a tenant the demo no longer has explains how to get a fresh one", async () => {
    const mine = await ownTenant("fresh-8.3-net");
    running.creatio.deleteTenant(mine.id);
    const tenant = session.demo;
    if (!tenant) throw new Error("no tenant");
    const result = await resetDemoTenant(demo, tenant);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain("no longer exists");
    expect(result.error.fix).toContain("Use demo Creatio");
  });
});

/** Signs in to a tenant and saves a URL there, as the wizard would; true when Creatio saved it. */
async function changeSettings(baseUrl: string): Promise<boolean> {
  const { connectToCreatio, openCreatio } = await import("@/lib/creatio");
  const { state } = await connectToCreatio({ baseUrl, userName: "Supervisor", password: "Supervisor" });
  const saved = await openCreatio(state).writeIdentitySettings({
    url: "https://changed.example.com",
    clientId: "changed",
    clientSecret: "",
  });
  return saved.saved.OAuth20IdentityServerUrl === true;
}

describe("a real URL never touches the demo", () => {
  it("connecting to a non-demo Creatio makes no call to the demo and creates no tenant", async () => {
    const { connectAction } = await import("@/app/actions");
    const mine = await ownTenant("fresh-8.1-netfx");
    const ownBefore = running.creatio.snapshot(mine.id);
    const real = realCreatio.createTenant({ scenario: "fresh-8.3-net" });
    const tenantsBefore = running.creatio.tenantCount();
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      // Signed in: the answer is step 1 itself (a redirect), not a result to show.
      const signedIn = await connectAction({
        baseUrl: real.baseUrl,
        userName: "Supervisor",
        password: "Supervisor",
      }).then(
        () => null,
        (e: { digest?: string }) => e.digest ?? null,
      );
      expect(signedIn).toMatch(/^NEXT_REDIRECT;\w+;\/setup\/feature;/);
      const demoCalls = fetchSpy.mock.calls.filter(([input]) =>
        String(input instanceof Request ? input.url : input).startsWith(running.creatioUrl),
      );
      expect(demoCalls).toEqual([]);
    } finally {
      fetchSpy.mockRestore();
    }
    expect(running.creatio.tenantCount()).toBe(tenantsBefore);
    expect(running.creatio.snapshot(mine.id)).toEqual(ownBefore);
    expect(realCreatio.snapshot(real.id).activeSessions).toBe(1);
    // Signed in to a real Creatio: no Demo banner, no reset, no demo trust.
    expect(demoBannerView(demo, session)).toBeNull();
    expect(demoIdentityTrust(session, running.identityUrl)).toBeUndefined();
  });

  it("reset without a demo tenant of this browser calls nothing", async () => {
    const { resetDemoAction } = await import("@/app/demo/actions");
    const tenantsBefore = running.creatio.tenantCount();
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    try {
      const result = await resetDemoAction();
      expect(result.ok).toBe(false);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
    expect(running.creatio.tenantCount()).toBe(tenantsBefore);
  });
});

describe("the Demo banner", () => {
  const own = (): NonNullable<WizardSession["demo"]> => ({
    id: "abc",
    baseUrl: `${running.creatioUrl}/t/abc`,
    scenario: "no-rights",
    title: "Operator without rights",
    identityUrl: running.identityUrl,
    identityCaPem: null,
    identityCaTrusted: false,
  });

  it("names this browser's scenario before and while signed in to its tenant", () => {
    session.demo = own();
    expect(demoBannerView(demo, session)).toMatchObject({
      kind: "own",
      title: "Operator without rights",
      connected: false,
    });
    session.creatio = signedIn(`${running.creatioUrl}/t/abc/`);
    expect(demoBannerView(demo, session)).toMatchObject({ kind: "own", connected: true });
  });

  it("says demo without a scenario for a demo address typed by hand, and nothing for a real Creatio", () => {
    session.creatio = signedIn(`${running.creatioUrl}/t/someone-else`);
    expect(demoBannerView(demo, session)).toEqual({
      kind: "other",
      baseUrl: `${running.creatioUrl}/t/someone-else`,
    });
    session.demo = own();
    session.creatio = signedIn("https://creatio.example.com");
    expect(demoBannerView(demo, session)).toBeNull();
    expect(demoBannerView(null, session)).toBeNull();
    expect(demoBannerView(demo, null)).toBeNull();
  });
});

describe("after a reset the wizard forgets its progress on the tenant", () => {
  it("signs out of the tenant and forgets review, draft, saved secret and CA trust", () => {
    const baseUrl = `${running.creatioUrl}/t/abc`;
    session.demo = {
      id: "abc",
      baseUrl,
      scenario: "self-signed-identity",
      title: "t",
      identityUrl: "https://127.0.0.1:1",
      identityCaPem: "pem",
      identityCaTrusted: true,
    };
    session.creatio = signedIn(baseUrl);
    session.lastLogin = { baseUrl, userName: "Supervisor" };
    session.settingsReviewed = true;
    session.draft = { baseUrl, identityUrl: "x", clientId: "y", clientSecret: "z" };
    session.previous = { baseUrl, identityUrl: "x", clientId: "y" };
    session.secretSavedFor = baseUrl;
    forgetDemoProgress(session);
    expect(session.creatio).toBeNull();
    expect(session).toMatchObject({
      lastLogin: { baseUrl, userName: "Supervisor" },
      settingsReviewed: false,
      draft: null,
      previous: null,
      secretSavedFor: null,
      demo: { identityCaTrusted: false },
    });
  });

  it("brings the connect page back to the tenant after signing out of a real Creatio, keeping its draft", () => {
    const baseUrl = `${running.creatioUrl}/t/abc`;
    session.demo = {
      id: "abc",
      baseUrl,
      scenario: "fresh-8.1-netfx",
      title: "t",
      identityUrl: running.identityUrl,
      identityCaPem: null,
      identityCaTrusted: false,
    };
    const real = "https://creatio.example.com";
    session.lastLogin = { baseUrl: real, userName: "Admin" };
    session.settingsReviewed = true;
    session.draft = { baseUrl: real, identityUrl: "x", clientId: "y", clientSecret: "z" };
    forgetDemoProgress(session);
    expect(session.lastLogin).toEqual({ baseUrl, userName: "Supervisor" });
    expect(session.settingsReviewed).toBe(false);
    expect(session.draft?.baseUrl).toBe(real);
  });

  it("keeps a real Creatio's session and memory", () => {
    session.demo = {
      id: "abc",
      baseUrl: `${running.creatioUrl}/t/abc`,
      scenario: "fresh-8.1-netfx",
      title: "t",
      identityUrl: running.identityUrl,
      identityCaPem: null,
      identityCaTrusted: false,
    };
    const real = "https://creatio.example.com";
    session.creatio = signedIn(real);
    session.lastLogin = { baseUrl: real, userName: "Admin" };
    session.settingsReviewed = true;
    session.secretSavedFor = real;
    forgetDemoProgress(session);
    expect(session.creatio?.baseUrl).toBe(real);
    expect(session).toMatchObject({
      settingsReviewed: true,
      secretSavedFor: real,
      lastLogin: { userName: "Admin" },
    });
  });
});

describe("trusting the demo CA", () => {
  it("is offered only for an untrusted certificate of this browser's demo Identity Service", async () => {
    const mine = await ownTenant("self-signed-identity");
    const tls = mine.identityUrl ?? "";
    expect(tls.startsWith("https://")).toBe(true);
    expect(session.demo?.identityCaPem).toContain("BEGIN CERTIFICATE");
    // Not signed in to the tenant yet: nothing offered.
    expect(offersDemoCa(session, tls, "tls:untrusted")).toBe(false);
    session.creatio = signedIn(mine.baseUrl);
    expect(offersDemoCa(session, tls, "tls:untrusted")).toBe(true);
    expect(offersDemoCa(session, tls, "tls:self-signed")).toBe(true);
    expect(offersDemoCa(session, tls, "identity:unreachable")).toBe(false);
    expect(offersDemoCa(session, tls, undefined)).toBe(false);
    expect(offersDemoCa(session, "https://is.example.com", "tls:untrusted")).toBe(false);
    expect(demoIdentityTrust(session, tls)).toBeUndefined();
    expect(demoCaState(session, tls, [{}, { code: "tls:untrusted" }])).toBe("offer");
    expect(demoCaState(session, tls, [{ code: "identity:unreachable" }])).toBeUndefined();
  });

  it("once chosen, trusts the CA for that Identity Service only, and only while on the own tenant", async () => {
    const { trustDemoIdentityCaAction } = await import("@/app/demo/actions");
    const mine = await ownTenant("self-signed-identity");
    const tls = mine.identityUrl ?? "";
    session.creatio = signedIn(mine.baseUrl);
    const result = await trustDemoIdentityCaAction();
    expect(result).toMatchObject({
      ok: true,
      fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    });
    expect(demoIdentityTrust(session, `${tls}/`)).toEqual({ caPem: running.identityCaPem });
    expect(offersDemoCa(session, tls, "tls:untrusted")).toBe(false);
    expect(demoCaState(session, tls, [])).toBe("trusted");
    expect(demoIdentityTrust(session, "https://is.example.com")).toBeUndefined();
    // The status page's run reads the address from Creatio: the CA is only added to the system's roots.
    expect(demoIdentityTrust(session, null)).toEqual({ caPem: running.identityCaPem });
    session.creatio = signedIn("https://creatio.example.com");
    expect(demoIdentityTrust(session, tls)).toBeUndefined();
    expect(demoIdentityTrust(session, null)).toBeUndefined();
  });

  it("the trusted CA makes the wizard host's discovery request to the HTTPS demo Identity Service pass", async () => {
    const { fetchDiscovery } = await import("@/lib/identity/probe");
    const mine = await ownTenant("self-signed-identity");
    const tls = mine.identityUrl ?? "";
    session.creatio = signedIn(mine.baseUrl);
    await expect(fetchDiscovery(tls)).rejects.toMatchObject({ code: "tls:untrusted" });
    if (session.demo) session.demo.identityCaTrusted = true;
    const doc = await fetchDiscovery(tls, { trust: demoIdentityTrust(session, tls) });
    expect(doc.tokenEndpoint).toMatch(/^https:\/\//);
    // Per connection: without the trust the same request still fails.
    await expect(fetchDiscovery(tls)).rejects.toMatchObject({ code: "tls:untrusted" });
  });

  it("has nothing to trust in a scenario without the demo CA", async () => {
    const { trustDemoIdentityCaAction } = await import("@/app/demo/actions");
    const mine = await ownTenant("fresh-8.1-netfx");
    session.creatio = signedIn(mine.baseUrl);
    const result = await trustDemoIdentityCaAction();
    expect(result.ok).toBe(false);
    expect(session.demo?.identityCaTrusted).toBe(false);
  });
});

describe("sameUrl", () => {
  it("ignores a trailing slash and the host's case, not the path", () => {
    expect(sameUrl("http://HOST:1/t/a/", "http://host:1/t/a")).toBe(true);
    expect(sameUrl("http://host:1/t/a", "http://host:1/t/b")).toBe(false);
    expect(sameUrl("not a url", "not a url")).toBe(false);
  });
});
