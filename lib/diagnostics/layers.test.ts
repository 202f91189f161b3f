import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectToCreatio } from "@/lib/creatio/client";
import { type FaultProxy, startFaultProxy, viaProxy } from "@/lib/creatio/test-support/demo";
import { closedPortUrl, sendHtml, startServer, type TestServer } from "@/lib/creatio/test-support/servers";
import { DEMO_PASSWORD, DEMO_USER, type RunningDemo, startDemo } from "@/lib/demo";
import { checkCreatio } from "./layers";
import { runConnectionCheck } from "./run";
import type { Check, CreatioCheckId, Verdict } from "./types";

let demo: RunningDemo;
let proxy: FaultProxy;
let htmlSite: TestServer;

beforeAll(async () => {
  demo = await startDemo({ tlsIdentity: false });
  proxy = await startFaultProxy(demo.creatioUrl);
  htmlSite = await startServer((_req, res) => sendHtml(res, 200));
});
afterAll(async () => {
  await Promise.all([proxy?.close(), htmlSite?.close()]);
  await demo?.close();
});
afterEach(() => proxy.clear());

const CREDENTIALS = { userName: DEMO_USER, password: DEMO_PASSWORD };
const ORDER: CreatioCheckId[] = [
  "dns",
  "tcp",
  "tls",
  "http",
  "creatio",
  "runtime",
  "login",
  "csrf",
  "rights-sys-settings",
  "rights-solution",
];

function verdicts(checks: Check[]): Record<string, Verdict> {
  return Object.fromEntries(checks.map((c) => [c.id, c.verdict]));
}

/** Every check below `failedId` is "not-run" and names the failed check; none of them is "fail". */
function expectNotRunBelow(checks: Check[], failedId: CreatioCheckId) {
  const at = checks.findIndex((c) => c.id === failedId);
  expect(checks[at]?.verdict).toBe("fail");
  const below = checks.slice(at + 1);
  expect(below.length).toBeGreaterThan(0);
  for (const check of below) {
    expect(check.verdict).toBe("not-run");
    expect(check.message).toContain(`"${checks[at]?.title}" failed first`);
    expect(check.details.calls).toEqual([]);
  }
}

describe("layer order", () => {
  it("lists the layers top-down, DNS to rights", async () => {
    const tenant = demo.creatio.createTenant({ scenario: "already-connected" });
    const outcome = await checkCreatio({ url: tenant.baseUrl, credentials: CREDENTIALS });
    await outcome.close();
    expect(outcome.group.checks.map((c) => c.id)).toEqual(ORDER);
  });

  it("a refused TCP connection: DNS passes, everything below TCP is not run", async () => {
    const outcome = await checkCreatio({
      url: await closedPortUrl(),
      credentials: CREDENTIALS,
      timeoutMs: 3_000,
    });
    expect(verdicts(outcome.group.checks).dns).toBe("pass");
    expect(outcome.group.checks.find((c) => c.id === "tcp")?.code).toBe("network:refused");
    expectNotRunBelow(outcome.group.checks, "tcp");
    expect(outcome.group.verdict).toBe("fail");
    expect(outcome.connection).toBeNull();
  });

  it("a host name that does not resolve: everything below DNS is not run", async () => {
    const outcome = await checkCreatio({
      url: "https://creatio.invalid",
      credentials: CREDENTIALS,
      timeoutMs: 3_000,
    });
    expectNotRunBelow(outcome.group.checks, "dns");
  });

  it("a site that is not Creatio: HTTP passes, 'Creatio answers' fails, nothing below runs", async () => {
    const outcome = await checkCreatio({ url: htmlSite.url, credentials: CREDENTIALS });
    const v = verdicts(outcome.group.checks);
    expect(v.http).toBe("pass");
    expect(outcome.group.checks.find((c) => c.id === "creatio")?.code).toBe("creatio:not-creatio");
    expectNotRunBelow(outcome.group.checks, "creatio");
    // The password was never sent anywhere.
    expect(htmlSite.requests.some((r) => r.method === "POST")).toBe(false);
  });

  it("a wrong password: sign-in fails with Creatio's words, CSRF and rights are not run", async () => {
    const tenant = demo.creatio.createTenant({});
    const outcome = await checkCreatio({
      url: tenant.baseUrl,
      credentials: { userName: DEMO_USER, password: "nope" },
    });
    const login = outcome.group.checks.find((c) => c.id === "login");
    expect(login?.code).toBe("auth:rejected");
    expect(login?.fix).toContain("case-sensitive");
    expect(verdicts(outcome.group.checks).runtime).toBe("pass"); // the anonymous pages told it
    expectNotRunBelow(outcome.group.checks, "login");
  });

  it("without a password: sign-in and the signed-in layers are not run, and nothing fails", async () => {
    const tenant = demo.creatio.createTenant({ scenario: "fresh-8.3-net" });
    const outcome = await checkCreatio({ url: tenant.baseUrl });
    const v = verdicts(outcome.group.checks);
    expect(v).toMatchObject({ creatio: "pass", runtime: "pass", login: "not-run", csrf: "not-run" });
    expect(Object.values(v)).not.toContain("fail");
    expect(outcome.runtime).toBe("net");
    expect(outcome.group.checks.find((c) => c.id === "csrf")?.message).toContain("no user name and password");
  });
});

describe("threat: the wizard used to probe a network before anyone signed in", () => {
  it("says which layer failed in words, with no header, banner or redirect target of what answered", async () => {
    const portal = await startServer((_req, res) => {
      res.writeHead(302, {
        Server: "SecretPortal/9.9 (internal-build-42)",
        Location: "https://sso.internal.test/login?x=1",
      });
      res.end("<html>internal sso</html>");
    });
    try {
      const outcome = await checkCreatio({ url: portal.url });
      const text = JSON.stringify(outcome.group);
      expect(text).not.toContain("SecretPortal");
      expect(text).not.toContain("sso.internal.test");
      expect(text).not.toContain("internal sso");
      const http = outcome.group.checks.find((c) => c.id === "http");
      expect(http?.code).toBe("network:redirect");
      expect(http?.message).toBe("The site redirects to another address.");
    } finally {
      await portal.close();
    }
  });

  it("shows the web server's details once the site answered like Creatio", async () => {
    const tenant = demo.creatio.createTenant({});
    const outcome = await checkCreatio({ url: tenant.baseUrl, credentials: CREDENTIALS });
    await outcome.close();
    const http = outcome.group.checks.find((c) => c.id === "http");
    expect(http?.details.facts).toHaveProperty("server");
    expect(http?.message).toMatch(/^The site answers over HTTP \(\d{3}/);
  });
});

describe("signed-in layers", () => {
  it("on .NET with the renamed cookies: runtime, version and the CRT_CSRF header", async () => {
    const tenant = demo.creatio.createTenant({ scenario: "fresh-8.3-net" });
    const outcome = await checkCreatio({ url: tenant.baseUrl, credentials: CREDENTIALS });
    await outcome.close();
    expect(outcome.runtime).toBe("net");
    expect(outcome.version).toBe("8.3.2.4321");
    const csrf = outcome.group.checks.find((c) => c.id === "csrf");
    expect(csrf?.verdict).toBe("pass");
    expect(csrf?.details.facts["CSRF header"]).toBe("CRT_CSRF");
  });

  it("reads the rights from RightsService/GetCanExecuteOperation: granted, refused, unknown", async () => {
    const granted = await checkCreatio({
      url: demo.creatio.createTenant({}).baseUrl,
      credentials: CREDENTIALS,
    });
    await granted.close();
    expect(verdicts(granted.group.checks)).toMatchObject({
      "rights-sys-settings": "pass",
      "rights-solution": "pass",
    });

    const refused = await checkCreatio({
      url: demo.creatio.createTenant({ scenario: "no-rights" }).baseUrl,
      credentials: CREDENTIALS,
    });
    await refused.close();
    const solution = refused.group.checks.find((c) => c.id === "rights-solution");
    expect(solution).toMatchObject({ verdict: "warn", code: "rights:solution" });
    expect(solution?.message).toContain("CanManageSolution");

    // A build without the route (404) is "could not tell", never "missing".
    const tenant = demo.creatio.createTenant({});
    proxy.inject({
      path: /\/rest\/RightsService\/GetCanExecuteOperation$/,
      fault: { json: {}, status: 404 },
    });
    const bare = await checkCreatio({ url: viaProxy(proxy, tenant.baseUrl), credentials: CREDENTIALS });
    await bare.close();
    const unknown = bare.group.checks.find((c) => c.id === "rights-solution");
    expect(unknown?.verdict).toBe("warn");
    expect(unknown?.code).toBeUndefined();
    expect(unknown?.message).toContain("did not say");
  });

  it("uses the wizard's own session without signing in, and finds it ended", async () => {
    const tenant = demo.creatio.createTenant({});
    const { state } = await connectToCreatio({ baseUrl: tenant.baseUrl, ...CREDENTIALS });
    const fine = await checkCreatio({ url: tenant.baseUrl, session: state });
    expect(verdicts(fine.group.checks)).toMatchObject({ login: "pass", csrf: "pass" });
    expect(fine.connection).not.toBeNull();
    const loginCalls = demo.creatio.snapshot(tenant.id).calls.filter((c) => c.path.endsWith("/Login"));
    expect(loginCalls).toHaveLength(1); // only connectToCreatio's

    demo.creatio.expireSessions(tenant.id);
    const ended = await checkCreatio({ url: tenant.baseUrl, session: state });
    expect(ended.group.checks.find((c) => c.id === "csrf")?.code).toBe("auth:session-expired");
    expectNotRunBelow(ended.group.checks, "csrf");
  });

  it("a CSRF header Creatio rejects fails the CSRF layer", async () => {
    const tenant = demo.creatio.createTenant({});
    proxy.inject({ path: /\/0\/DataService\/json\/SyncReply\/SelectQuery$/, fault: "status-403", times: 3 });
    const outcome = await checkCreatio({ url: viaProxy(proxy, tenant.baseUrl), credentials: CREDENTIALS });
    await outcome.close();
    // DataService refused everywhere: the runtime falls back to the login pages; the CSRF call then fails.
    expect(outcome.group.checks.find((c) => c.id === "csrf")?.code).toBe("auth:csrf");
    expectNotRunBelow(outcome.group.checks, "csrf");
  });

  it("closes the session it opened, and keeps the password and cookie values as secrets", async () => {
    const tenant = demo.creatio.createTenant({});
    const outcome = await checkCreatio({ url: tenant.baseUrl, credentials: CREDENTIALS });
    expect(demo.creatio.snapshot(tenant.id).activeSessions).toBe(1);
    const secrets = outcome.secrets();
    await outcome.close();
    expect(demo.creatio.snapshot(tenant.id).activeSessions).toBe(0);
    expect(secrets).toContain(DEMO_PASSWORD);
    expect(secrets.length).toBeGreaterThanOrEqual(4); // the password and .ASPXAUTH, BPMCSRF, BPMLOADER...
  });
});

describe("runConnectionCheck (the connect page)", () => {
  it("runs every layer with a password, signs out again, and shows the user name but no cookie", async () => {
    const tenant = demo.creatio.createTenant({});
    const url = viaProxy(proxy, tenant.baseUrl);
    const check = await runConnectionCheck({ creatioUrl: `${url}/0/`, credentials: CREDENTIALS });
    expect(Object.values(verdicts(check.group.checks))).toEqual(ORDER.map(() => "pass"));
    expect(check.creatio).toMatchObject({ url, runtime: "netfx", version: "8.1.2.3842" });
    // The demo's password equals its user name: the user name must still show (only the operator sees it).
    expect(check.creatio.userName).toBe(DEMO_USER);
    expect(demo.creatio.snapshot(tenant.id).activeSessions).toBe(0);
    const cookieValues = proxy.seen.flatMap(({ headers }) =>
      String(headers.cookie ?? "")
        .split(";")
        .map((pair) => pair.slice(pair.indexOf("=") + 1).trim())
        .filter((value) => value !== "" && value !== DEMO_USER),
    );
    expect(cookieValues.length).toBeGreaterThan(2);
    const text = JSON.stringify(check);
    for (const value of cookieValues) expect(text).not.toContain(value);
  });

  it("without a password: the layers down to the runtime, and the reason the sign-in was skipped", async () => {
    const tenant = demo.creatio.createTenant({});
    const reason = "the wizard does not repeat a sign-in that just failed.";
    const check = await runConnectionCheck({ creatioUrl: tenant.baseUrl, signInSkipped: reason });
    expect(verdicts(check.group.checks)).toMatchObject({
      creatio: "pass",
      runtime: "pass",
      login: "not-run",
      csrf: "not-run",
      "rights-solution": "not-run",
    });
    expect(check.group.checks.find((c) => c.id === "login")?.message).toBe(`Not run: ${reason}`);
    expect(check.group.verdict).toBe("pass");
    expect(demo.creatio.snapshot(tenant.id).calls.filter((c) => c.path.endsWith("/Login"))).toEqual([]);
  });
});
