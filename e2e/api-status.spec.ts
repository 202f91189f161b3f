// GET /api/status for automated monitoring: 401 without the bearer token, 200 for a healthy Creatio and
// 503 for an unhealthy one, with the JSON report and no secret; only read calls reach Creatio. The e2e
// server watches the demo tenant with the fixed id "monitor" (playwright.config.ts, E2E_MONITOR), which
// these tests create, so they run one after another.
import type { APIRequestContext } from "@playwright/test";
import type { DemoScenario, DemoTenantSnapshot } from "@/lib/demo/types";
import { E2E_MONITOR } from "../playwright.config";
import { callName, DEMO_CREATIO_ORIGIN, snapshot, writeCalls } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";

test.describe.configure({ mode: "serial" });

const AUTH = { authorization: `Bearer ${E2E_MONITOR.token}` };
const MONITOR_URL = `${DEMO_CREATIO_ORIGIN}/t/${E2E_MONITOR.tenantId}`;

/** (Re)creates the monitored tenant in `scenario`, with the monitor's own user and this password. */
async function monitoredTenant(
  scenario: DemoScenario,
  password: string = E2E_MONITOR.password,
): Promise<void> {
  const admin = `${DEMO_CREATIO_ORIGIN}/__demo/tenants`;
  const gone = await fetch(`${admin}/${E2E_MONITOR.tenantId}`, { method: "DELETE" });
  expect([204, 404]).toContain(gone.status);
  const created = await fetch(admin, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      id: E2E_MONITOR.tenantId,
      scenario,
      config: {
        users: {
          [E2E_MONITOR.user]: {
            password,
            loginCode: 0,
            canManageSysSettings: true,
            canManageSolution: true,
          },
        },
      },
    }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  expect((await created.json()).baseUrl).toBe(MONITOR_URL);
}

function expectNoSecret(body: string): void {
  for (const secret of [E2E_MONITOR.password, E2E_MONITOR.clientSecret, E2E_MONITOR.token]) {
    expect(body.includes(secret), "a secret in the /api/status body").toBe(false);
  }
  expect(body).not.toMatch(/[0-9A-F]{96}/); // the demo Creatio's session token
}

async function status(request: APIRequestContext, headers: Record<string, string> = AUTH) {
  const response = await request.get("/api/status", { headers });
  return { response, body: await response.text() };
}

function onlyReads(snap: DemoTenantSnapshot): void {
  expect(writeCalls(snap), "no write call").toEqual([]);
  expect(snap.activeSessions, "signed out again").toBe(0);
}

test("401 without the bearer token, or with a wrong one; nothing reaches Creatio", async ({ request }) => {
  await monitoredTenant("already-connected");
  const refused: Record<string, string>[] = [
    {},
    { authorization: "Bearer wrong-token-0123456789abcdef" },
    { authorization: E2E_MONITOR.token },
  ];
  for (const headers of refused) {
    const { response, body } = await status(request, headers);
    expect(response.status()).toBe(401);
    expect(response.headers()["www-authenticate"]).toMatch(/^Bearer/);
    expect(JSON.parse(body)).toEqual({
      healthy: false,
      message: "Send the monitoring token as a bearer token: Authorization: Bearer <token>.",
    });
  }
  expect((await snapshot(E2E_MONITOR.tenantId)).calls).toEqual([]);
});

test("200 with the JSON report for a healthy Creatio, with read calls only", async ({ request }) => {
  await monitoredTenant("already-connected");
  const { response, body } = await status(request);
  expect(response.status(), body.slice(0, 2000)).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["cache-control"]).toBe("no-store");
  expectNoSecret(body);
  const report = JSON.parse(body);
  expect(report).toMatchObject({
    healthy: true,
    creatio: { url: MONITOR_URL, userName: E2E_MONITOR.user, version: "8.2.1.1234" },
    diagnoses: [],
  });
  // With the client secret from env, the wizard's server asks for a token too.
  const wizardView = report.groups.find((g: { id: string }) => g.id === "identity-from-wizard");
  expect(wizardView.checks.find((c: { id: string }) => c.id === "token").verdict).toBe("pass");

  const snap = await snapshot(E2E_MONITOR.tenantId);
  onlyReads(snap);
  expect(snap.calls.map((c) => callName(c.path))).toContain("OAuthHealthCheck");
});

test("503 with the report and its diagnosis when Creatio is not healthy", async ({ request }) => {
  await monitoredTenant("wrong-secret");
  const { response, body } = await status(request);
  expect(response.status()).toBe(503);
  expectNoSecret(body);
  const report = JSON.parse(body);
  expect(report.healthy).toBe(false);
  // The secret the monitor has (env) gets a token; the one saved in Creatio does not.
  const invalidClient = report.diagnoses.find((d: { id: string }) => d.id === "invalid-client");
  expect(invalidClient.message).toContain("the Identity Service refuses the pair saved in Creatio");
  expect(invalidClient.fix).toContain(
    "OAuth20IdentityServerClientSecret holds another secret than the one tested",
  );
  onlyReads(await snapshot(E2E_MONITOR.tenantId));
});

test("503 when the monitor cannot sign in to Creatio: the report says why", async ({ request }) => {
  // Creatio's password for the monitor's user was changed; the wizard still has the old one.
  await monitoredTenant("already-connected", "changed-in-creatio");
  const { response, body } = await status(request);
  expect(response.status()).toBe(503);
  expectNoSecret(body);
  const login = JSON.parse(body)
    .groups.find((g: { id: string }) => g.id === "creatio")
    .checks.find((c: { id: string }) => c.id === "login");
  expect(login).toMatchObject({ verdict: "fail", code: "auth:rejected" });
  expect(login.fix).toBeTruthy();
});
