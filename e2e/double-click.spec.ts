// "Create default resource" is not idempotent in Creatio: a double click must send one request.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import { callsNamed, DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";

// Steps 1 to 3 done; the create call takes long enough for a second click to land while it runs.
test.use({
  tenantRequest: {
    config: {
      allEmployeesFeatureState: 1,
      settings: { url: DEMO_IDENTITY_URL, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
      addDefaultResourceDelayMs: 1500,
    },
  },
});

test("a double click on Create default resource sends one request and creates one resource", async ({
  tenant,
  connectPage,
  resourceStep,
  stepper,
}) => {
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
  await resourceStep.goto();
  await stepper.expectState("resource", "Not done");

  await resourceStep.createButton.dblclick();
  // While Creatio works: progress is announced and the button cannot be pressed again.
  await expect(resourceStep.status).toBeVisible();
  await expect(resourceStep.createButton).toBeDisabled();
  await expect(resourceStep.scope).toBeVisible();
  await stepper.expectState("resource", "Done");

  const snap = await tenant.snapshot();
  expect(callsNamed(snap, "AddDefaultResource")).toHaveLength(1);
  expect(snap.defaultResources).toHaveLength(1);
});
