// Step 3 speaks the same check model as the status page: after "Save settings" the two views stand side
// by side, and the diagnosis rules say what the disagreement means and how to fix it.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import { expectNoAxeViolations } from "./support/axe";
import { CHECK_TITLES } from "./support/checks";
import { DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { diagnosisItem, expectCheck } from "./support/pages/diagnostics";

test.use({ tenantRequest: { scenario: "unreachable-from-creatio" } });

test("Save settings: the wizard reaches the Identity Service, Creatio does not, and the fix says where to look", async ({
  page,
  tenant,
  connectPage,
  credentialsStep,
}) => {
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
  await credentialsStep.goto();
  await credentialsStep.fill({
    url: DEMO_IDENTITY_URL,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
  });
  await credentialsStep.saveButton.click();

  const result = credentialsStep.saveResult;
  await expectCheck(result, CHECK_TITLES.hostDiscovery, "Passed");
  await expectCheck(result, CHECK_TITLES.hostToken, "Passed");
  await expectCheck(result, CHECK_TITLES.creatioReachable, "Failed");
  await expectCheck(result, CHECK_TITLES.creatioToken, "Not run");
  const diagnosis = diagnosisItem(
    result.getByRole("list", { name: "Diagnoses", exact: true }),
    "The wizard reaches the Identity Service, Creatio does not",
  );
  await expect(diagnosis).toContainText(
    `The wizard's server reaches the Identity Service at ${DEMO_IDENTITY_URL}, but Creatio's server cannot reach ${DEMO_IDENTITY_URL}.`,
  );
  await expect(diagnosis).toContainText(
    `Fix: On the Creatio server, open ${DEMO_IDENTITY_URL}/.well-known/openid-configuration`,
  );
  await expectNoAxeViolations(page, "step 3 after saving, with a diagnosis");
  for (const width of [1440, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({
      path: `.screenshots/diagnostics/${width}-step3-unreachable.png`,
      fullPage: true,
    });
  }
});
