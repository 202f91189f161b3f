import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SYS_ADMIN_UNIT_CLAIM } from "../identity/constants";
import { columns, equalsFilter, signedInTenant, startTestDemo, type TestDemo } from "../test-support";
import type { DemoTenantOverrides } from "../types";
import { SUPERVISOR_ID } from "./constants";

// docs/creatio-api.md §4.6 as the demo plays it: AddClient, a token of the new client, a bearer read,
// DeleteClient (or DeleteQuery), and each failure knob.

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(() => demo.close());

function connected(proof: DemoTenantOverrides["proof"] = {}, extra: DemoTenantOverrides = {}) {
  return {
    allEmployeesFeatureState: 1 as const,
    defaultResources: 1,
    settings: { url: demo.identity.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    proof,
    ...extra,
  };
}

const NAME = "IS wizard proof 2025-01-01T00:00:00Z";

type Result = { success: boolean; errorInfo: { errorCode: string; message: string } | null } & Record<
  string,
  unknown
>;

async function addClient(proof: DemoTenantOverrides["proof"] = {}, extra: DemoTenantOverrides = {}) {
  const tenant = await signedInTenant(demo, { config: connected(proof, extra) });
  const { status, body } = await tenant.client.post<Record<string, Result>>(
    `${tenant.p}/rest/OAuthConfigService/AddClient`,
    {
      addClientRequest: {
        name: NAME,
        applicationUrl: "https://localhost",
        systemUserId: SUPERVISOR_ID,
        grantType: "client_credentials",
      },
    },
  );
  const result = (body.AddClientResult ?? body) as Result;
  return { ...tenant, status, result };
}

async function token(clientId: string, clientSecret: string) {
  const response = await fetch(`${demo.identity.url}/connect/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
}

async function bearerSelect(baseUrl: string, p: string, accessToken: string) {
  return fetch(`${baseUrl}${p}/DataService/json/SyncReply/SelectQuery`, {
    method: "POST",
    redirect: "manual",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({
      rootSchemaName: "Contact",
      operationType: 0,
      rowCount: 1,
      columns: columns("Id"),
    }),
  });
}

describe("AddClient, the app's token and a bearer read", () => {
  it("creates a row and a client whose JWT Creatio accepts as the bound user", async () => {
    const { id, client, p, result } = await addClient();
    expect(result.success).toBe(true);
    const { clientId, clientSecret } = result as unknown as { clientId: string; clientSecret: string };
    expect(demo.creatio.snapshot(id).oauthApps).toEqual([{ name: NAME, clientId }]);

    const issued = await token(clientId, clientSecret);
    expect(issued.status).toBe(200);
    const resource = demo.creatio.snapshot(id).defaultResources[0]?.name;
    expect(issued.body.scope).toBe(resource);
    const jwt = claims(String(issued.body.access_token));
    expect(jwt.aud).toBe(resource);
    expect(jwt[SYS_ADMIN_UNIT_CLAIM]).toBe(SUPERVISOR_ID);

    const { baseUrl } = demo.creatio.snapshot(id);
    const read = await bearerSelect(baseUrl, p, String(issued.body.access_token));
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ success: true });

    // The current-user macro, through the session.
    const me = await client.post<{ rows: { Name: string }[] }>(
      `${p}/DataService/json/SyncReply/SelectQuery`,
      {
        rootSchemaName: "SysAdminUnit",
        operationType: 0,
        columns: columns("Id", "Name", "SysAdminUnitTypeValue"),
        filters: {
          filterType: 6,
          isEnabled: true,
          logicalOperation: 0,
          items: {
            me: {
              filterType: 1,
              comparisonType: 3,
              isEnabled: true,
              leftExpression: { expressionType: 0, columnPath: "Id" },
              rightExpression: { expressionType: 1, functionType: 1, macrosType: 1 },
            },
          },
        },
      },
    );
    expect(me.body.rows).toEqual([{ Id: SUPERVISOR_ID, Name: "Supervisor", SysAdminUnitTypeValue: 4 }]);

    const deleted = await client.post<{ DeleteClientResult: Result }>(
      `${p}/rest/OAuthConfigService/DeleteClient`,
      { deleteClientRequest: { clientId } },
    );
    expect(deleted.body.DeleteClientResult.success).toBe(true);
    expect(demo.creatio.snapshot(id).oauthApps).toEqual([]);
    // The client is gone at the Identity Service too.
    expect((await token(clientId, clientSecret)).body.error).toBe("invalid_client");
  });

  it("answers unwrapped when configured so", async () => {
    const { result } = await addClient({ answerWrapping: "unwrapped" });
    expect(result).toMatchObject({ success: true, clientId: expect.any(String) });
  });

  it("without name is a WCF fault (HTML 400)", async () => {
    const { client, p } = await signedInTenant(demo, { config: connected() });
    const response = await client.request("POST", `${p}/rest/OAuthConfigService/AddClient`, {
      addClientRequest: { applicationUrl: "https://localhost", systemUserId: SUPERVISOR_ID },
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("text/html");
  });

  it("refuses a role as system user", async () => {
    const tenant = await signedInTenant(demo, { config: connected() });
    const { body } = await tenant.client.post<{ AddClientResult: Result }>(
      `${tenant.p}/rest/OAuthConfigService/AddClient`,
      {
        addClientRequest: {
          name: NAME,
          applicationUrl: "https://localhost",
          systemUserId: "a29a3ba5-4b0d-de11-9a51-005056c00008",
        },
      },
    );
    expect(body.AddClientResult).toMatchObject({ success: false });
    expect(demo.creatio.snapshot(tenant.id).oauthApps).toEqual([]);
  });

  it("junction failure: the row exists, the token request answers invalid_scope", async () => {
    const { id, result } = await addClient({ junctionFails: true });
    expect(result.success).toBe(false);
    const [app] = demo.creatio.snapshot(id).oauthApps;
    expect(app?.name).toBe(NAME);
  });

  it("no default resource: nothing is created", async () => {
    const { id, result } = await addClient({}, { defaultResources: 0 });
    expect(result.success).toBe(false);
    expect(demo.creatio.snapshot(id).oauthApps).toEqual([]);
  });
});

describe("bearer rejections", () => {
  async function issuedFor(proof: DemoTenantOverrides["proof"]) {
    const { id, p, result } = await addClient(proof);
    const { clientId, clientSecret } = result as unknown as { clientId: string; clientSecret: string };
    const issued = await token(clientId, clientSecret);
    return { baseUrl: demo.creatio.snapshot(id).baseUrl, p, accessToken: String(issued.body.access_token) };
  }

  it.each([
    [{ staleKeys: true }, 401],
    [{ audienceMismatch: true }, 401],
    [{ clockSkewSeconds: 7200 }, 401],
    [{ staleKeys: true, rejection: "403" as const }, 403],
    [{ staleKeys: true, rejection: "login-redirect" as const }, 302],
    [{ staleKeys: true, rejection: "html-200" as const }, 200],
    [{ proxyStripsAuthorization: true }, 302],
  ])("%o answers %i", async (proof, status) => {
    const { baseUrl, p, accessToken } = await issuedFor(proof);
    const read = await bearerSelect(baseUrl, p, accessToken);
    expect(read.status).toBe(status);
    if (status === 401 && !("rejection" in proof)) {
      expect(read.headers.get("www-authenticate")).toMatch(/invalid_token/);
    }
  });

  it("a bound user without read rights: 200 success:false SecurityException", async () => {
    const { baseUrl, p, accessToken } = await issuedFor({ boundUserCannotRead: true });
    const read = await bearerSelect(baseUrl, p, accessToken);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      success: false,
      errorInfo: { errorCode: "SecurityException" },
    });
  });
});

describe("deletion variants", () => {
  it("DeleteClient missing: 404; DeleteQuery by Id removes the row and the client", async () => {
    const { id, client, p, result } = await addClient({ deleteClient: "missing-fault" });
    const { clientId, clientSecret } = result as unknown as { clientId: string; clientSecret: string };
    const missing = await client.request("POST", `${p}/rest/OAuthConfigService/DeleteClient`, {
      deleteClientRequest: { clientId },
    });
    expect(missing.status).toBe(404);
    const deleted = await client.post<{ success: boolean; rowsAffected: number }>(
      `${p}/DataService/json/SyncReply/DeleteQuery`,
      { rootSchemaName: "OAuthClientApp", operationType: 3, filters: equalsFilter("ClientId", 1, clientId) },
    );
    expect(deleted.body).toMatchObject({ success: true, rowsAffected: 1 });
    expect(demo.creatio.snapshot(id).oauthApps).toEqual([]);
    expect((await token(clientId, clientSecret)).body.error).toBe("invalid_client");
  });

  it("a second DeleteClient says the record does not exist", async () => {
    const { client, p, result } = await addClient();
    const { clientId } = result as unknown as { clientId: string };
    const path = `${p}/rest/OAuthConfigService/DeleteClient`;
    await client.post(path, { deleteClientRequest: { clientId } });
    const again = await client.post<{ DeleteClientResult: Result }>(path, {
      deleteClientRequest: { clientId },
    });
    expect(again.body.DeleteClientResult).toMatchObject({ success: false });
  });
});
