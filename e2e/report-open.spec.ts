// Support opens a customer's report (issue 17): the JSON downloaded from a failing demo scenario, opened on
// /report in a fresh browser (no session, no way to reach Creatio), shows the same diagnosis as the status
// page. A malformed and an oversized file each get a plain message. Screenshots: .screenshots/report/.

import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { CHECK_TITLES } from "./support/checks";
import { lastCopied, recordCopies } from "./support/clipboard";
import { createTenant, DEMO_CREATIO_ORIGIN, DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { diagnosisItem, expectCheck, StatusDiagnostics } from "./support/pages/diagnostics";
import { ReportPage } from "./support/pages/report-page";
import { startWizardServer } from "./support/wizard-server";

/** The diagnosis titles and the headline, as a page shows them. */
async function diagnosisOf(status: StatusDiagnostics) {
  return {
    headline: (await status.headline.textContent())?.trim(),
    titles: await status.diagnoses.getByRole("heading", { level: 3 }).allTextContents(),
    fixes: await status.diagnoses.getByRole("paragraph").filter({ hasText: /^Fix:/ }).allTextContents(),
  };
}

// Each test connects, checks, runs axe and takes full-page screenshots at two widths: slow on a shared
// 2-core machine (the default 60 s ran out while taking screenshots).
test.describe.configure({ timeout: 180_000 });

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `/report (${name}) at ${width} px scrolls sideways`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `.screenshots/report/${width}-${name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("a report downloaded from a failing scenario opens on /report in a fresh browser with the same diagnosis", async ({
  page,
  browser,
  connectPage,
}, testInfo) => {
  const tenant = await createTenant({ scenario: "wrong-secret" });
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
  const status = new StatusDiagnostics(page);
  await page.goto("/status");
  await expect(status.diagnoses).toBeVisible();
  const onStatus = await diagnosisOf(status);
  expect(onStatus.titles).toContain("The Identity Service refuses the client id and secret (invalid_client)");
  const [download] = await Promise.all([page.waitForEvent("download"), status.jsonReport.click()]);
  const json = await readFile(await download.path(), "utf8");
  const written = JSON.parse(json);
  const [markdownFile] = await Promise.all([page.waitForEvent("download"), status.markdownReport.click()]);
  const markdown = await readFile(await markdownFile.path(), "utf8");
  // The Markdown report opens with the three summary lines (hard breaks: two trailing spaces).
  const markdownSummary = markdown
    .split("\n")
    .slice(2, 5)
    .map((line) => line.replace(/ {2}$/, ""));
  expect(markdownSummary[0]).toMatch(/^Instance: /);
  expect(markdownSummary[1]).toMatch(
    /^Verdict: .*Diagnosis: The Identity Service refuses the client id and secret/,
  );
  expect(markdownSummary[2]).toMatch(/^First fix: /);

  // Support's browser: no wizard session, and neither Creatio nor the Identity Service reachable.
  const baseURL = testInfo.project.use.baseURL as string;
  const support = await browser.newContext({ baseURL });
  const requests: { url: string; method: string }[] = [];
  support.on("request", (r) => requests.push({ url: r.url(), method: r.method() }));
  await support.route(`${DEMO_CREATIO_ORIGIN}/**`, (route) => route.abort());
  await support.route(`${DEMO_IDENTITY_URL}/**`, (route) => route.abort());
  const other = await support.newPage();
  const report = new ReportPage(other);
  await report.goto();
  await expect(report.heading).toBeVisible();
  await expectNoAxeViolations(other, "/report before a file");
  const before = requests.length;
  await report.open(download.suggestedFilename(), json);

  await expect(report.stamp).toHaveText(
    new RegExp(
      `^Report from ${tenant.baseUrl.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}, taken \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}:\\d{2} UTC, wizard ${written.wizard.version.replace(/\./g, "\\.")}$`,
    ),
  );
  await expect(report.stamp.locator("time")).toHaveAttribute("datetime", written.generatedAt);
  // The same diagnosis, headline and fixes as the status page showed.
  expect(await diagnosisOf(report)).toEqual(onStatus);
  await expectCheck(report.creatioView, CHECK_TITLES.creatioToken, "Failed");
  await expectCheck(report.creatioView, "OAuth health check passes", "Failed");
  await expect(report.steps.getByRole("listitem")).toHaveCount(4);
  // Call details folded under each check, as on the status page.
  const health = await expectCheck(report.creatioView, "OAuth health check passes", "Failed");
  await health.getByText(/^Details/).click();
  await expect(health.getByRole("cell", { name: /\/0\/api\/OAuthHealthCheck$/ })).toBeVisible();
  // Read-only: no links to the wizard's steps, nothing to press that changes anything.
  await expect(other.getByRole("link", { name: /^Step \d/ })).toHaveCount(0);

  // Read in the browser: after the page loaded, not one request (no upload, nothing to Creatio).
  expect(requests.slice(before)).toEqual([]);
  expect(requests.every((r) => r.url.startsWith(baseURL))).toBe(true);

  // "Copy summary" on the opened report copies the same three lines as the Markdown report starts with.
  await support.grantPermissions(["clipboard-write"]);
  await recordCopies(other);
  await report.copySummaryButton.click();
  await expect(
    other.getByRole("status").filter({ hasText: "Summary copied to the clipboard." }),
  ).toBeVisible();
  expect((await lastCopied(other))?.split("\n")).toEqual(markdownSummary);

  await expectNoAxeViolations(other, "/report with a report");
  await shoot(other, "wrong-secret");
  await support.close();
});

test("a malformed file and an oversized file each get a plain message", async ({ page }) => {
  const report = new ReportPage(page);
  await report.goto();

  await report.open("report.json", '{"format": "creatio-identity-wizard/diagnostics-report", "formatVer');
  await expect(report.alert).toContainText("This file is not a wizard report");
  await expect(report.alert).toContainText(
    "report.json is not a JSON file, so it cannot be a report from the wizard.",
  );
  await expect(report.alert).toContainText('Fix: Ask for the JSON file from "Download report"');
  await expect(report.alert).not.toContainText(/SyntaxError|Unexpected|JSON\.parse/);
  await expectNoAxeViolations(page, "/report with a malformed file");
  await shoot(page, "malformed");

  await report.open("package.json", JSON.stringify({ name: "not-a-report" }));
  await expect(report.alert).toContainText("package.json is JSON, but not a diagnostics report");

  const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x20);
  await report.open("huge.json", big);
  await expect(report.alert).toContainText("This file is too large to be a report");
  await expect(report.alert).toContainText("huge.json is 2.0 MB");
  await expect(report.stamp).toHaveCount(0);

  // Dropped rather than chosen: the same reading.
  await report.drop(
    "newer.json",
    JSON.stringify({ format: "creatio-identity-wizard/diagnostics-report", formatVersion: 99 }),
  );
  await expect(report.alert).toContainText("This report is from a newer wizard");
  await expect(report.alert).toContainText("newer.json uses report format 99");
});

test("/report works on a wizard with the demo off and no session", async ({ page, browser, connectPage }) => {
  const tenant = await createTenant({ scenario: "wrong-secret" });
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
  const response = await page.request.get("/status/report?format=json");
  expect(response.status()).toBe(200);
  const json = await response.text();

  // A second wizard on the same build without the demo (no DEMO_* addresses, WIZARD_DEMO=off).
  const offline = await startWizardServer({
    WIZARD_DEMO: "off",
    WIZARD_SESSION_SECRET: "a-third-server-session-secret-0123456789abcdef",
  });
  try {
    const support = await browser.newContext({ baseURL: offline.url });
    const other = await support.newPage();
    const report = new ReportPage(other);
    await report.goto();
    await expect(report.heading).toBeVisible();
    await expect(other.getByText(/Signed in to a demo/)).toHaveCount(0);
    await report.open("report.json", json);
    await expect(report.stamp).toContainText(`Report from ${tenant.baseUrl}`);
    await expect(
      diagnosisItem(
        report.diagnoses,
        "The Identity Service refuses the client id and secret (invalid_client)",
      ),
    ).toBeVisible();
    await support.close();
  } finally {
    await offline.stop();
  }
});
