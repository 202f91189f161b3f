// invalid_client: the Identity Service ignores an edited appsettings.json (it copied its Clients into
// its database at first start). The wizard names that cause and its fix, on step 3 and on /status.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import { expectNoAxeViolations } from "./support/axe";
import { CHECK_TITLES, expectFailedWithFix, expectHealthy, expectVerdict } from "./support/checks";
import { DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";

test.use({ tenantRequest: { scenario: "wrong-secret" } });

/** The fix for invalid_client: the database copy of Clients, and which tables to clear. */
const DATABASE_FIX = /appsettings\.json[\s\S]*Clients, ClientScopes, ClientSecrets and ClientClaims/;

test("a wrong secret is diagnosed as invalid_client with the appsettings/database fix", async ({
  page,
  tenant,
  connectPage,
  credentialsStep,
  statusPage,
  stepper,
}) => {
  const wrongSecret = tenant.identityService.clientSecret;
  expect(wrongSecret).not.toBe(DEMO_CLIENT_SECRET);
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });

  await test.step("status: Creatio gets no token with the saved secret", async () => {
    await statusPage.goto();
    await stepper.expectState("credentials", "Failed");
    await expectFailedWithFix(statusPage.creatioView, CHECK_TITLES.creatioToken, DATABASE_FIX);
    await expectNoAxeViolations(page, "status page with a wrong secret");
  });

  await test.step("step 3: Test connection names invalid_client", async () => {
    await credentialsStep.goto();
    // Creatio's current values are shown; the secret never is.
    await credentialsStep.expectValues({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
      clientSecret: "",
    });
    await credentialsStep.clientSecret.fill(wrongSecret);
    await credentialsStep.testButton.click();
    await expectVerdict(credentialsStep.testResult, CHECK_TITLES.hostDiscovery, "Passed");
    const token = await expectFailedWithFix(credentialsStep.testResult, CHECK_TITLES.hostToken, DATABASE_FIX);
    await expect(token).toContainText("invalid_client");
    await expectNoAxeViolations(page, "step 3 with invalid_client");
  });

  await test.step("saving the service's real secret makes Creatio healthy", async () => {
    await credentialsStep.clientSecret.fill(DEMO_CLIENT_SECRET);
    await credentialsStep.saveButton.click();
    await expectHealthy(credentialsStep.saveResult);
    await stepper.expectState("credentials", "Done");
    expect((await tenant.snapshot()).settings).toEqual({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
      secretSet: true,
    });
  });
});
