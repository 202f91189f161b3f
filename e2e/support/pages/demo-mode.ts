// Trainer demo mode: the scenario picker on the connect page, the Demo banner on every page, "Reset demo"
// and the `/demo/scenarios` page. A browser's own demo tenant is created through the UI, as a trainee does.
import { expect, type Locator, type Page } from "@playwright/test";
import type { DemoScenario } from "@/lib/demo/types";
import { DEMO_CREATIO_ORIGIN } from "../demo-admin";
import { ConnectPage } from "./connect-page";
import { waitForHydration } from "./landmarks";

/** The picker's label for each scenario (the demo's own titles). */
export const SCENARIO_LABELS: Record<DemoScenario, string> = {
  "fresh-8.1-netfx": "Fresh Creatio 8.1 on .NET Framework",
  "fresh-8.3-net": "Fresh Creatio 8.3 on .NET",
  "already-connected": "Already connected",
  "identity-down": "Identity Service down",
  "wrong-secret": "Wrong client secret (invalid_client)",
  "unreachable-from-creatio": "Identity Service reachable from the wizard, not from Creatio",
  "no-rights": "Operator without rights",
  "slow-resource": "Slow default-resource creation",
  "session-expiry": "Session expires mid-wizard",
  "two-default-resources": "Two default resources",
  "old-version-no-healthcheck": "Old version without the health check",
  "self-signed-identity": "Self-signed HTTPS on the Identity Service",
  "tokens-rejected": "Creatio rejects the Identity Service's tokens",
  "integration-user-lacks-rights": "Integration user lacks rights",
};

export const SCENARIOS_PATH = "/demo/scenarios";

export class DemoMode {
  readonly connectPage: ConnectPage;
  /** The picker: a select labelled "Demo scenario". */
  readonly scenario: Locator;
  readonly explanationToggle: Locator;
  readonly scenariosLink: Locator;
  /** The Demo banner at the top of every page while the demo is in use. */
  readonly banner: Locator;
  readonly resetButton: Locator;
  readonly resetNotice: Locator;

  constructor(readonly page: Page) {
    this.connectPage = new ConnectPage(page);
    this.scenario = page.getByRole("combobox", { name: "Demo scenario", exact: true });
    this.explanationToggle = page.getByText("What this scenario shows (for the trainer)", { exact: true });
    this.scenariosLink = page.getByRole("link", { name: "All demo scenarios explained", exact: true });
    this.banner = page.getByRole("banner").locator(".demo-banner");
    this.resetButton = page.getByRole("button", { name: "Reset demo", exact: true });
    this.resetNotice = page.getByRole("status").filter({ hasText: "Demo reset" });
  }

  /**
   * On the connect page: picks `scenario`, presses "Use demo Creatio" and waits until the form holds the
   * new demo Creatio. Answers that tenant's id and address.
   */
  async createTenant(scenario: DemoScenario): Promise<{ id: string; baseUrl: string }> {
    await this.connectPage.goto();
    await this.scenario.selectOption(scenario);
    await this.connectPage.useDemoButton.click();
    const pattern = new RegExp(`^${DEMO_CREATIO_ORIGIN}/t/([^/]+)$`);
    await expect(this.connectPage.creatioUrl).toHaveValue(pattern);
    const baseUrl = await this.connectPage.creatioUrl.inputValue();
    const id = pattern.exec(baseUrl)?.[1];
    if (!id) throw new Error(`No demo tenant id in ${baseUrl}`);
    await expect(this.bannerScenario(scenario)).toBeVisible();
    return { id, baseUrl };
  }

  /** Creates the browser's tenant for `scenario` and signs in to it; waits for step 1. */
  async start(scenario: DemoScenario): Promise<{ id: string; baseUrl: string }> {
    const tenant = await this.createTenant(scenario);
    await this.connectPage.connectButton.click();
    await expect(this.page).toHaveURL((url) => url.pathname === "/setup/feature");
    await waitForHydration(this.page);
    return tenant;
  }

  /** The banner's naming of a scenario. */
  bannerScenario(scenario: DemoScenario): Locator {
    return this.banner.getByText(SCENARIO_LABELS[scenario], { exact: true });
  }

  async expectBannerNames(scenario: DemoScenario): Promise<void> {
    await expect(this.banner).toContainText("Demo");
    await expect(this.bannerScenario(scenario)).toBeVisible();
  }

  /** Presses "Reset demo" and waits for the connect page to say the demo is back at its start. */
  async reset(): Promise<void> {
    await this.resetButton.click();
    await expect(this.page).toHaveURL((url) => url.pathname === "/");
    await expect(this.resetNotice).toBeVisible();
    await waitForHydration(this.page);
  }
}
