// `/unlock`: the access-password page of a wizard that listens beyond loopback.
import { expect, type Locator, type Page } from "@playwright/test";
import { appAlerts, waitForHydration } from "./landmarks";

export class UnlockPage {
  readonly heading: Locator;
  /** A password input has no ARIA role; its label is its accessible name. */
  readonly accessPassword: Locator;
  readonly unlockButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Unlock the wizard", exact: true });
    this.accessPassword = page.getByLabel("Access password", { exact: true });
    this.unlockButton = page.getByRole("button", { name: "Unlock", exact: true });
    this.alert = appAlerts(page);
  }

  /** Types the access password and presses Unlock (a plain form post: the page reloads). */
  async unlock(password: string): Promise<void> {
    await waitForHydration(this.page);
    await this.accessPassword.fill(password);
    await expect(this.accessPassword).toHaveValue(password);
    await this.unlockButton.click();
  }
}
