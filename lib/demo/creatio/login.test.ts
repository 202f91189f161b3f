import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSetCookies, signedInTenant, startTestDemo, TenantClient, type TestDemo } from "../test-support";
import { DEMO_PASSWORD, DEMO_USER } from "./constants";

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(() => demo.close());

async function loginResponse(
  baseUrl: string,
  user = DEMO_USER,
  password = DEMO_PASSWORD,
  path = "/ServiceModel/AuthService.svc/Login",
) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ForceUseSession: "true" },
    body: JSON.stringify({ UserName: user, UserPassword: password }),
  });
}

describe("login at the root", () => {
  it("answers Code 0 with the BPM cookies up to 8.3.1, on the tenant's virtual directory", async () => {
    const { baseUrl } = demo.creatio.createTenant({ scenario: "fresh-8.1-netfx" });
    const response = await loginResponse(baseUrl);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      Code: 0,
      Message: "",
      Exception: null,
      PasswordChangeUrl: null,
      RedirectUrl: null,
    });
    const cookies = parseSetCookies(response);
    const byName = new Map(cookies.map((cookie) => [cookie.name, cookie]));
    expect([...byName.keys()].sort()).toEqual([".ASPXAUTH", "BPMCSRF", "BPMLOADER", "UserName"]);
    expect(byName.get(".ASPXAUTH")?.httpOnly).toBe(true);
    expect(byName.get("BPMLOADER")?.httpOnly).toBe(true);
    expect(byName.get("UserName")?.httpOnly).toBe(true);
    expect(byName.get("BPMCSRF")?.httpOnly).toBe(false);
    for (const cookie of cookies) expect(cookie.path).toBe(new URL(baseUrl).pathname);
  });

  it("sets CRT_* cookies from 8.3.2, and the BPM names too only in compatibility mode", async () => {
    const plain = demo.creatio.createTenant({ scenario: "fresh-8.3-net" });
    const names = parseSetCookies(await loginResponse(plain.baseUrl)).map((cookie) => cookie.name);
    expect(names.sort()).toEqual([".ASPXAUTH", "CRT_CSRF", "CRT_LOADER", "CRT_SESSIONID"]);

    const compat = demo.creatio.createTenant({
      scenario: "fresh-8.3-net",
      config: { cookieCompatibilityMode: true },
    });
    const compatNames = parseSetCookies(await loginResponse(compat.baseUrl)).map((cookie) => cookie.name);
    expect(compatNames).toEqual(expect.arrayContaining(["CRT_CSRF", "BPMCSRF", "BPMLOADER"]));
  });

  it("answers a wrong password with HTTP 200, Code 1, a Message and no cookies", async () => {
    const { baseUrl } = demo.creatio.createTenant();
    const response = await loginResponse(baseUrl, DEMO_USER, "wrong");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { Code: number; Message: string; Exception: unknown };
    expect(body.Code).toBe(1);
    expect(body.Message).not.toBe("");
    expect(body.Exception).not.toBeNull();
    expect(parseSetCookies(response)).toEqual([]);
  });

  it("answers Code 1 for an unknown user", async () => {
    const { baseUrl } = demo.creatio.createTenant();
    expect(await (await loginResponse(baseUrl, "Nobody", "x")).json()).toMatchObject({ Code: 1 });
  });

  it.each([
    [2, true, "PasswordChangeUrl"],
    [3, true, "RedirectUrl"],
    [4, false, null],
    [5, false, "PasswordChangeUrl"],
  ] as const)("answers Code %i (signed in: %s)", async (code, signedIn, urlField) => {
    const users = {
      Trainee: { password: "pw", loginCode: code, canManageSysSettings: true, canManageSolution: true },
    };
    const { baseUrl } = demo.creatio.createTenant({ config: { users } });
    const response = await loginResponse(baseUrl, "trainee", "pw");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.Code).toBe(code);
    expect(body.Message).not.toBe("");
    if (urlField) expect(body[urlField]).toEqual(expect.any(String));
    expect(parseSetCookies(response).some((cookie) => cookie.name === ".ASPXAUTH")).toBe(signedIn);
  });

  it("answers 401 for login under /0 on .NET Framework, and 404 under /0 on .NET", async () => {
    const netfx = demo.creatio.createTenant({ scenario: "fresh-8.1-netfx" });
    expect(
      (await loginResponse(netfx.baseUrl, DEMO_USER, DEMO_PASSWORD, "/0/ServiceModel/AuthService.svc/Login"))
        .status,
    ).toBe(401);
    const dotnet = demo.creatio.createTenant({ scenario: "fresh-8.3-net" });
    expect(
      (await loginResponse(dotnet.baseUrl, DEMO_USER, DEMO_PASSWORD, "/0/ServiceModel/AuthService.svc/Login"))
        .status,
    ).toBe(404);
  });

  it("reports coreVersion through GetApplicationInfo", async () => {
    for (const version of ["8.1.2.3842", "8.2.3.1000", "8.3.2.4321", "8.0.10.1234"]) {
      const { client, p } = await signedInTenant(demo, { config: { version } });
      const { status, body } = await client.post<{ applicationInfo: { sysValues: { coreVersion: string } } }>(
        `${p}/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo`,
      );
      expect(status).toBe(200);
      expect(body.applicationInfo.sysValues.coreVersion).toBe(version);
    }
  });

  it("logs out through MainMenuService and AuthService", async () => {
    const { client, p } = await signedInTenant(demo);
    expect(await client.post(`${p}/rest/MainMenuService/Logout`)).toEqual({
      status: 200,
      body: { RedirectLocation: "" },
    });
    expect(
      (await client.request("POST", `${p}/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo`, {}))
        .status,
    ).toBe(401);

    const second = await signedInTenant(demo);
    const response = await second.client.request(
      "POST",
      "/ServiceModel/AuthService.svc/Logout",
      {},
      { csrf: false },
    );
    expect(response.status).toBe(200);
    const after = await second.client.request(
      "POST",
      `${second.p}/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo`,
      {},
    );
    expect(after.status).toBe(401);
  });
});

describe("anonymous endpoints and prefix routing", () => {
  it("serves the login page and ping of each runtime only", async () => {
    const netfx = new TenantClient(demo.creatio.createTenant({ scenario: "fresh-8.1-netfx" }).baseUrl);
    const dotnet = new TenantClient(demo.creatio.createTenant({ scenario: "fresh-8.3-net" }).baseUrl);
    const nui = await netfx.request("GET", "/0/Login/NuiLogin.aspx");
    expect(nui.status).toBe(200);
    expect(nui.headers.get("content-type")).toContain("text/html");
    expect((await netfx.request("GET", "/Login/Login.html")).status).toBe(404);
    expect((await dotnet.request("GET", "/Login/Login.html")).status).toBe(200);
    expect((await dotnet.request("GET", "/0/Login/NuiLogin.aspx")).status).toBe(404);
    expect((await netfx.request("GET", "/0/api/HealthCheck/Ping")).status).toBe(200);
    expect((await dotnet.request("GET", "/api/HealthCheck/Ping")).status).toBe(200);
  });

  it("answers services only under the runtime's prefix", async () => {
    const netfx = await signedInTenant(demo, { scenario: "fresh-8.1-netfx" });
    const query = { rootSchemaName: "Feature", operationType: 0, columns: { items: {} }, rowCount: 1 };
    expect((await netfx.client.post("/0/DataService/json/SyncReply/SelectQuery", query)).body).toMatchObject({
      success: true,
    });
    expect(
      (await netfx.client.request("POST", "/DataService/json/SyncReply/SelectQuery", query)).status,
    ).toBe(404);

    const dotnet = await signedInTenant(demo, { scenario: "fresh-8.3-net" });
    expect((await dotnet.client.post("/DataService/json/SyncReply/SelectQuery", query)).body).toMatchObject({
      success: true,
    });
    expect(
      (await dotnet.client.request("POST", "/0/DataService/json/SyncReply/SelectQuery", query)).status,
    ).toBe(404);
  });

  it("answers 404 for an unknown tenant", async () => {
    const response = await fetch(`${demo.creatio.url}/t/nosuchtenant/ServiceModel/AuthService.svc/Login`, {
      method: "POST",
      body: "{}",
    });
    expect(response.status).toBe(404);
  });
});
