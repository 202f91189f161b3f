import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInTenant, startTestDemo, TenantClient, type TestDemo } from "../test-support";

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(() => demo.close());

const APP_INFO = "/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo";
const SELECT = "/DataService/json/SyncReply/SelectQuery";
const selectFeature = { rootSchemaName: "Feature", operationType: 0, columns: { items: {} }, rowCount: 1 };

describe("CSRF header", () => {
  it.each([401, 403] as const)("rejects a call without the header with %i", async (status) => {
    const { client, p } = await signedInTenant(demo, { config: { csrfRejectStatus: status } });
    expect((await client.request("POST", `${p}${APP_INFO}`, {}, { csrf: false })).status).toBe(status);
    expect(
      (await client.request("POST", `${p}${SELECT}`, selectFeature, { csrf: { BPMCSRF: "forged" } })).status,
    ).toBe(status);
    expect((await client.request("POST", `${p}${APP_INFO}`, {})).status).toBe(200);
  });

  it("wants CRT_CSRF from 8.3.2 and refuses the old header name", async () => {
    const { client } = await signedInTenant(demo, { scenario: "fresh-8.3-net" });
    const [name, value] = client.csrf ?? ["", ""];
    expect(name).toBe("CRT_CSRF");
    expect((await client.request("POST", APP_INFO, {}, { csrf: { BPMCSRF: value } })).status).toBe(401);
    expect((await client.request("POST", APP_INFO, {}, { csrf: { CRT_CSRF: value } })).status).toBe(200);
  });

  it("also accepts BPMCSRF from 8.3.2 in compatibility mode", async () => {
    const { client } = await signedInTenant(demo, {
      scenario: "fresh-8.3-net",
      config: { cookieCompatibilityMode: true },
    });
    const value = client.cookies.get("BPMCSRF") ?? "";
    expect((await client.request("POST", APP_INFO, {}, { csrf: { BPMCSRF: value } })).status).toBe(200);
  });
});

describe("not logged in or expired", () => {
  it("answers .svc with 401 JSON and DataService, rest and pages with a redirect to NuiLogin on .NET Framework", async () => {
    const { baseUrl } = demo.creatio.createTenant({ scenario: "fresh-8.1-netfx" });
    const client = new TenantClient(baseUrl);
    const svc = await client.request("POST", `/0${APP_INFO}`, {});
    expect(svc.status).toBe(401);
    expect(await svc.json()).toMatchObject({ Message: "Authentication failed." });
    const vdir = new URL(baseUrl).pathname;
    for (const [method, path] of [
      ["POST", `/0${SELECT}`],
      ["POST", "/0/rest/FeatureService/GetFeatureState"],
      ["GET", "/0/rest/FeatureService/ClearFeaturesCacheForAllUsers/"],
      ["GET", "/0/Shell/"],
    ] as const) {
      const response = await client.request(method, path, method === "POST" ? {} : undefined);
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(
        new RegExp(`^${vdir}/0/Login/NuiLogin\\.aspx\\?ReturnUrl=`),
      );
    }
  });

  it("redirects to Login.html on .NET", async () => {
    const { baseUrl } = demo.creatio.createTenant({ scenario: "fresh-8.3-net" });
    const response = await new TenantClient(baseUrl).request("POST", SELECT, selectFeature);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain(
      `${new URL(baseUrl).pathname}/Login/Login.html?ReturnUrl=`,
    );
  });

  it("expires sessions on demand", async () => {
    const { id, client, p } = await signedInTenant(demo);
    expect(demo.creatio.expireSessions(id)).toBe(1);
    expect((await client.request("POST", `${p}${APP_INFO}`, {})).status).toBe(401);
    expect((await client.request("POST", `${p}${SELECT}`, selectFeature)).status).toBe(302);
  });

  it("expires a session idle past sessionTtlMs and keeps a busy one", async () => {
    // A TTL long enough that a loaded CI machine still makes the first call in time.
    const { client, p } = await signedInTenant(demo, { config: { sessionTtlMs: 1500 } });
    expect((await client.request("POST", `${p}${APP_INFO}`, {})).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    expect((await client.request("POST", `${p}${APP_INFO}`, {})).status).toBe(401);
  });

  it("logs every call of the tenant", async () => {
    const { id, client, p } = await signedInTenant(demo);
    await client.request("POST", `${p}${APP_INFO}`, {}, { csrf: false });
    expect(demo.creatio.snapshot(id).calls).toEqual([
      { method: "POST", path: "/ServiceModel/AuthService.svc/Login", status: 200 },
      { method: "POST", path: `${p}${APP_INFO}`, status: 401 },
    ]);
  });
});
