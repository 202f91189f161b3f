// `/status`: every step's state, the OAuth health check and the report.
import type { Locator, Page } from "@playwright/test";
import { WizardPage } from "./step-page";

export class StatusPage extends WizardPage {
  readonly downloadReport: Locator;
  /** Creatio's own view: its OAuth health check. */
  readonly creatioView: Locator;
  /** The opt-in end-to-end proof (it writes to Creatio): its button and its hops as a check list. */
  readonly runProof: Locator;
  readonly proofHops: Locator;

  constructor(page: Page) {
    super(page, "/status", "Connection status");
    this.downloadReport = page.getByRole("link", { name: "Download report", exact: true });
    this.creatioView = page.getByRole("list", { name: "Creatio's view", exact: true });
    this.runProof = page.getByRole("button", { name: "Run the end-to-end proof", exact: true });
    this.proofHops = page.getByRole("list", { name: "Hops of the end-to-end proof", exact: true });
  }
}
