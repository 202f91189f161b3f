// The diagnostics parts of the status page and the connect page: the diagnoses, the two vantage points
// on the Identity Service, the layered check of Creatio, the automatic refresh and the two reports.
import { expect, type Locator, type Page } from "@playwright/test";

/** Stable names of the status page's check lists (components/VantagePoints, CheckTree). */
export const LISTS = {
  diagnoses: "Diagnoses",
  wizardView: "The wizard server's view",
  creatioView: "Creatio's view",
  layers: "Creatio, seen from the wizard's server",
  setup: "Setup stored in Creatio",
  connectionCheck: "Connection check",
} as const;

export type CheckVerdict = "Passed" | "Warning" | "Failed" | "Not run";

/** The check titled `title` in `list` says `verdict` (icon and word); answers the check's list item. */
export async function expectCheck(list: Locator, title: string, verdict: CheckVerdict): Promise<Locator> {
  const item = list
    .getByRole("listitem")
    .filter({ has: list.page().getByRole("heading", { name: title, exact: true }) });
  await expect(item, `check "${title}"`).toHaveCount(1);
  await expect(item.getByText(verdict, { exact: true }), `check "${title}" says ${verdict}`).toBeVisible();
  return item;
}

/** One diagnosis (a list item under "Diagnosis") by its title. */
export function diagnosisItem(scope: Locator, title: string): Locator {
  return scope
    .getByRole("listitem")
    .filter({ has: scope.page().getByRole("heading", { name: title, exact: true }) });
}

export class StatusDiagnostics {
  readonly diagnoses: Locator;
  readonly noDiagnosis: Locator;
  /** The diagnosis of a finished, healthy setup. */
  readonly healthyDiagnosis: Locator;
  /** The diagnosis of a setup not started or not finished: the steps left, each with its link. */
  readonly setupProgress: Locator;
  readonly stepsLeft: Locator;
  /** The overall state at the top of the page (failures and unfinished steps counted apart). */
  readonly headline: Locator;
  readonly copySummaryButton: Locator;
  readonly wizardView: Locator;
  readonly creatioView: Locator;
  readonly layers: Locator;
  readonly setup: Locator;
  readonly jsonReport: Locator;
  readonly markdownReport: Locator;
  /** "Last checked hh:mm:ss": a <time> whose datetime is the run's start. */
  readonly lastChecked: Locator;
  readonly pauseButton: Locator;
  readonly resumeButton: Locator;
  readonly checkNowButton: Locator;

  constructor(readonly page: Page) {
    const list = (name: string) => page.getByRole("list", { name, exact: true });
    this.diagnoses = list(LISTS.diagnoses);
    this.noDiagnosis = page.getByText("No known field problem matches these results.", { exact: true });
    this.healthyDiagnosis = page.getByRole("heading", { name: "Connected, nothing to fix", exact: true });
    this.setupProgress = page.getByRole("region", { name: /^Setup (has not started|is not finished)/ });
    this.stepsLeft = page.getByRole("list", { name: "Steps left", exact: true });
    this.headline = page.locator(".alert .alert-title").first();
    this.copySummaryButton = page.getByRole("button", { name: "Copy summary", exact: true });
    this.wizardView = list(LISTS.wizardView);
    this.creatioView = list(LISTS.creatioView);
    this.layers = list(LISTS.layers);
    this.setup = list(LISTS.setup);
    this.jsonReport = page.getByRole("link", { name: "Download report", exact: true });
    this.markdownReport = page.getByRole("link", { name: "Download report as Markdown", exact: true });
    this.lastChecked = page.locator("p", { hasText: "Last checked" }).locator("time");
    this.pauseButton = page.getByRole("button", { name: "Pause automatic checks", exact: true });
    this.resumeButton = page.getByRole("button", { name: "Resume automatic checks", exact: true });
    this.checkNowButton = page.getByRole("button", { name: "Check now", exact: true });
  }

  /** The diagnosis titled `title` shows `message` and, after "Fix:", `fix`. */
  async expectDiagnosis(title: string, message: RegExp | string, fix: RegExp | string): Promise<Locator> {
    const item = diagnosisItem(this.diagnoses, title);
    await expect(item, `diagnosis "${title}"`).toHaveCount(1);
    await expect(item).toContainText(message);
    const fixParagraph = item.getByRole("paragraph").filter({ hasText: /^Fix:/ });
    await expect(fixParagraph).toHaveCount(1);
    await expect(fixParagraph).toContainText(fix);
    return item;
  }

  /** When the shown result was checked (the <time>'s datetime, an ISO timestamp). */
  async checkedAt(): Promise<string> {
    const value = await this.lastChecked.getAttribute("datetime");
    expect(value, "Last checked carries a datetime").toBeTruthy();
    return value ?? "";
  }
}

/** "Check this address" on the connect page, and its result. */
export class AddressCheck {
  readonly button: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByRole("button", { name: "Check this address", exact: true });
    this.result = page.getByRole("list", { name: LISTS.connectionCheck, exact: true });
  }
}
