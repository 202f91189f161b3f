// Step 3, `/setup/credentials`: fill out, test and save the three system settings.
import { expect, type Locator, type Page } from "@playwright/test";
import { WizardPage } from "./step-page";

export interface IdentityValues {
  url: string;
  clientId: string;
  clientSecret: string;
}

export class CredentialsStepPage extends WizardPage {
  readonly identityServiceUrl: Locator;
  readonly clientId: Locator;
  /** A password input has no ARIA role; its label is its accessible name. */
  readonly clientSecret: Locator;
  readonly testButton: Locator;
  readonly saveButton: Locator;
  /** The "Paste appsettings.json" helper (a disclosure: summary, textarea, fill button). */
  readonly pasteHelper: Locator;
  readonly pasteText: Locator;
  readonly pasteFillButton: Locator;
  /** What "Test connection" found (nothing is saved). */
  readonly testResult: Locator;
  /** What "Save settings" did: per code, then both views. */
  readonly saveResult: Locator;

  constructor(page: Page) {
    super(page, "/setup/credentials", "Fill out the system settings");
    this.identityServiceUrl = page.getByRole("textbox", { name: "Identity Service URL", exact: true });
    this.clientId = page.getByRole("textbox", { name: "Client ID", exact: true });
    this.clientSecret = page.getByLabel("Client secret", { exact: true });
    this.testButton = page.getByRole("button", { name: "Test connection", exact: true });
    this.saveButton = page.getByRole("button", { name: "Save settings", exact: true });
    this.pasteHelper = page.getByText("Paste appsettings.json", { exact: true });
    this.pasteText = page.getByRole("textbox", { name: "Content of appsettings.json", exact: true });
    this.pasteFillButton = page.getByRole("button", { name: "Fill client ID and secret", exact: true });
    this.testResult = page.getByRole("region", { name: "Test from the wizard's server", exact: true });
    this.saveResult = page.getByRole("region", { name: /^Settings (saved|partly saved)$/ });
  }

  /** Fills Client ID and Client secret from the Identity Service's appsettings.json text. */
  async pasteAppSettings(text: string): Promise<void> {
    await this.pasteHelper.click();
    await this.pasteText.fill(text);
    await this.pasteFillButton.click();
  }

  /** The row of one system setting in the save result. */
  savedRow(code: string): Locator {
    return this.saveResult.getByRole("row").filter({ has: this.page.getByText(code, { exact: true }) });
  }

  async fill(values: IdentityValues): Promise<void> {
    await this.identityServiceUrl.fill(values.url);
    await this.clientId.fill(values.clientId);
    await this.clientSecret.fill(values.clientSecret);
  }

  async expectValues(values: Partial<IdentityValues>): Promise<void> {
    if (values.url !== undefined) await expect(this.identityServiceUrl).toHaveValue(values.url);
    if (values.clientId !== undefined) await expect(this.clientId).toHaveValue(values.clientId);
    if (values.clientSecret !== undefined) await expect(this.clientSecret).toHaveValue(values.clientSecret);
  }
}
