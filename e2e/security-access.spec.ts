// The access password (issue 6): a wizard started with WIZARD_ACCESS_PASSWORD asks for it before
// anything else. Pages, server actions and route handlers are closed without the sealed access cookie;
// the monitoring endpoint keeps its own bearer token. Runs a second `next start` on the suite's build.
import { expectNoAxeViolations } from "./support/axe";
import { DEMO_CREATIO_ORIGIN, DEMO_IDENTITY_URL, DEMO_USER } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { ConnectPage } from "./support/pages/connect-page";
import { UnlockPage } from "./support/pages/unlock-page";
import { startWizardServer, type WizardServer } from "./support/wizard-server";

const ACCESS_PASSWORD = "Access-Passphrase-4b9e2d71";

let wizard: WizardServer;
test.beforeAll(async () => {
  wizard = await startWizardServer({
    WIZARD_ACCESS_PASSWORD: ACCESS_PASSWORD,
    WIZARD_SESSION_SECRET: "a-second-server-session-secret-0123456789abcdef",
    DEMO_CREATIO_URL: DEMO_CREATIO_ORIGIN,
    DEMO_IDENTITY_URL,
  });
});
test.afterAll(async () => {
  await wizard?.stop();
});

test.describe("a wizard with an access password", () => {
  test("every page sends the browser to /unlock; a wrong password says so; the right one opens the wizard", async ({
    page,
    tenant,
  }) => {
    const unlock = new UnlockPage(page);
    await page.goto(`${wizard.url}/setup/credentials`);
    await expect(page).toHaveURL(`${wizard.url}/unlock?next=%2Fsetup%2Fcredentials`);
    await expect(unlock.heading).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Creatio URL" })).toHaveCount(0);
    await expectNoAxeViolations(page, "unlock page");

    await unlock.unlock("not-the-access-password");
    await expect(unlock.alert).toHaveCount(1);
    await expect(unlock.alert).toContainText("That is not the access password.");
    await expect(unlock.alert.getByText("Fix:", { exact: true })).toBeVisible();
    await expect(unlock.accessPassword).toHaveAttribute("aria-invalid", "true");
    await expectNoAxeViolations(page, "unlock page after a wrong password");
    expect(await page.context().cookies()).toEqual([]);

    await unlock.unlock(ACCESS_PASSWORD);
    // Back where the operator was going: step 3 needs a Creatio session, so it asks to sign in first.
    await expect(page).toHaveURL(
      (url) => url.pathname === "/" && url.searchParams.get("next") === "/setup/credentials",
    );
    const access = (await page.context().cookies()).find((c) => c.name === "wizard_access");
    expect(access?.httpOnly).toBe(true);
    expect(access?.sameSite).toBe("Strict");
    expect(access?.value).not.toContain(ACCESS_PASSWORD);
    expect(access?.expires ?? 0).toBeGreaterThan(Date.now() / 1000);
    expect(access?.expires ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 60 * 60);

    // The wizard works behind the lock: server actions pass with the cookie.
    const connect = new ConnectPage(page);
    await expect(connect.connectButton).toBeVisible();
    await connect.submit(tenant.baseUrl);
    await expect(page).toHaveURL((url) => url.pathname === "/setup/credentials");
    expect(await page.evaluate(() => document.cookie)).toBe("");

    // The secrets typed here never reached this wizard's log.
    expect(wizard.log()).not.toContain(ACCESS_PASSWORD);
    expect(wizard.log()).not.toContain(DEMO_USER.password);
  });

  test("without the cookie, server actions and route handlers are refused and pages are not served", async ({
    request,
  }) => {
    // A server action call as the browser makes it (any action id: it must not get that far).
    // With the wizard's own Origin (another origin is refused earlier: e2e/security-threats.spec.ts).
    const action = await request.post(`${wizard.url}/`, {
      headers: {
        "Next-Action": "0".repeat(42),
        "Content-Type": "text/plain;charset=UTF-8",
        Origin: wizard.url,
      },
      data: "[]",
      maxRedirects: 0,
    });
    expect(action.status()).toBe(401);
    expect(await action.text()).toMatch(/locked/);
    // Sent to the public unlock page, an action is refused just the same (action ids are global).
    const viaUnlock = await request.post(`${wizard.url}/unlock`, {
      headers: { "Next-Action": "0".repeat(42), Origin: wizard.url },
      data: "[]",
      maxRedirects: 0,
    });
    expect(viaUnlock.status()).toBe(401);

    // The report (a route handler) and every page: a redirect to /unlock, nothing else.
    for (const path of ["/status/report", "/", "/setup/feature", "/status", "/report", "/demo"]) {
      const response = await request.get(`${wizard.url}${path}`, { maxRedirects: 0 });
      expect(response.status(), path).toBe(303);
      expect(response.headers().location, path).toMatch(/\/unlock(\?|$)/);
      // No page content: at most the redirect target.
      expect(await response.text(), path).not.toMatch(/<|Creatio URL|Connect/);
    }
    // Nor does a forged cookie open anything.
    const forged = await request.get(`${wizard.url}/status/report`, {
      headers: { Cookie: "wizard_access=Fe26.2**forged" },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(303);

    // The unlock page itself is served, with the same security headers as every page.
    const unlockPage = await request.get(`${wizard.url}/unlock`);
    expect(unlockPage.status()).toBe(200);
    expect(unlockPage.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(unlockPage.headers()["cache-control"]).toContain("no-store");
  });

  test("the monitoring endpoint is not behind the access cookie (it checks its own bearer token)", async ({
    request,
  }) => {
    const response = await request.get(`${wizard.url}/api/status`, { maxRedirects: 0 });
    // Whatever it answers (its own 401 without a token, or 404 while it does not exist): not the unlock page.
    expect(response.status()).not.toBe(303);
    expect(response.headers().location ?? "").not.toContain("/unlock");
  });

  test("the unlock cookie is Secure behind https, and the return path never leaves the wizard", async ({
    request,
  }) => {
    const response = await request.post(`${wizard.url}/unlock/submit`, {
      headers: { "x-forwarded-proto": "https", Origin: wizard.url },
      form: { accessPassword: ACCESS_PASSWORD, next: "//evil.example.com/steal" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    expect(response.headers().location).toMatch(/^(http:\/\/127\.0\.0\.1:\d+)?\/$/);
    const cookie = response.headers()["set-cookie"] ?? "";
    const attributes = cookie.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(/^wizard_access=fe26\.2\*/);
    expect(attributes).toEqual(expect.arrayContaining(["httponly", "samesite=strict", "secure", "path=/"]));
  });
});
