// The "Setup steps" navigation present on every page under /setup and on /status.
import { expect, type Locator, type Page } from "@playwright/test";

export const STEPS = {
  feature: { number: 1, title: "Enable OAuth 2.0 integration", path: "/setup/feature" },
  settings: { number: 2, title: "Review system settings", path: "/setup/settings" },
  credentials: { number: 3, title: "Fill out the system settings", path: "/setup/credentials" },
  resource: { number: 4, title: "Create default resource", path: "/setup/resource" },
} as const;

export type StepKey = keyof typeof STEPS;
export const STEP_KEYS = Object.keys(STEPS) as StepKey[];
export type StepState = "Done" | "Not done" | "Failed" | "Unknown";

export class Stepper {
  readonly nav: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole("navigation", { name: "Setup steps", exact: true });
  }

  link(step: StepKey): Locator {
    return this.nav.getByRole("link", { name: STEPS[step].title, exact: true });
  }

  /** The list entry of one step: number, name, state. */
  item(step: StepKey): Locator {
    // `has` is matched inside each list item, so it starts from the page, not from the navigation.
    const link = this.page.getByRole("link", { name: STEPS[step].title, exact: true });
    return this.nav.getByRole("listitem").filter({ has: link });
  }

  async expectState(step: StepKey, state: StepState): Promise<void> {
    // Exact, case-sensitive match of the state word: "Done" does not match "Not done".
    await expect(
      this.item(step).getByText(state, { exact: true }),
      `step "${STEPS[step].title}" should say ${state}`,
    ).toBeVisible();
  }

  async expectAllDone(): Promise<void> {
    for (const step of STEP_KEYS) await this.expectState(step, "Done");
  }

  /** Exactly the given step carries aria-current="step" (none on /status). */
  async expectCurrent(step: StepKey | null): Promise<void> {
    await expect(this.nav.locator('[aria-current="step"]')).toHaveCount(step ? 1 : 0);
    if (step) await expect(this.link(step)).toHaveAttribute("aria-current", "step");
  }
}
