// Creatio's session ends mid-wizard: the operator is asked to sign in again, lands back on the same
// step, and loses nothing typed. The failed call changes nothing in Creatio.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import { expectNoAxeViolations } from "./support/axe";
import { callsNamed, DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { SETTING_CODES } from "./support/pages/settings-step-page";

test("an action after expiry asks to sign in again and comes back to step 3 with the typed values", async ({
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

  await tenant.expireSessions();
  await credentialsStep.saveButton.click();
  await expect(credentialsStep.alert).toContainText(/session/i);
  await expect(credentialsStep.alert.getByText("Fix:", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "step 3 after the session expired");
  // Nothing reached Creatio's settings: the save (sent on the page's fresh reads, without a probe
  // first) met the ended session and Creatio refused it.
  const afterExpiry = await tenant.snapshot();
  expect(afterExpiry.settings).toEqual({ url: "", clientId: "", secretSet: false });
  const refused = callsNamed(afterExpiry, "PostSysSettingsValues");
  expect(refused.length).toBeLessThanOrEqual(1);
  for (const call of refused) expect([302, 401]).toContain(call.status);

  await credentialsStep.alert.getByRole("link", { name: /sign in/i }).click();
  await expect(connectPage.password).toBeVisible();
  await expectNoAxeViolations(page, "connect page asking to sign in again");
  await connectPage.signInAgain(tenant.baseUrl);

  await credentialsStep.expectLoaded();
  await credentialsStep.expectValues({ url: DEMO_IDENTITY_URL, clientId: DEMO_CLIENT_ID });
  // The secret typed before is kept on the wizard's server (never sent back): saving without
  // typing it again stores it.
  await credentialsStep.saveButton.click();
  for (const code of SETTING_CODES) {
    await expect(credentialsStep.savedRow(code).getByText("Saved", { exact: true })).toBeVisible();
  }
  const saved = await tenant.snapshot();
  expect(saved.settings).toEqual({ url: DEMO_IDENTITY_URL, clientId: DEMO_CLIENT_ID, secretSet: true });
  // One write accepted: the one after signing in again.
  expect(callsNamed(saved, "PostSysSettingsValues").filter((c) => c.status === 200)).toHaveLength(1);
});

test("opening another step after expiry asks to sign in again and then opens that step", async ({
  page,
  tenant,
  connectPage,
  featureStep,
  resourceStep,
  stepper,
}) => {
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
  await featureStep.goto();

  await tenant.expireSessions();
  await stepper.link("resource").click();
  await expect(connectPage.password).toBeVisible();
  await expect(page.getByRole("main")).toContainText(/sign in again/i);
  await expectNoAxeViolations(page, "connect page after the session expired");

  await connectPage.signInAgain(tenant.baseUrl);
  await resourceStep.expectLoaded();
  await stepper.expectCurrent("resource");
  const snap = await tenant.snapshot();
  expect(snap.activeSessions).toBe(1);
  expect(snap.defaultResources).toEqual([]);
});
