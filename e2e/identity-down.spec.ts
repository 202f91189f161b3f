// The Identity Service does not answer (nothing listens on its port): Test connection says so with a
// fix, and after saving, Creatio's own health check reports the same problem.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import { expectNoAxeViolations } from "./support/axe";
import { CHECK_TITLES, expectFailedWithFix, expectVerdict } from "./support/checks";
import { DEMO_IDENTITY_URL, writeCalls } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { SETTING_CODES } from "./support/pages/settings-step-page";

test.use({ tenantRequest: { scenario: "identity-down" } });

test("a dead Identity Service fails Test connection with a fix, and Creatio's health check agrees", async ({
  page,
  tenant,
  connectPage,
  credentialsStep,
  statusPage,
  stepper,
}) => {
  const deadUrl = tenant.identityService.url;
  expect(deadUrl).not.toBe(DEMO_IDENTITY_URL);
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
  await credentialsStep.goto();
  await credentialsStep.fill({ url: deadUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET });

  await credentialsStep.testButton.click();
  const discovery = await expectFailedWithFix(
    credentialsStep.testResult,
    CHECK_TITLES.hostDiscovery,
    /started/,
  );
  await expect(discovery).toContainText(/refused|cannot be reached/);
  // Without the discovery document the token cannot have been tested: it must not say Passed.
  await expect(
    credentialsStep.testResult.getByRole("listitem").getByText("Passed", { exact: true }),
  ).toHaveCount(0);
  await expectNoAxeViolations(page, "step 3 after a failed Test connection");
  expect(writeCalls(await tenant.snapshot())).toEqual([]);

  await credentialsStep.saveButton.click();
  for (const code of SETTING_CODES) {
    await expect(credentialsStep.savedRow(code).getByText("Saved", { exact: true })).toBeVisible();
  }
  const reachable = await expectFailedWithFix(
    credentialsStep.saveResult,
    CHECK_TITLES.creatioReachable,
    "OAuth20IdentityServerUrl",
  );
  // Creatio's own words from its health check.
  await expect(reachable).toContainText(
    "IdentityService specified in system setting OAuth20IdentityServerUrl is unavailable.",
  );
  await stepper.expectState("credentials", "Failed");
  await expectNoAxeViolations(page, "step 3 after saving an unreachable Identity Service");
  expect((await tenant.snapshot()).settings).toEqual({
    url: deadUrl,
    clientId: DEMO_CLIENT_ID,
    secretSet: true,
  });

  await statusPage.goto();
  await stepper.expectState("credentials", "Failed");
  await expectFailedWithFix(
    statusPage.creatioView,
    CHECK_TITLES.creatioReachable,
    "OAuth20IdentityServerUrl",
  );
  await expectVerdict(statusPage.creatioView, CHECK_TITLES.creatioSettings, "Passed");
  await expectNoAxeViolations(page, "status page with an unreachable Identity Service");
});
