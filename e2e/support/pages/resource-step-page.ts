// Step 4, `/setup/resource`: create the default resource (once).
import type { Locator, Page } from "@playwright/test";
import { WizardPage } from "./step-page";

export const SCOPE_PATTERN = /ApplicationAccess_[0-9a-f]{32}/i;

export class ResourceStepPage extends WizardPage {
  readonly createButton: Locator;
  /** The resource's scope name, once Creatio has it. */
  readonly scope: Locator;

  constructor(page: Page) {
    super(page, "/setup/resource", "Create default resource");
    this.createButton = page.getByRole("button", { name: "Create default resource", exact: true });
    this.scope = page.getByRole("main").getByText(SCOPE_PATTERN).first();
  }
}
