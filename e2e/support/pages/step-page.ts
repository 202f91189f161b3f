// What every step page and the status page share: a heading, the stepper, alerts and progress.
import { expect, type Locator, type Page } from "@playwright/test";
import { appAlerts, appStatuses, waitForHydration } from "./landmarks";
import { Stepper } from "./stepper";

export abstract class WizardPage {
  readonly stepper: Stepper;
  readonly heading: Locator;
  readonly alert: Locator;
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly path: string,
    headingName: string,
  ) {
    this.stepper = new Stepper(page);
    this.heading = page.getByRole("heading", { name: headingName, exact: true });
    this.alert = appAlerts(page);
    this.status = appStatuses(page);
  }

  /** Opens the page and waits for its heading (fails when the wizard sends the browser elsewhere). */
  async goto(): Promise<void> {
    await this.page.goto(this.path);
    await this.expectLoaded();
    await waitForHydration(this.page);
  }

  async expectLoaded(): Promise<void> {
    await expect(this.page).toHaveURL((url) => url.pathname === this.path);
    await expect(this.heading).toBeVisible();
  }
}
