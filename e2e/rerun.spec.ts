// Re-running the wizard on an instance that is already connected: every step is Done, and visiting
// every page sends Creatio no write at all.
import { expectNoAxeViolations } from "./support/axe";
import { expectHealthy } from "./support/checks";
import { callName, WRITE_CALLS, writeCalls } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { STEP_KEYS } from "./support/pages/stepper";

test.use({ tenantRequest: { scenario: "already-connected" } });

test("an already connected instance shows every step Done and is only read", async ({
  page,
  tenant,
  connectPage,
  featureStep,
  settingsStep,
  credentialsStep,
  resourceStep,
  statusPage,
  stepper,
}) => {
  const { calls: _calls, activeSessions: _sessions, ...before } = await tenant.snapshot();
  expect(before.defaultResources).toHaveLength(1);
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.2.1" });

  const pages = {
    feature: featureStep,
    settings: settingsStep,
    credentials: credentialsStep,
    resource: resourceStep,
  };
  for (const key of STEP_KEYS) {
    await pages[key].goto();
    await stepper.expectCurrent(key);
    await stepper.expectAllDone();
    await expectNoAxeViolations(page, `${key} step on an already connected instance`);
  }
  // The secret is shown only as set, never as a value.
  await settingsStep.goto();
  await expect(settingsStep.row("OAuth20IdentityServerClientSecret")).toContainText("Set");

  await statusPage.goto();
  await stepper.expectAllDone();
  await expectHealthy(statusPage.creatioView);
  await expectNoAxeViolations(page, "status page on an already connected instance");

  const after = await tenant.snapshot();
  const names = after.calls.map((c) => callName(c.path));
  expect(names).toContain("Login");
  expect(names).toContain("SelectQuery");
  expect(names).toContain("OAuthHealthCheck");
  expect(writeCalls(after), `no ${WRITE_CALLS.join("/")} call`).toEqual([]);
  const { calls: _c, activeSessions: _s, ...unchanged } = after;
  expect(unchanged).toEqual(before);
});
