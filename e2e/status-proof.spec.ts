// The status page's opt-in end-to-end proof: it says that it writes to Creatio before it runs, shows
// progress, then its hops as a check group (focused), counts in the headline and the report, leaves no
// temporary app, and neither the app's token nor its secret reaches the browser or the report.
import { readFile } from "node:fs/promises";
import type { Page, Response } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { snapshot } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { DemoMode } from "./support/pages/demo-mode";
import { StatusPage } from "./support/pages/status-page";

// Each test starts a demo tenant through the UI, runs the status checks three times (load, the refresh
// after the proof, a reload or report) and axe twice: more than the default minute on a busy 2-core machine.
const TIMEOUT_MS = 120_000;

const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;
/** A client secret travelling as a value (the kept app's is the only one that ever may, on step 5). */
const SECRET_VALUE = /"client_?secret"\s*:\s*"[^"]/i;

async function bodiesDuring(page: Page, run: () => Promise<void>): Promise<string[]> {
  const bodies: Promise<string>[] = [];
  const listener = (response: Response) => {
    bodies.push(response.text().catch(() => ""));
  };
  page.on("response", listener);
  await run();
  page.off("response", listener);
  return Promise.all(bodies);
}

type ProgressWatch = Window & { __progressSeen?: boolean };

/** Records whether "Running the end-to-end proof" showed (role status) while the button was disabled. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as ProgressWatch;
    w.__progressSeen = false;
    const look = () => {
      const button = [...document.querySelectorAll("button")].find(
        (b) => b.textContent === "Run the end-to-end proof",
      );
      const progress = [...document.querySelectorAll('[role="status"]')].some((e) =>
        e.textContent?.includes("Running the end-to-end proof"),
      );
      if (button?.disabled && progress) w.__progressSeen = true;
    };
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

const proofApps = async (id: string) =>
  (await snapshot(id)).oauthApps.filter((app) => app.name.startsWith("IS wizard proof"));

async function downloadReport(page: Page, name: string): Promise<string> {
  const link = page.getByRole("link", { name, exact: true });
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return readFile(await file.path(), "utf8");
}

test("the proof runs on request: warned first, hops shown and focused, in the report, no app left", async ({
  page,
}) => {
  test.setTimeout(TIMEOUT_MS);
  const tenant = await new DemoMode(page).start("already-connected");
  const status = new StatusPage(page);
  await status.goto();
  // Before it runs: what it will write, and nothing of it yet.
  await expect(page.getByRole("main")).toContainText("This check writes to Creatio.");
  await expect(page.getByRole("main")).toContainText("deletes the app again");
  await expect(status.proofHops).toHaveCount(0);
  expect(await proofApps(tenant.id)).toEqual([]);
  await expectNoAxeViolations(page, "the status page before the proof");

  // Progress, however short the run: watched in the page, not polled after the click.
  await watchProgress(page);
  const bodies = await bodiesDuring(page, async () => {
    await status.runProof.click();
    await expect(status.proofHops).toBeVisible({ timeout: 30_000 });
  });
  expect(await page.evaluate(() => (window as ProgressWatch).__progressSeen)).toBe(true);
  for (const hop of [
    "Your rights and the default resource",
    "User to bind",
    "Temporary app created",
    "Token issued by the Identity Service",
    "Creatio accepted the token",
    "Temporary app deleted",
  ]) {
    await expect(status.proofHops.getByRole("listitem").filter({ hasText: hop })).toContainText("Passed");
  }
  await expect(status.proofHops).toContainText("as Supervisor");
  await expect(status.status.filter({ hasText: "Proved in" })).toBeVisible();
  // The result has the focus (the progress had it while the proof ran).
  const focusHoldsHops = await status.proofHops.evaluate((list) => {
    const active = document.activeElement;
    return active !== null && active !== document.body && active.contains(list);
  });
  expect(focusHoldsHops).toBe(true);
  expect(await proofApps(tenant.id)).toEqual([]);
  const seen = bodies.join("\n");
  expect(seen).not.toMatch(JWT);
  expect(seen).not.toMatch(SECRET_VALUE);
  await expectNoAxeViolations(page, "the status page after a passing proof");
  await page.screenshot({ path: test.info().outputPath("status-after-proof.png"), fullPage: true });

  // The report holds the hops as group "proof"; neither report holds a token or a secret.
  const json = await downloadReport(page, "Download report");
  const report = JSON.parse(json);
  const proof = report.groups.find((g: { id: string }) => g.id === "proof");
  expect(proof?.verdict).toBe("pass");
  expect(proof?.checks).toHaveLength(6);
  expect(json).not.toMatch(JWT);
  expect(json).not.toMatch(SECRET_VALUE);
  const markdown = await downloadReport(page, "Download report as Markdown");
  expect(markdown).toContain("### End-to-end proof: Passed");
  expect(markdown).not.toMatch(JWT);

  // After a reload the page shows the session's last proof, still without running anything.
  await page.reload();
  await status.expectLoaded();
  await expect(status.proofHops).toBeVisible();
  expect((await snapshot(tenant.id)).calls.filter((c) => c.path.endsWith("/AddClient"))).toHaveLength(1);
});

test("Creatio rejects the tokens: the failed hop with its fix, the headline counts it, no app left", async ({
  page,
}) => {
  test.setTimeout(TIMEOUT_MS);
  const tenant = await new DemoMode(page).start("tokens-rejected");
  const status = new StatusPage(page);
  await status.goto();
  await status.runProof.click();
  const accepted = status.proofHops.getByRole("listitem").filter({ hasText: "Creatio accepted the token" });
  await expect(accepted).toContainText("Failed", { timeout: 30_000 });
  await expect(accepted).toContainText("restart Creatio");
  await expect(
    status.proofHops.getByRole("listitem").filter({ hasText: "Temporary app deleted" }),
  ).toContainText("Passed");
  await expect(status.status.filter({ hasText: "The proof stopped" })).toBeVisible();
  // The read-only checks found nothing; the proof did: the page, read again, counts its failure.
  await expect(page.getByRole("main")).toContainText("1 check failed");
  expect(await proofApps(tenant.id)).toEqual([]);
  await expectNoAxeViolations(page, "the status page after a failed proof");
  await page.screenshot({ path: test.info().outputPath("status-after-failed-proof.png"), fullPage: true });
});
