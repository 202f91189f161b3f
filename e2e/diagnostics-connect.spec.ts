// "Check this address" on the connect page: the layered check (DNS, TCP, TLS, HTTP, is it Creatio,
// runtime, sign-in, CSRF, permissions), where a failed layer leaves the ones below "Not run". It only
// reads, signs out again, and never repeats a sign-in that just failed.
import type { Page } from "@playwright/test";
import { closedPortUrl } from "@/lib/creatio/test-support/servers";
import { expectNoAxeViolations } from "./support/axe";
import { callName, createTenant, DEMO_USER, snapshot, writeCalls } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { AddressCheck, expectCheck } from "./support/pages/diagnostics";

const LAYERS = [
  "DNS",
  "TCP connection",
  "TLS certificate",
  "HTTP answer",
  "Creatio answers",
  "Runtime",
  "Sign-in",
  "Signed-in call (CSRF)",
  'Permission "Can manage system settings"',
  'Permission "Can manage solution"',
] as const;

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 360]) {
    await page.setViewportSize({ width, height: 900 });
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth, `connect page (${name}) at ${width} px scrolls sideways`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `.screenshots/diagnostics/${width}-connect-${name}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("every layer passes for a working Creatio; the check signs out and changes nothing", async ({
  page,
  connectPage,
}) => {
  const tenant = await createTenant("fresh-8.1-netfx");
  const before = await snapshot(tenant.id);
  const check = new AddressCheck(page);
  await connectPage.goto();
  await connectPage.fill(tenant.baseUrl);
  await check.button.click();
  for (const title of LAYERS) await expectCheck(check.result, title, "Passed");
  await expect(check.result).toContainText("Creatio runs on .NET Framework (services under /0)");
  await expect(check.result).toContainText(`Signed in as ${DEMO_USER.name} (Creatio answered Code 0).`);
  // Checking is not connecting: the wizard stays on the connect page, and holds no session.
  await expect(page).toHaveURL((url) => url.pathname === "/");
  await expectNoAxeViolations(page, "connect page after Check this address");
  await shoot(page, "check-passed");

  const after = await snapshot(tenant.id);
  expect(after.activeSessions).toBe(0);
  expect(writeCalls(after)).toEqual([]);
  const { calls: _b, ...stateBefore } = before;
  const { calls: _a, ...stateAfter } = after;
  expect(stateAfter).toEqual(stateBefore);
});

test("after a failed Connect: the refused TCP layer fails with a fix, the layers below are not run", async ({
  page,
  connectPage,
}) => {
  const url = await closedPortUrl();
  const check = new AddressCheck(page);
  await connectPage.goto();
  await connectPage.submit(url);
  await expect(connectPage.alert).toContainText("refused the connection");
  await expect(
    page.getByText(/^Connect failed\. Check this address finds the layer that fails/),
  ).toBeVisible();
  // Nothing more is sent by itself after the failure.
  await expect(check.result).toHaveCount(0);

  await check.button.click();
  await expectCheck(check.result, "DNS", "Passed");
  const tcp = await expectCheck(check.result, "TCP connection", "Failed");
  await expect(tcp.getByText("Fix:", { exact: true })).toBeVisible();
  await expect(tcp).toContainText("nothing listens on that port");
  for (const title of LAYERS.slice(2)) {
    const below = await expectCheck(check.result, title, "Not run");
    await expect(below).toContainText('Not run: the check "TCP connection" failed first.');
  }
  await expect(check.result.getByText("Failed", { exact: true })).toHaveCount(1);
  await expectNoAxeViolations(page, "connect page with a failed layer");
  await shoot(page, "check-failed");
});

test("after a wrong password, the check does not sign in again", async ({ page, connectPage }) => {
  const tenant = await createTenant("fresh-8.1-netfx");
  const check = new AddressCheck(page);
  await connectPage.goto();
  await connectPage.submit(tenant.baseUrl, DEMO_USER.name, "not-the-password");
  await expect(connectPage.alert).toContainText("Invalid username or password specified.");

  await check.button.click();
  await expectCheck(check.result, "Creatio answers", "Passed");
  await expectCheck(check.result, "Runtime", "Passed");
  const signIn = await expectCheck(check.result, "Sign-in", "Not run");
  await expect(signIn).toContainText("the check does not repeat it, so that Creatio does not lock the user");
  await expectCheck(check.result, "Signed-in call (CSRF)", "Not run");
  const logins = (await snapshot(tenant.id)).calls.filter((c) => callName(c.path) === "Login");
  expect(logins, "only Connect's sign-in").toHaveLength(1);

  // With another password typed, it signs in (and out) again.
  await connectPage.password.fill(DEMO_USER.password);
  await check.button.click();
  await expectCheck(check.result, "Sign-in", "Passed");
  expect((await snapshot(tenant.id)).activeSessions).toBe(0);
});

test("a user without the two permissions: both permission layers warn with the fix", async ({
  page,
  connectPage,
}) => {
  const tenant = await createTenant("no-rights");
  const check = new AddressCheck(page);
  await connectPage.goto();
  await connectPage.fill(tenant.baseUrl);
  await check.button.click();
  await expectCheck(check.result, "Signed-in call (CSRF)", "Passed");
  const sysSettings = await expectCheck(check.result, 'Permission "Can manage system settings"', "Warning");
  await expect(sysSettings).toContainText("may not run the system operation CanManageSysSettings");
  await expect(sysSettings).toContainText(
    'Fix: Ask an administrator to grant "Can manage system settings" (CanManageSysSettings)',
  );
  await expectCheck(check.result, 'Permission "Can manage solution"', "Warning");
  expect(writeCalls(await snapshot(tenant.id))).toEqual([]);
});
