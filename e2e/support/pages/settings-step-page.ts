// Step 2, `/setup/settings`: a read-only review of the three system settings.
import type { Locator, Page } from "@playwright/test";
import { WizardPage } from "./step-page";

export const SETTING_CODES = [
  "OAuth20IdentityServerUrl",
  "OAuth20IdentityServerClientId",
  "OAuth20IdentityServerClientSecret",
] as const;

export class SettingsStepPage extends WizardPage {
  readonly continueButton: Locator;

  constructor(page: Page) {
    super(page, "/setup/settings", "Review system settings");
    this.continueButton = page.getByRole("button", { name: "Continue", exact: true });
  }

  /** The link that opens Creatio's System settings section: a link into this Creatio, not the wizard. */
  systemSettingsLink(creatioBaseUrl: string): Locator {
    return this.page.getByRole("main").locator(`a[href^="${creatioBaseUrl}/"]`);
  }

  /** The table row of one setting code with its current value. */
  row(code: (typeof SETTING_CODES)[number]): Locator {
    return this.page
      .getByRole("main")
      .getByRole("row")
      .filter({ has: this.page.getByText(code, { exact: true }) });
  }
}
