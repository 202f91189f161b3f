// The status page checks again by itself on a visible interval, without taking the focus, and only
// reads from Creatio; the operator can pause it and check at once. The browser's clock is faked, so the
// 60-second interval passes at once.
import { callName, writeCalls } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { StatusDiagnostics } from "./support/pages/diagnostics";

test.use({ tenantRequest: { scenario: "already-connected" } });

const healthChecks = (calls: { path: string }[]) =>
  calls.filter((c) => callName(c.path) === "OAuthHealthCheck");

test("every 60 seconds the page checks again with read calls only, and keeps the focus where it was", async ({
  page,
  tenant,
  connectPage,
}) => {
  await page.clock.install();
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.2.1" });
  const status = new StatusDiagnostics(page);
  await page.goto("/status");
  await expect(page.getByText("Checks again every 60 seconds.")).toBeVisible();
  const first = await status.checkedAt();
  const before = await tenant.snapshot();

  // A keyboard user is on a link further down when the check runs.
  await status.markdownReport.focus();
  await page.clock.fastForward("01:01");
  await expect(status.lastChecked).not.toHaveAttribute("datetime", first);
  // The refresh announcement (the page has another status region: Copy summary's confirmation).
  await expect(page.getByRole("status").filter({ hasText: /^Checked again/ })).toContainText(
    /^Checked again at \d\d:\d\d:\d\d\. Connected/,
  );
  await expect(status.markdownReport).toBeFocused();

  const after = await tenant.snapshot();
  const fresh = after.calls.slice(before.calls.length);
  expect(healthChecks(fresh)).toHaveLength(1);
  expect(writeCalls(after), "no write call").toEqual([]);
  const { calls: _b, activeSessions: _sb, ...stateBefore } = before;
  const { calls: _a, activeSessions: _sa, ...stateAfter } = after;
  expect(stateAfter).toEqual(stateBefore);
});

test("paused, it waits for Check now", async ({ page, tenant, connectPage }) => {
  await page.clock.install();
  await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.2.1" });
  const status = new StatusDiagnostics(page);
  await page.goto("/status");
  const first = await status.checkedAt();

  await status.pauseButton.click();
  await expect(page.getByText("Automatic checks are paused.")).toBeVisible();
  // The same button, now to resume: the focus stays on it.
  await expect(status.resumeButton).toBeFocused();
  const before = await tenant.snapshot();
  await page.clock.fastForward("02:01");

  await status.checkNowButton.click();
  await expect(status.lastChecked).not.toHaveAttribute("datetime", first);
  // Every refresh started is over once the page is no longer "Checking again…".
  await expect(page.getByText("Automatic checks are paused.")).toBeVisible();
  // One check (the one asked for): none ran by itself while paused.
  expect(healthChecks((await tenant.snapshot()).calls.slice(before.calls.length))).toHaveLength(1);

  await status.resumeButton.click();
  await expect(page.getByText("Checks again every 60 seconds.")).toBeVisible();
});
