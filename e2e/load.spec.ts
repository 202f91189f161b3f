// Load (issue 6): 20 operators, each in its own browser and on its own demo Creatio, run the whole
// wizard at the same time. No cross-talk: every tenant ends with exactly its own writes, and every
// operator sees its own Creatio, user and resource. A correctness test: nothing here is timed.
import type { Browser } from "@playwright/test";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import {
  ALL_EMPLOYEES_ROLE_ID,
  callsNamed,
  createTenant,
  DEMO_IDENTITY_URL,
  snapshot,
} from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { ConnectPage } from "./support/pages/connect-page";
import { CredentialsStepPage } from "./support/pages/credentials-step-page";
import { FeatureStepPage } from "./support/pages/feature-step-page";
import { ResourceStepPage, SCOPE_PATTERN } from "./support/pages/resource-step-page";
import { SettingsStepPage } from "./support/pages/settings-step-page";
import { StatusPage } from "./support/pages/status-page";

const OPERATORS = 20;

interface Outcome {
  tenantId: string;
  baseUrl: string;
  user: string;
  scope: string;
}

/** One operator: its own tenant, its own user name, its own browser context. */
async function runWizard(browser: Browser, baseURL: string, n: number): Promise<Outcome> {
  const user = `Operator${n}`;
  const tenant = await createTenant({
    scenario: "fresh-8.1-netfx",
    config: {
      addDefaultResourceDelayMs: 300,
      users: {
        [user]: {
          password: `Pw-${n}-load-test`,
          loginCode: 0,
          canManageSysSettings: true,
          canManageSolution: true,
        },
      },
    },
  });
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    const connect = new ConnectPage(page);
    await connect.goto();
    await connect.submit(tenant.baseUrl, user, `Pw-${n}-load-test`);
    await expect(page).toHaveURL((url) => url.pathname === "/setup/feature", { timeout: 60_000 });

    const feature = new FeatureStepPage(page);
    await feature.goto();
    await feature.enableButton.click();
    await feature.stepper.expectState("feature", "Done");

    const settings = new SettingsStepPage(page);
    await settings.goto();
    await settings.continueButton.click();
    const credentials = new CredentialsStepPage(page);
    await credentials.expectLoaded();
    await credentials.fill({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
    });
    await credentials.saveButton.click();
    await expect(credentials.saveResult).toBeVisible({ timeout: 60_000 });
    await credentials.stepper.expectState("credentials", "Done");

    const resource = new ResourceStepPage(page);
    await resource.goto();
    await resource.createButton.click();
    await expect(resource.scope).toBeVisible({ timeout: 60_000 });
    const scope = (await resource.scope.textContent())?.match(SCOPE_PATTERN)?.[0] ?? "";

    const status = new StatusPage(page);
    await status.goto();
    await status.stepper.expectAllDone();
    // The operator's own Creatio and user, not another session's.
    const banner = page.getByRole("banner");
    await expect(banner).toContainText(tenant.baseUrl);
    await expect(banner).toContainText(`Signed in as ${user}`);
    return { tenantId: tenant.id, baseUrl: tenant.baseUrl, user, scope };
  } finally {
    await context.close();
  }
}

test("20 operators complete the wizard at the same time, each on its own Creatio, with no cross-talk", async ({
  browser,
  baseURL,
}) => {
  // 20 browsers on a 2-core machine: generous, since this checks correctness, not speed.
  test.setTimeout(420_000);
  const outcomes = await Promise.all(
    Array.from({ length: OPERATORS }, (_, i) => runWizard(browser, baseURL ?? "", i + 1)),
  );

  expect(new Set(outcomes.map((o) => o.scope)).size).toBe(OPERATORS);
  for (const o of outcomes) {
    const snap = await snapshot(o.tenantId);
    const where = `${o.user} on ${o.baseUrl}`;
    // Exactly this operator's writes: one feature row, one settings save, one resource.
    expect(snap.featureRows, where).toEqual([{ sysAdminUnitId: ALL_EMPLOYEES_ROLE_ID, state: 1 }]);
    expect([...callsNamed(snap, "InsertQuery"), ...callsNamed(snap, "UpdateQuery")], where).toHaveLength(1);
    expect(callsNamed(snap, "PostSysSettingsValues"), where).toHaveLength(1);
    expect(snap.settings, where).toEqual({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
      secretSet: true,
    });
    expect(callsNamed(snap, "AddDefaultResource"), where).toHaveLength(1);
    // The resource this operator saw is the one its own Creatio holds.
    expect(
      snap.defaultResources.map((r) => r.name),
      where,
    ).toEqual([o.scope]);
    // Only this operator signed in here (one login, by its own user).
    expect(callsNamed(snap, "Login"), where).toHaveLength(1);
  }
});
