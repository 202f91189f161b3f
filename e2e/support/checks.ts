// Checks as the wizard shows them (design notes): a list item with a heading (the check's title),
// a verdict word, one sentence, "Fix:" and folded details. Titles and verdict words are the app's
// own (issue 3 does not name them); they live here only, so a rename is a one-line change.
import { expect, type Locator } from "@playwright/test";

export const CHECK_TITLES = {
  hostDiscovery: "Identity Service answers from the wizard host",
  hostToken: "Client ID and secret get a token (from the wizard host)",
  creatioSettings: "System settings filled in (Creatio's view)",
  creatioReachable: "Identity Service reachable from Creatio",
  creatioToken: "Token for system actions (Creatio's view)",
} as const;

/** Creatio's own view (its OAuth health check): all three must pass for a healthy connection. */
export const HEALTH_CHECKS = [
  CHECK_TITLES.creatioSettings,
  CHECK_TITLES.creatioReachable,
  CHECK_TITLES.creatioToken,
] as const;

export type Verdict = "Passed" | "Failed" | "Warning" | "Not done" | "Unknown" | "Info";

/** The check with this title inside `scope`. */
export function checkItem(scope: Locator, title: string): Locator {
  return scope
    .getByRole("listitem")
    .filter({ has: scope.page().getByRole("heading", { name: title, exact: true }) });
}

export async function expectVerdict(scope: Locator, title: string, verdict: Verdict): Promise<Locator> {
  const item = checkItem(scope, title);
  await expect(item, `check "${title}"`).toHaveCount(1);
  await expect(
    item.getByText(verdict, { exact: true }),
    `check "${title}" should say ${verdict}`,
  ).toBeVisible();
  return item;
}

/** A failed check explains itself: one sentence plus a "Fix:" paragraph that contains `fix`. */
export async function expectFailedWithFix(
  scope: Locator,
  title: string,
  fix: RegExp | string,
): Promise<Locator> {
  const item = await expectVerdict(scope, title, "Failed");
  await expect(item.getByText("Fix:", { exact: true })).toBeVisible();
  await expect(item).toContainText(fix);
  return item;
}

/** Creatio's health check says healthy: each of its checks passed. */
export async function expectHealthy(scope: Locator): Promise<void> {
  for (const title of HEALTH_CHECKS) await expectVerdict(scope, title, "Passed");
  await expect(scope.getByText("Failed", { exact: true })).toHaveCount(0);
}
