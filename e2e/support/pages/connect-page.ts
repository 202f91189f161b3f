// The connect page at `/`.
import { expect, type Locator, type Page } from "@playwright/test";
import { DEMO_USER } from "../demo-admin";
import { appAlerts, waitForHydration } from "./landmarks";

export type Runtime = "netfx" | "net";

export class ConnectPage {
  readonly creatioUrl: Locator;
  readonly userName: Locator;
  /** A password input has no ARIA role; its label is its accessible name. */
  readonly password: Locator;
  readonly connectButton: Locator;
  readonly useDemoButton: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.creatioUrl = page.getByRole("textbox", { name: "Creatio URL", exact: true });
    this.userName = page.getByRole("textbox", { name: "User name", exact: true });
    this.password = page.getByLabel("Password", { exact: true });
    this.connectButton = page.getByRole("button", { name: "Connect", exact: true });
    this.useDemoButton = page.getByRole("button", { name: "Use demo Creatio", exact: true });
    this.alert = appAlerts(page);
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
    await expect(this.connectButton).toBeVisible();
    await waitForHydration(this.page);
  }

  async fill(baseUrl: string, user: string = DEMO_USER.name, password: string = DEMO_USER.password) {
    await this.creatioUrl.fill(baseUrl);
    await this.userName.fill(user);
    await this.password.fill(password);
  }

  /** Fills the form and clicks Connect; does not wait for the outcome. */
  async submit(baseUrl: string, user: string = DEMO_USER.name, password: string = DEMO_USER.password) {
    await this.fill(baseUrl, user, password);
    await this.connectButton.click();
  }

  /**
   * Connects, waits until the wizard shows the runtime, the version and the user, and until it has
   * opened step 1 (so that a following navigation does not race the wizard's own).
   */
  async connect(baseUrl: string, expected: { runtime: Runtime; version: string }): Promise<void> {
    await this.goto();
    await this.submit(baseUrl);
    await this.expectConnected({ ...expected, user: DEMO_USER.name });
    await expect(this.page).toHaveURL((url) => url.pathname === "/setup/feature");
  }

  /** After connecting, the page names the hosting runtime, the Creatio version and the user. */
  async expectConnected(expected: { runtime: Runtime; version: string; user: string }): Promise<void> {
    const body = this.page.locator("body");
    await expect(body).toContainText(expected.version);
    await expect(body).toContainText(expected.user);
    if (expected.runtime === "netfx") {
      await expect(body).toContainText(".NET Framework");
    } else {
      await expect(body).toContainText(/\.NET(?! Framework)/);
      await expect(body).not.toContainText(".NET Framework");
    }
  }

  /**
   * Signs in again after Creatio's session expired. The wizard may keep the URL and user name
   * filled in; only what is empty is typed.
   */
  async signInAgain(baseUrl: string): Promise<void> {
    await expect(this.password).toBeVisible();
    if ((await this.creatioUrl.count()) > 0 && (await this.creatioUrl.inputValue()) === "") {
      await this.creatioUrl.fill(baseUrl);
    }
    if ((await this.userName.count()) > 0 && (await this.userName.inputValue()) === "") {
      await this.userName.fill(DEMO_USER.name);
    }
    await this.password.fill(DEMO_USER.password);
    await this.connectButton.click();
  }
}
