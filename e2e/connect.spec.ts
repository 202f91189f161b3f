// The connect page: a wrong password changes nothing, and the form works with the keyboard alone.
import type { Locator, Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { callName, DEMO_CREATIO_ORIGIN, DEMO_USER } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { appAlerts } from "./support/pages/landmarks";

test("a wrong password shows Creatio's message and a fix, and changes nothing", async ({
  page,
  tenant,
  connectPage,
}) => {
  const before = await tenant.snapshot();
  await connectPage.goto();
  await connectPage.submit(tenant.baseUrl, DEMO_USER.name, "not-the-password");

  const alert = appAlerts(page);
  await expect(alert).toHaveCount(1);
  // Creatio answers HTTP 200 with Code 1 and its own Message: the wizard quotes it.
  await expect(alert).toContainText("Invalid username or password specified.");
  await expect(alert.getByText("Fix:", { exact: true })).toBeVisible();
  await expect(alert).not.toContainText(/stack|exception|undefined|something went wrong/i);
  await expectNoAxeViolations(page, "connect page after a wrong password");

  const after = await tenant.snapshot();
  expect(after.calls.length).toBeGreaterThan(0);
  expect(after.calls.map((c) => callName(c.path))).toEqual(after.calls.map(() => "Login"));
  expect(after.activeSessions).toBe(0);
  const { calls: _before, ...stateBefore } = before;
  const { calls: _after, ...stateAfter } = after;
  expect(stateAfter).toEqual(stateBefore);

  // Not connected: the step pages send the operator back to sign in.
  await page.goto("/setup/feature");
  await expect(connectPage.connectButton).toBeVisible();
  await expect(page.getByRole("heading", { name: "Enable OAuth 2.0 integration", exact: true })).toHaveCount(
    0,
  );
});

test("an address that is not http or https is refused in the form and never reaches Creatio", async ({
  page,
  tenant,
  connectPage,
}) => {
  await connectPage.goto();
  await connectPage.submit(tenant.baseUrl.replace(/^http:/, "ftp:"));
  await expect(connectPage.creatioUrl).toHaveAttribute("aria-invalid", "true");
  // The problem is tied to the field, so a screen reader reads it with the field.
  await expect(connectPage.creatioUrl).toHaveAccessibleDescription(/http:\/\/ and https:\/\//);
  await expectNoAxeViolations(page, "connect page with an invalid Creatio URL");
  expect((await tenant.snapshot()).calls).toEqual([]);
});

test("Use demo Creatio fills the form with a fresh demo instance that connects", async ({ connectPage }) => {
  await connectPage.goto();
  await connectPage.useDemoButton.click();
  await expect(connectPage.creatioUrl).toHaveValue(new RegExp(`^${DEMO_CREATIO_ORIGIN}/t/[^/]+$`));
  await expect(connectPage.userName).toHaveValue(DEMO_USER.name);
  await expect(connectPage.password).not.toHaveValue("");
  await connectPage.connectButton.click();
  await connectPage.expectConnected({ runtime: "netfx", version: "8.1.2", user: DEMO_USER.name });
});

test("the connect form is completed and submitted with the keyboard only", async ({
  page,
  tenant,
  connectPage,
}) => {
  await connectPage.goto();
  const fields = [
    // Typed with a trailing /0/: the wizard removes it (issue 3: URL normalised).
    { field: connectPage.creatioUrl, text: `${tenant.baseUrl}/0/` },
    { field: connectPage.userName, text: DEMO_USER.name },
    { field: connectPage.password, text: DEMO_USER.password },
  ];
  for (const { field, text } of fields) {
    await tabTo(page, field);
    await expectVisibleFocus(page);
    await page.keyboard.type(text);
  }
  await tabTo(page, connectPage.connectButton);
  await expectVisibleFocus(page);
  await page.keyboard.press("Enter");

  await connectPage.expectConnected({ runtime: "netfx", version: "8.1.2", user: DEMO_USER.name });
  await expect(page.getByRole("banner")).toContainText(tenant.baseUrl);
  await expect(page.getByRole("banner")).not.toContainText(`${tenant.baseUrl}/0`);
  const snap = await tenant.snapshot();
  expect(snap.activeSessions).toBe(1);
});

/** Presses Tab until `target` has the focus; fails if it is not reached within 25 presses. */
async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 25; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** The focused element shows a focus indicator (an outline or a box shadow). */
async function expectVisibleFocus(page: Page) {
  const indicator = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    return { outline, boxShadow: style.boxShadow !== "none", tag: el.tagName };
  });
  expect(indicator, "an element has the focus").not.toBeNull();
  expect(indicator?.outline || indicator?.boxShadow, `visible focus on ${indicator?.tag}`).toBe(true);
}

test.describe("before the page's JavaScript runs", () => {
  test.use({ javaScriptEnabled: false });

  test("submitting the connect form never puts the password into the address", async ({
    page,
    tenant,
    connectPage,
  }) => {
    await page.goto("/");
    const password = "a-password-that-must-not-leak";
    await connectPage.fill(tenant.baseUrl, DEMO_USER.name, password);
    await connectPage.connectButton.click();
    await page.waitForLoadState();
    // A native GET submit would put every field into the URL: browser history, proxy and server logs.
    expect(page.url()).not.toContain(password);
    expect(page.url()).not.toContain("password=");
  });
});
