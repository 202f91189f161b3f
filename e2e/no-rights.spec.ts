// An operator without CanManageSysSettings / CanManageSolution: each write fails with a message that
// names the missing right, and Creatio is left exactly as it was.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import type { DemoTenantSnapshot } from "@/lib/demo/types";
import { expectNoAxeViolations } from "./support/axe";
import { DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";

test.use({ tenantRequest: { scenario: "no-rights" } });

/** The tenant's data, without the call log. */
function state(snap: DemoTenantSnapshot) {
  const { calls: _calls, activeSessions: _sessions, ...rest } = snap;
  return rest;
}

test("saving settings and creating the resource fail naming the missing right; nothing changes", async ({
  page,
  tenant,
  connectPage,
  credentialsStep,
  resourceStep,
  stepper,
}) => {
  const before = state(await tenant.snapshot());
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });

  await test.step("Save settings names CanManageSysSettings", async () => {
    await credentialsStep.goto();
    await credentialsStep.fill({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
    });
    await credentialsStep.saveButton.click();
    await expect(credentialsStep.alert).toContainText("CanManageSysSettings");
    await expect(credentialsStep.alert.getByText("Fix:", { exact: true })).toBeVisible();
    // Never claims a save that did not happen.
    await expect(credentialsStep.saveResult).toHaveCount(0);
    await stepper.expectState("credentials", "Not done");
    await expectNoAxeViolations(page, "step 3 without CanManageSysSettings");
    expect(state(await tenant.snapshot())).toEqual(before);
  });

  await test.step("Create default resource names CanManageSolution", async () => {
    await resourceStep.goto();
    await resourceStep.createButton.click();
    await expect(resourceStep.alert).toContainText("CanManageSolution");
    await expect(resourceStep.alert.getByText("Fix:", { exact: true })).toBeVisible();
    await expect(resourceStep.scope).toHaveCount(0);
    await stepper.expectState("resource", "Not done");
    await expectNoAxeViolations(page, "step 4 without CanManageSolution");
    expect(state(await tenant.snapshot())).toEqual(before);
  });
});
