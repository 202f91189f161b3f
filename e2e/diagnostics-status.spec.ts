// The status page diagnoses each field problem the demo can play (docs/creatio-api.md §6) with
// its own message and fix, shows both vantage points on the Identity Service, and changes nothing in
// Creatio. Screenshots of each state at desktop and phone width go to .screenshots/diagnostics/.
import type { Page } from "@playwright/test";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import type { DemoTenantOverrides } from "@/lib/demo/types";
import { expectNoAxeViolations } from "./support/axe";
import { CHECK_TITLES } from "./support/checks";
import {
  createTenant,
  DEMO_IDENTITY_URL,
  expireSessions,
  snapshot,
  type TenantRequest,
  writeCalls,
} from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { type CheckVerdict, expectCheck, StatusDiagnostics } from "./support/pages/diagnostics";

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** The demo Identity Service's values, saved in Creatio as step 3 would (feature on, steps 1-3 done). */
function savedSettings(url: string): DemoTenantOverrides {
  return {
    allEmployeesFeatureState: 1,
    settings: { url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
  };
}

interface Case {
  name: string;
  /** The tenant, given the dead address of the identity-down scenario. */
  tenant: (deadUrl: string) => TenantRequest;
  version: string;
  diagnosis: { title: string; message: RegExp; fix: RegExp };
  /** A check of the two vantage points that shows the problem. */
  view?: { list: "wizardView" | "creatioView"; title: string; verdict: CheckVerdict }[];
}

const CASES: Case[] = [
  {
    name: "identity-down",
    tenant: (deadUrl) => ({ scenario: "identity-down", config: savedSettings(deadUrl) }),
    version: "8.1.2",
    diagnosis: {
      title: "The Identity Service does not run",
      message:
        /Nothing answers at 127\.0\.0\.1:\d+: the Identity Service site is stopped or could not start\. Creatio's health check cannot reach it either\./,
      fix: /Start the site \(IIS Manager, or the Docker container\)[\s\S]*"Load User Profile"/,
    },
    view: [
      { list: "wizardView", title: "TCP connection", verdict: "Failed" },
      // Below a failed layer: not run, never failed.
      { list: "wizardView", title: CHECK_TITLES.hostDiscovery, verdict: "Not run" },
      { list: "creatioView", title: CHECK_TITLES.creatioReachable, verdict: "Failed" },
      { list: "creatioView", title: CHECK_TITLES.creatioToken, verdict: "Not run" },
    ],
  },
  {
    name: "unreachable-from-creatio",
    tenant: () => ({ scenario: "unreachable-from-creatio", config: savedSettings(DEMO_IDENTITY_URL) }),
    version: "8.1.2",
    diagnosis: {
      title: "The wizard reaches the Identity Service, Creatio does not",
      message: new RegExp(
        `The wizard's server reaches the Identity Service at ${literal(DEMO_IDENTITY_URL)}, but Creatio's server cannot reach ${literal(DEMO_IDENTITY_URL)}\\.`,
      ),
      fix: new RegExp(
        `On the Creatio server, open ${literal(DEMO_IDENTITY_URL)}/\\.well-known/openid-configuration[\\s\\S]*not localhost`,
      ),
    },
    view: [
      { list: "wizardView", title: CHECK_TITLES.hostDiscovery, verdict: "Passed" },
      { list: "creatioView", title: CHECK_TITLES.creatioReachable, verdict: "Failed" },
    ],
  },
  {
    name: "wrong-secret",
    tenant: () => ({ scenario: "wrong-secret" }),
    version: "8.1.2",
    diagnosis: {
      title: "The Identity Service refuses the client id and secret (invalid_client)",
      message: /the service refuses the client id and secret saved in Creatio/,
      fix: /appsettings\.json[\s\S]*delete the rows in Clients, ClientScopes, ClientSecrets and ClientClaims/,
    },
    view: [{ list: "creatioView", title: CHECK_TITLES.creatioToken, verdict: "Failed" }],
  },
  {
    name: "trailing-slash",
    // Saved by hand in Creatio's System settings: the wizard itself stores the URL without the slash.
    tenant: () => ({ config: savedSettings(`${DEMO_IDENTITY_URL}/`) }),
    version: "8.1.2",
    diagnosis: {
      title: "OAuth20IdentityServerUrl ends with a slash",
      message: new RegExp(`asks for tokens at ${literal(DEMO_IDENTITY_URL)}//connect/token`),
      fix: new RegExp(
        `Save the address without the trailing slash, ${literal(DEMO_IDENTITY_URL)}, in step 3`,
      ),
    },
  },
  {
    name: "old-version-no-healthcheck",
    tenant: () => ({ scenario: "old-version-no-healthcheck", config: savedSettings(DEMO_IDENTITY_URL) }),
    version: "8.0.10",
    diagnosis: {
      title: "No OAuth health check on this Creatio",
      message:
        /Creatio 8\.0\.10\.\d+ on \.NET Framework has no OAuth health check \(HTTP 404\): it exists from 8\.1\.2/,
      fix: /Nothing is broken by this\. The wizard's own checks of the Identity Service/,
    },
    view: [
      // The row says whether the health check passes: there is none on this version, so neither.
      { list: "creatioView", title: "OAuth health check passes", verdict: "Warning" },
      { list: "wizardView", title: CHECK_TITLES.hostDiscovery, verdict: "Passed" },
    ],
  },
  {
    name: "no-rights",
    tenant: () => ({ scenario: "no-rights" }),
    version: "8.1.2",
    diagnosis: {
      title: "Missing operation permissions",
      message:
        /lacks the system operation permission "Can manage system settings" \(CanManageSysSettings\) and "Can manage solution" \(CanManageSolution\)/,
      fix: /grant them in System Designer > Operation permissions/,
    },
  },
];

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `status page (${name}) at ${width} px scrolls sideways`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `.screenshots/diagnostics/${width}-status-${name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

for (const c of CASES) {
  test(`status page: ${c.name} is diagnosed with its message and fix`, async ({ page, connectPage }) => {
    const dead = await createTenant("identity-down");
    const tenant = await createTenant(c.tenant(dead.identityService.url));
    const before = await snapshot(tenant.id);
    await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: c.version });

    const status = new StatusDiagnostics(page);
    await page.goto("/status");
    await expect(page.getByRole("heading", { name: "Connection status", level: 1 })).toBeVisible();
    await status.expectDiagnosis(c.diagnosis.title, c.diagnosis.message, c.diagnosis.fix);
    for (const v of c.view ?? []) await expectCheck(status[v.list], v.title, v.verdict);
    await expectNoAxeViolations(page, `status page (${c.name})`);
    await shoot(page, c.name);

    const after = await snapshot(tenant.id);
    expect(writeCalls(after)).toEqual([]);
    const { calls: _b, activeSessions: _sb, ...unchanged } = before;
    const { calls: _a, activeSessions: _sa, ...now } = after;
    expect(now).toEqual(unchanged);
  });
}

test("status page: a healthy connection has no diagnosis, every layer and both views pass", async ({
  page,
  connectPage,
}) => {
  const tenant = await createTenant("already-connected");
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.2.1" });
  const status = new StatusDiagnostics(page);
  await page.goto("/status");
  // A diagnosis for this state too: connected, nothing to fix ("no known problem" only when one failed).
  await expect(status.healthyDiagnosis).toBeVisible();
  await expect(status.noDiagnosis).toHaveCount(0);
  await expect(page.getByText("Connected: all four steps are done and no check failed.")).toBeVisible();
  for (const list of [status.layers, status.setup, status.wizardView, status.creatioView]) {
    await expect(list.getByText("Failed", { exact: true })).toHaveCount(0);
  }
  for (const title of ["DNS", "TCP connection", "HTTP answer", "Creatio answers", "Signed-in call (CSRF)"]) {
    await expectCheck(status.layers, title, "Passed");
  }
  await expectCheck(status.layers, 'Permission "Can manage solution"', "Passed");
  // The wizard has no copy of the saved secret: its token check waits for one, and says why.
  const token = await expectCheck(status.wizardView, CHECK_TITLES.hostToken, "Not run");
  await expect(token).toContainText("Creatio never sends the stored one back");
  await expectNoAxeViolations(page, "healthy status page");
  await shoot(page, "healthy");
});

test("status page: when Creatio's session has ended, it asks to sign in again", async ({
  page,
  connectPage,
}) => {
  const tenant = await createTenant("fresh-8.1-netfx");
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
  const status = new StatusDiagnostics(page);
  await page.goto("/status");
  await expectCheck(status.layers, "Signed-in call (CSRF)", "Passed");
  // Rather than a wall of failed checks: the connect page, to sign in and come back.
  await expireSessions(tenant.id);
  await page.goto("/status");
  await expect(connectPage.password).toBeVisible();
  await expect(page).toHaveURL(/reason=expired/);
});
