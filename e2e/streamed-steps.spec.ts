// A step page shows its own content once its own reads are in; the "Setup steps" states that need a
// slower read (step 1's feature: two calls one after the other) stream in afterwards. With every
// Creatio call slowed down, the window between the two is at least one call long.
import { expectNoAxeViolations } from "./support/axe";
import { expect, test } from "./support/fixtures";

const LATENCY_MS = 2_500;
test.use({ tenantRequest: { scenario: "fresh-8.1-netfx", config: { latencyMs: LATENCY_MS } } });

test("step 4 shows its content before step 1's state has been read, then the state", async ({
  page,
  tenant,
  connectPage,
  resourceStep,
  stepper,
}) => {
  test.slow();
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
  await stepper.link("resource").click();
  await resourceStep.expectLoaded();

  // Step 4's own read and the settings reads decide steps 2, 3 and 4 already; step 1 is being read.
  const checking = stepper.item("feature").getByText("Checking…", { exact: true });
  await expect(checking).toBeVisible();
  await stepper.expectState("resource", "Not done");
  await stepper.expectState("credentials", "Not done");
  await expect(stepper.link("feature")).toBeVisible();
  await expectNoAxeViolations(page, "step 4 while step 1's state streams in");

  await expect(checking).toBeHidden({ timeout: 4 * LATENCY_MS });
  await stepper.expectState("feature", "Not done");
});
