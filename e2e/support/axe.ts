// Runs axe-core on the current page and fails with a readable list of violations.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

type Violation = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"][number];

function formatViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map(
          (n) => `    - ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`,
        )
        .join("\n");
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : "";
      return `[${v.impact ?? "?"}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n${nodes}${more}`;
    })
    .join("\n\n");
}

/** Expects zero axe violations on the page as it is now; `state` names what is on screen. */
export async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  // Legacy mode runs axe in the page itself instead of finishing in a new blank page: the wizard has
  // no iframes, and it is three times faster on the 2-core CI machine.
  const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  // Compare the readable text, so a failure prints rule, help link, element and summary, not raw JSON.
  expect(formatViolations(results.violations), `axe violations on ${state} (${page.url()})`).toBe("");
}
