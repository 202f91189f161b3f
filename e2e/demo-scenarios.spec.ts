// Every demo scenario, started as a trainee starts it (picker, "Use demo Creatio", Connect), shows its
// expected state or diagnosis on the page where its effect shows. One table: scenario -> page -> text.
import type { Page } from "@playwright/test";
import { DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import { DEMO_SCENARIOS, type DemoScenario, type DemoTenantOverrides } from "@/lib/demo/types";
import { expectNoAxeViolations } from "./support/axe";
import { CHECK_TITLES, checkItem, expectVerdict } from "./support/checks";
import { createTenant, expireSessions, snapshot } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { CredentialsStepPage } from "./support/pages/credentials-step-page";
import { DemoMode } from "./support/pages/demo-mode";
import { SCOPE_PATTERN } from "./support/pages/resource-step-page";
import { Stepper } from "./support/pages/stepper";

interface Tenant {
  id: string;
  baseUrl: string;
}

interface Row {
  /** The page where the scenario's effect shows. */
  page: string;
  /** What that page says (checked after `act`). */
  expected: string | RegExp;
  /**
   * Knobs that shorten a slow scenario: the tenant is then created through the admin API with them (the
   * picker never offers knobs) and its address typed on the connect page.
   */
  config?: DemoTenantOverrides;
  /** What the trainee does on the page before the effect shows; more checks of it. */
  act?(page: Page, tenant: Tenant): Promise<void>;
}

/** Step 3 with the scenario's own Identity Service address (what its appsettings.json would say). */
async function fillStep3(page: Page, tenant: Tenant, clientSecret: string): Promise<CredentialsStepPage> {
  const step = new CredentialsStepPage(page);
  const { identityService } = await snapshot(tenant.id);
  await step.fill({ url: identityService.url, clientId: identityService.clientId, clientSecret });
  return step;
}

async function runProof(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Run the proof", exact: true }).click();
  await expect(page.getByRole("list", { name: "Hops of the proof" })).toBeVisible({ timeout: 30_000 });
}

const TABLE: Record<DemoScenario, Row> = {
  "tokens-rejected": {
    page: "/setup/verify",
    expected: "Creatio rejected the Identity Service's token",
    act: runProof,
  },
  "integration-user-lacks-rights": {
    page: "/setup/verify",
    expected: "Creatio accepted the token, but the bound user may not read data.",
    act: runProof,
  },
  "fresh-8.1-netfx": {
    page: "/setup/feature",
    expected: "OAuth20Integration has no state row for All employees.",
    act: async (page) => {
      await expect(page.getByRole("banner")).toContainText("Creatio 8.1.2.3842 on .NET Framework");
      await new Stepper(page).expectState("feature", "Not done");
    },
  },
  "fresh-8.3-net": {
    page: "/setup/feature",
    // On by default from 8.3.2: step 1 is already done.
    expected: "OAuth20Integration is on for All employees.",
    act: async (page) => {
      await expect(page.getByRole("banner")).toContainText(/Creatio 8\.3\.2\.4321 on \.NET(?! Framework)/);
      await new Stepper(page).expectState("feature", "Done");
    },
  },
  "already-connected": {
    page: "/status",
    expected: "Connected: all four steps are done and no check failed.",
    act: async (page) => new Stepper(page).expectAllDone(),
  },
  "identity-down": {
    page: "/setup/credentials",
    expected: /refused|cannot be reached/,
    act: async (page, tenant) => {
      const step = await fillStep3(page, tenant, DEMO_CLIENT_SECRET);
      await step.testButton.click();
      await expectVerdict(step.testResult, CHECK_TITLES.hostDiscovery, "Failed");
    },
  },
  "wrong-secret": {
    page: "/status",
    expected: "The Identity Service refuses the client id and secret (invalid_client)",
    act: async (page) => new Stepper(page).expectState("credentials", "Failed"),
  },
  "unreachable-from-creatio": {
    page: "/setup/credentials",
    expected: "IdentityService specified in system setting OAuth20IdentityServerUrl is unavailable.",
    act: async (page, tenant) => {
      const step = await fillStep3(page, tenant, DEMO_CLIENT_SECRET);
      await step.saveButton.click();
      // The wizard's server reaches the service; Creatio's server does not.
      await expectVerdict(step.saveResult, CHECK_TITLES.hostDiscovery, "Passed");
      await expectVerdict(step.saveResult, CHECK_TITLES.creatioReachable, "Failed");
    },
  },
  "no-rights": {
    page: "/status",
    expected: "Missing operation permissions",
    act: async (page) => {
      await expect(page.getByRole("main")).toContainText("CanManageSysSettings");
      await expect(page.getByRole("main")).toContainText("CanManageSolution");
    },
  },
  "slow-resource": {
    page: "/setup/resource",
    expected: SCOPE_PATTERN,
    config: { addDefaultResourceDelayMs: 1500 },
    act: async (page) => {
      await page.getByRole("button", { name: "Create default resource", exact: true }).click();
      // While Creatio works: progress that says it can take long, and no second press.
      await expect(page.getByRole("status").filter({ hasText: "tens of seconds" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Create default resource", exact: true })).toBeDisabled();
    },
  },
  "session-expiry": {
    page: "/setup/settings",
    expected: "Your Creatio session has ended.",
    act: async (page, tenant) => {
      // The trainer's shortcut instead of waiting 30 s: end the tenant's sessions now.
      await expireSessions(tenant.id);
      await page.reload();
      await expect(page).toHaveURL(
        (url) => url.pathname === "/" && url.searchParams.get("reason") === "expired",
      );
    },
  },
  "two-default-resources": {
    page: "/status",
    expected: "More than one default resource",
    act: async (page) => new Stepper(page).expectState("resource", "Failed"),
  },
  "old-version-no-healthcheck": {
    page: "/status",
    expected: "No OAuth health check on this Creatio",
    act: async (page) => {
      await expect(page.getByRole("banner")).toContainText("Creatio 8.0.10.1234");
    },
  },
  "self-signed-identity": {
    page: "/setup/credentials",
    // After trusting the demo CA, the same test passes.
    expected: "trusts the demo's certificate authority for these checks",
    act: async (page, tenant) => {
      const step = await fillStep3(page, tenant, DEMO_CLIENT_SECRET);
      await step.testButton.click();
      const discovery = await expectVerdict(step.testResult, CHECK_TITLES.hostDiscovery, "Failed");
      await expect(discovery).toContainText(/certificate/i);
      const trust = page.getByRole("button", { name: "Trust the demo's certificate authority", exact: true });
      await expect(trust).toBeVisible();
      // What would be trusted: the certificate the service presented, with its SHA-256 fingerprint.
      await expect(step.testResult.getByText(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)).toBeVisible();
      await expectNoAxeViolations(page, "step 3 offering to trust the demo's CA");
      await trust.click();
      await expectVerdict(step.testResult, CHECK_TITLES.hostDiscovery, "Passed");
      await expectVerdict(step.testResult, CHECK_TITLES.hostToken, "Passed");
      await expect(checkItem(step.testResult, CHECK_TITLES.hostDiscovery)).toContainText("https://");
    },
  },
};

for (const scenario of DEMO_SCENARIOS) {
  const row = TABLE[scenario];
  test(`${scenario}: ${row.page} shows ${String(row.expected)}`, async ({ page }) => {
    const demo = new DemoMode(page);
    let tenant: Tenant;
    if (row.config) {
      const created = await createTenant({ scenario, config: row.config });
      const { runtime, version } = await snapshot(created.id);
      tenant = { id: created.id, baseUrl: created.baseUrl };
      await demo.connectPage.connect(created.baseUrl, { runtime, version });
    } else {
      tenant = await demo.start(scenario);
      await demo.expectBannerNames(scenario);
    }
    await page.goto(row.page);
    await row.act?.(page, tenant);
    await expect(page.getByRole("main")).toContainText(row.expected);
  });
}
