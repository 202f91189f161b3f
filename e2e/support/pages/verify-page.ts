// `/setup/verify`: step 5, the end-to-end proof with a temporary app.
import type { Locator, Page } from "@playwright/test";
import { WizardPage } from "./step-page";

export class VerifyPage extends WizardPage {
  readonly keepApp: Locator;
  readonly runButton: Locator;
  readonly hops: Locator;
  readonly clientId: Locator;
  readonly clientSecret: Locator;
  readonly postman: Locator;

  constructor(page: Page) {
    super(page, "/setup/verify", "Prove it end to end");
    this.keepApp = page.getByRole("checkbox", { name: "Keep this app" });
    this.runButton = page.getByRole("button", { name: "Run the proof", exact: true });
    this.hops = page.getByRole("list", { name: "Hops of the proof" });
    this.clientId = page.getByTestId("kept-client-id");
    this.clientSecret = page.getByTestId("kept-client-secret");
    this.postman = page.getByRole("button", { name: "Download Postman collection" });
  }
}
