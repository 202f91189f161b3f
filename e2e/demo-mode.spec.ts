// Trainer demo mode: the scenario picker and its explanations, a demo tenant per browser session, the
// Demo banner, "Reset demo", and a real URL that never touches the demo.
import type { Browser, Page } from "@playwright/test";
import { DEMO_SCENARIOS, type DemoTenantSnapshot } from "@/lib/demo/types";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO_CREATIO_ORIGIN, snapshot } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { DemoMode, SCENARIO_LABELS, SCENARIOS_PATH } from "./support/pages/demo-mode";
import { FeatureStepPage } from "./support/pages/feature-step-page";
import { waitForHydration } from "./support/pages/landmarks";
import { Stepper } from "./support/pages/stepper";

/** A tenant's data, without its call log and live sessions. */
function dataOf(snap: DemoTenantSnapshot) {
  const { calls: _calls, activeSessions: _sessions, ...data } = snap;
  return data;
}

test("the picker offers all twelve scenarios, each explained for the trainer, by keyboard alone", async ({
  page,
}) => {
  const demo = new DemoMode(page);
  await demo.connectPage.goto();
  await expect(demo.scenario.locator("option")).toHaveText(DEMO_SCENARIOS.map((id) => SCENARIO_LABELS[id]));
  await expect(demo.scenario).toHaveValue("fresh-8.1-netfx");
  // No demo tenant yet in this browser: no banner.
  await expect(demo.banner).toHaveCount(0);

  // Keyboard only: focus the select, pick "Operator without rights", open its explanation.
  await demo.scenario.focus();
  for (let i = 0; i < DEMO_SCENARIOS.indexOf("no-rights"); i++) await page.keyboard.press("ArrowDown");
  await expect(demo.scenario).toHaveValue("no-rights");
  await page.keyboard.press("Tab");
  await expect(demo.explanationToggle).toBeFocused();
  await page.keyboard.press("Enter");
  const explanation = page.getByText(/lacks the CanManageSysSettings and CanManageSolution rights/);
  await expect(explanation).toBeVisible();
  await expectNoAxeViolations(page, "connect page with the scenario picker and an explanation open");

  // Every explanation on one page, linked from the picker; each links back to pick its scenario.
  await page.keyboard.press("Tab");
  await expect(demo.scenariosLink).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === SCENARIOS_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Demo scenarios" })).toBeVisible();
  for (const id of DEMO_SCENARIOS) {
    const section = page.getByRole("region", { name: SCENARIO_LABELS[id], exact: true });
    await expect(section).toBeVisible();
    // One paragraph: what goes wrong and what the wizard should show.
    await expect(section.getByText(/should/)).toBeVisible();
  }
  await expectNoAxeViolations(page, "the demo scenarios page");
  const wrongSecret = page.getByRole("region", { name: SCENARIO_LABELS["wrong-secret"], exact: true });
  await wrongSecret.getByRole("link", { name: /Choose this scenario/ }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expect(demo.scenario).toHaveValue("wrong-secret");
});

test("a tenant per browser: the banner names the scenario on every page, and reset restores the start", async ({
  page,
}) => {
  const demo = new DemoMode(page);
  const stepper = new Stepper(page);
  const feature = new FeatureStepPage(page);
  const tenant = await demo.start("fresh-8.1-netfx");
  const start = dataOf(await snapshot(tenant.id));

  for (const path of [
    "/setup/feature",
    "/setup/settings",
    "/setup/credentials",
    "/setup/resource",
    "/status",
  ]) {
    await page.goto(path);
    await demo.expectBannerNames("fresh-8.1-netfx");
    await expect(demo.resetButton).toBeVisible();
  }

  await test.step("change the tenant: enable the feature for all users", async () => {
    await feature.goto();
    await feature.enableButton.click();
    await stepper.expectState("feature", "Done");
    expect(dataOf(await snapshot(tenant.id))).not.toEqual(start);
  });

  await test.step("Reset demo: back to the scenario's start, in the UI and in the tenant", async () => {
    await demo.reset();
    await expect(demo.resetNotice).toContainText(SCENARIO_LABELS["fresh-8.1-netfx"]);
    await expect(demo.resetNotice).toBeFocused();
    await demo.expectBannerNames("fresh-8.1-netfx");
    const after = await snapshot(tenant.id);
    expect(dataOf(after)).toEqual(start);
    expect(after.activeSessions).toBe(0);
    await expectNoAxeViolations(page, "connect page after Reset demo");
    // The same tenant comes back filled in: Connect shows step 1 as at the start.
    await expect(demo.connectPage.creatioUrl).toHaveValue(tenant.baseUrl);
    await demo.connectPage.connectButton.click();
    await expect(page).toHaveURL((url) => url.pathname === "/setup/feature");
    await stepper.expectState("feature", "Not done");
    await stepper.expectState("settings", "Not done");
  });
});

/** A new browser (its own cookies, so its own wizard session) on one page. */
async function newBrowserPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test("two browsers in parallel on different scenarios do not see each other's demo", async ({
  browser,
  baseURL,
}) => {
  const [pageA, pageB] = await Promise.all([
    newBrowserPage(browser, baseURL),
    newBrowserPage(browser, baseURL),
  ]);
  try {
    const [a, b] = [new DemoMode(pageA), new DemoMode(pageB)];
    const [tenantA, tenantB] = await Promise.all([a.start("fresh-8.1-netfx"), b.start("already-connected")]);
    expect(tenantA.id).not.toBe(tenantB.id);
    const startB = dataOf(await snapshot(tenantB.id));

    // Each browser is signed in to its own tenant and names its own scenario.
    await Promise.all([a.expectBannerNames("fresh-8.1-netfx"), b.expectBannerNames("already-connected")]);
    await expect(a.banner).not.toContainText(SCENARIO_LABELS["already-connected"]);
    await expect(pageA.getByRole("banner")).toContainText(tenantA.baseUrl);
    await expect(pageB.getByRole("banner")).toContainText(tenantB.baseUrl);

    // A changes its tenant at the same time as B reads its own.
    const featureA = new FeatureStepPage(pageA);
    await featureA.enableButton.click();
    await new Stepper(pageA).expectState("feature", "Done");
    await pageB.goto("/status");
    await new Stepper(pageB).expectAllDone();
    expect(dataOf(await snapshot(tenantB.id))).toEqual(startB);

    // B's reset leaves A's tenant alone.
    const changedA = dataOf(await snapshot(tenantA.id));
    await b.reset();
    expect(dataOf(await snapshot(tenantA.id))).toEqual(changedA);
    await pageA.reload();
    await new Stepper(pageA).expectState("feature", "Done");
  } finally {
    await Promise.all([pageA.context().close(), pageB.context().close()]);
  }
});

test("a real URL typed on the connect page never touches the demo", async ({ page }) => {
  const demo = new DemoMode(page);
  const own = await demo.createTenant("wrong-secret");
  const before = await snapshot(own.id);
  // Nothing listens there: the wizard tries that address, and only that address.
  const realUrl = "http://127.0.0.1:9";
  expect(realUrl.startsWith(DEMO_CREATIO_ORIGIN)).toBe(false);
  await demo.connectPage.submit(realUrl);
  await expect(demo.connectPage.alert).toBeVisible();
  // This browser's demo tenant saw nothing, not even a reset.
  expect(await snapshot(own.id)).toEqual(before);
  // Still this browser's demo (not signed in anywhere): the banner keeps naming it.
  await demo.expectBannerNames("wrong-secret");
});

test("a browser that only types a real URL gets no demo tenant and no Demo banner", async ({ page }) => {
  const demo = new DemoMode(page);
  await demo.connectPage.goto();
  await demo.connectPage.submit("http://127.0.0.1:9");
  await expect(demo.connectPage.alert).toBeVisible();
  await page.reload();
  await waitForHydration(page);
  await expect(demo.banner).toHaveCount(0);
  await expect(demo.resetButton).toHaveCount(0);
  // The form was not filled with a demo address either.
  await expect(demo.connectPage.creatioUrl).not.toHaveValue(new RegExp(`^${DEMO_CREATIO_ORIGIN}`));
});

for (const width of [1440, 360] as const) {
  test(`the connect page with the picker at ${width} px fits the width`, async ({ page }) => {
    await page.setViewportSize({ width, height: 1000 });
    const demo = new DemoMode(page);
    await demo.createTenant("self-signed-identity");
    await demo.explanationToggle.click();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `connect page at ${width} px scrolls sideways`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `.screenshots/e2e/${width}-demo-connect.png`, fullPage: true });
    await page.goto(SCENARIOS_PATH);
    await page.screenshot({ path: `.screenshots/e2e/${width}-demo-scenarios.png`, fullPage: true });
  });
}
