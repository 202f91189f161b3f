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
  /** The link that opens Creatio's System settings section. */
  readonly systemSettingsLink: Locator;

  constructor(page: Page) {
    super(page, "/setup/settings", "Review system settings");
    this.continueButton = page.getByRole("button", { name: "Continue", exact: true });
    this.systemSettingsLink = page.getByRole("main").getByRole("link", { name: /system settings/i });
  }

  /** The element naming one setting code (shown in `code` font). */
  code(code: (typeof SETTING_CODES)[number]): Locator {
    return this.page.getByRole("main").getByText(code, { exact: true }).first();
  }
}
