// `/status`: every step's state, the OAuth health check and the report.
import type { Locator, Page } from "@playwright/test";
import { WizardPage } from "./step-page";

export class StatusPage extends WizardPage {
  readonly downloadReport: Locator;

  constructor(page: Page) {
    super(page, "/status", "Connection status");
    this.downloadReport = page.getByRole("link", { name: "Download report", exact: true });
  }
}
