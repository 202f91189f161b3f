// Full-page screenshots of every page at desktop and phone width, for a human to look at
// (.screenshots/, gitignored). Each page must show its heading and never scroll sideways.
import type { Page } from "@playwright/test";
import { DEMO_USER } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";

test.use({ tenantRequest: { scenario: "already-connected" } });

const WIDTHS = [1440, 360] as const;

async function expectFitsAndShoot(page: Page, width: number, name: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(width);
  await page.screenshot({ path: `.screenshots/e2e/${width}-${name}.png`, fullPage: true });
}

for (const width of WIDTHS) {
  test(`every page at ${width} px shows its heading and fits the width`, async ({
    page,
    tenant,
    connectPage,
    featureStep,
    settingsStep,
    credentialsStep,
    resourceStep,
    statusPage,
  }) => {
    await page.setViewportSize({ width, height: 900 });

    await connectPage.goto();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectFitsAndShoot(page, width, "connect");

    await connectPage.submit(tenant.baseUrl, DEMO_USER.name, "wrong-password");
    await expect(connectPage.alert).toBeVisible();
    await expectFitsAndShoot(page, width, "connect-error");

    await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.2.1" });
    const pages = [
      ["feature", featureStep],
      ["settings", settingsStep],
      ["credentials", credentialsStep],
      ["resource", resourceStep],
      ["status", statusPage],
    ] as const;
    for (const [name, wizardPage] of pages) {
      await wizardPage.goto();
      await expect(wizardPage.heading).toBeVisible();
      await expect(wizardPage.stepper.nav).toBeVisible();
      await expectFitsAndShoot(page, width, name);
    }

    // Step 5 before it runs (it writes to Creatio), and /report with no file yet.
    await page.goto("/setup/verify");
    await expect(page.getByRole("heading", { level: 1, name: "Prove it end to end" })).toBeVisible();
    await expectFitsAndShoot(page, width, "verify");
    await page.goto("/report");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectFitsAndShoot(page, width, "report");
  });
}
