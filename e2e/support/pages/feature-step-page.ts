// Step 1, `/setup/feature`: enable the OAuth20Integration additional feature for all users.
import type { Locator, Page } from "@playwright/test";
import { WizardPage } from "./step-page";

export class FeatureStepPage extends WizardPage {
  readonly enableButton: Locator;

  constructor(page: Page) {
    super(page, "/setup/feature", "Enable OAuth 2.0 integration");
    this.enableButton = page.getByRole("button", { name: "Enable for all users", exact: true });
  }
}
