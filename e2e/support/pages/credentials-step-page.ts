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

  constructor(page: Page) {
    super(page, "/setup/credentials", "Fill out the system settings");
    this.identityServiceUrl = page.getByRole("textbox", { name: "Identity Service URL", exact: true });
    this.clientId = page.getByRole("textbox", { name: "Client ID", exact: true });
    this.clientSecret = page.getByLabel("Client secret", { exact: true });
    this.testButton = page.getByRole("button", { name: "Test connection", exact: true });
    this.saveButton = page.getByRole("button", { name: "Save settings", exact: true });
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
