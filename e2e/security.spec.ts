// Secrets stay on the server (issue 6): a whole wizard run records every response the browser gets,
// document.cookie on every page and the downloaded report, and none may hold the client secret, the
// Creatio password or a Creatio cookie. Then the session cookie's flags and the pages' headers.
import { readFile } from "node:fs/promises";
import { sendHtml, startServer } from "@/lib/creatio/test-support/servers";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import { DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { findEncoded, ResponseRecorder } from "./support/response-recorder";

/** A Creatio user whose password exists only in this spec: if it shows up anywhere, the wizard leaked it. */
const OPERATOR = { name: "Operator", password: "OperatorPw-7c1e5a93d2f8" } as const;
/** Creatio's session cookies (both cookie generations): a `NAME=value` pair must never reach the browser. */
const CREATIO_COOKIE_PAIR =
  /(?:\.ASPXAUTH|BPMCSRF|BPMLOADER|CRT_CSRF|CRT_LOADER|CRT_SESSIONID)=[^;\s"',]{6,}/;
/** The demo Creatio's .ASPXAUTH token form: 96 upper-case hex digits. */
const DEMO_AUTH_TOKEN = /[0-9A-F]{96}/;
const WIZARD_COOKIES = ["wizard_session"];

test.describe("secrets never reach the browser", () => {
  test.use({
    tenantRequest: {
      scenario: "fresh-8.1-netfx",
      config: {
        users: {
          [OPERATOR.name]: {
            password: OPERATOR.password,
            loginCode: 0,
            canManageSysSettings: true,
            canManageSolution: true,
          },
        },
      },
    },
  });

  test("a full wizard run: no response, cookie readable by script, URL or report holds a secret", async ({
    page,
    tenant,
    connectPage,
    featureStep,
    settingsStep,
    credentialsStep,
    resourceStep,
    statusPage,
    stepper,
  }) => {
    test.setTimeout(120_000);
    const recorder = await ResponseRecorder.attach(page.context());
    const scriptCookies: { url: string; cookie: string }[] = [];
    const noteScriptCookies = async () => {
      scriptCookies.push({ url: page.url(), cookie: await page.evaluate(() => document.cookie) });
    };

    await test.step("connect as a user with a password of its own", async () => {
      await connectPage.goto();
      await connectPage.submit(tenant.baseUrl, OPERATOR.name, OPERATOR.password);
      await expect(page).toHaveURL((url) => url.pathname === "/setup/feature");
      await noteScriptCookies();
    });

    await test.step("step 1", async () => {
      await featureStep.expectLoaded();
      await featureStep.enableButton.click();
      await stepper.expectState("feature", "Done");
      await noteScriptCookies();
    });

    await test.step("step 2", async () => {
      await settingsStep.goto();
      await settingsStep.continueButton.click();
      await credentialsStep.expectLoaded();
      await noteScriptCookies();
    });

    await test.step("step 3: test, then save, then reload", async () => {
      await credentialsStep.fill({
        url: DEMO_IDENTITY_URL,
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
      });
      await credentialsStep.testButton.click();
      await expect(credentialsStep.testResult).toBeVisible();
      await credentialsStep.saveButton.click();
      await expect(credentialsStep.saveResult).toBeVisible();
      await stepper.expectState("credentials", "Done");
      await page.reload();
      await credentialsStep.expectLoaded();
      await noteScriptCookies();
    });

    await test.step("step 4", async () => {
      await resourceStep.goto();
      await resourceStep.createButton.click();
      await expect(resourceStep.scope).toBeVisible();
      await noteScriptCookies();
    });

    const downloads: { name: string; text: string }[] = [];
    await test.step("status page and the downloaded report", async () => {
      await statusPage.goto();
      await stepper.expectAllDone();
      await noteScriptCookies();
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        statusPage.downloadReport.click(),
      ]);
      const file = await download.path();
      downloads.push({ name: download.suggestedFilename(), text: await readFile(file, "utf8") });
      // The connect page once more: it shows the connection, from the server-side session.
      await connectPage.goto();
      await noteScriptCookies();
    });

    const responses = recorder.responses;
    await test.step("nothing the browser received holds a secret", async () => {
      // The run really went through the wizard: pages, RSC payloads, server actions, scripts.
      expect(responses.some((r) => r.method === "POST" && r.contentType.includes("text/x-component"))).toBe(
        true,
      );
      expect(responses.some((r) => r.contentType.includes("text/html"))).toBe(true);
      expect(responses.some((r) => r.contentType.includes("javascript"))).toBe(true);
      expect(downloads).toHaveLength(1);
      expect(downloads[0]?.text).toContain(tenant.baseUrl);

      const texts = [
        ...responses.map((r) => ({
          where: `${r.method} ${r.url} (${r.status})`,
          text: `${r.headers}\n\n${r.body}`,
        })),
        ...downloads.map((d) => ({ where: `download ${d.name}`, text: d.text })),
        ...scriptCookies.map((c) => ({ where: `document.cookie on ${c.url}`, text: c.cookie })),
        ...recorder.requestUrls.map((url) => ({ where: `request URL ${url}`, text: url })),
      ];
      const leaks: string[] = [];
      for (const { where, text } of texts) {
        for (const [what, secret] of [
          ["client secret", DEMO_CLIENT_SECRET],
          ["Creatio password", OPERATOR.password],
          ["client id:secret (Basic auth)", `${DEMO_CLIENT_ID}:${DEMO_CLIENT_SECRET}`],
        ] as const) {
          const found = findEncoded(text, secret);
          if (found) leaks.push(`${what} in ${where}: ${found}`);
        }
        const pair = CREATIO_COOKIE_PAIR.exec(text);
        if (pair) leaks.push(`Creatio cookie ${pair[0].slice(0, 20)}… in ${where}`);
        if (DEMO_AUTH_TOKEN.test(text)) leaks.push(`a Creatio auth token in ${where}`);
      }
      expect(leaks).toEqual([]);
    });

    await test.step("script reads no cookie; the browser holds only the wizard's own, httpOnly", async () => {
      expect(scriptCookies.length).toBeGreaterThanOrEqual(6);
      for (const c of scriptCookies) expect(c.cookie, c.url).toBe("");
      const cookies = await page.context().cookies();
      expect(cookies.map((c) => c.name).sort()).toEqual(WIZARD_COOKIES);
      for (const c of cookies) {
        expect(c.httpOnly, c.name).toBe(true);
        expect(c.sameSite, c.name).toBe("Strict");
        expect(c.value).not.toContain(DEMO_CLIENT_SECRET);
      }
    });
  });
});

test.describe("session cookie", () => {
  test("is sealed, httpOnly, SameSite=Strict, limited in time, and Secure when the wizard is behind https", async ({
    page,
    tenant,
    connectPage,
  }) => {
    // A TLS-terminating proxy in front of the wizard says so with X-Forwarded-Proto.
    await page.setExtraHTTPHeaders({ "x-forwarded-proto": "https" });
    const setCookies: string[] = [];
    page.on("response", async (response) => {
      const value = await response.headerValue("set-cookie").catch(() => null);
      if (value) setCookies.push(...value.split("\n"));
    });
    await connectPage.goto();
    await connectPage.submit(tenant.baseUrl);
    await expect(page).toHaveURL((url) => url.pathname === "/setup/feature");

    // Over https the name carries the __Host- prefix: the browser keeps it only Secure, on path=/,
    // without Domain (issue 13).
    const session = setCookies.find((line) => line.startsWith("__Host-wizard_session="));
    expect(session, `Set-Cookie lines: ${setCookies.join(" | ")}`).toBeTruthy();
    expect(setCookies.some((line) => line.startsWith("wizard_session="))).toBe(false);
    const attributes = (session ?? "").split(";").map((a) => a.trim().toLowerCase());
    expect(attributes.some((a) => a.startsWith("domain="))).toBe(false);
    expect(attributes).toContain("httponly");
    expect(attributes).toContain("samesite=strict");
    expect(attributes).toContain("secure");
    expect(attributes).toContain("path=/");
    const maxAge = Number(attributes.find((a) => a.startsWith("max-age="))?.slice("max-age=".length));
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(24 * 60 * 60);
    // Sealed: an iron-session seal, not the session id or anything readable.
    expect((session ?? "").split(";")[0]).toMatch(/^__Host-wizard_session=Fe26\.2\*/);
  });

  test("is not Secure on plain http (the browser would drop it)", async ({ page, tenant, connectPage }) => {
    const setCookies: string[] = [];
    page.on("response", async (response) => {
      const value = await response.headerValue("set-cookie").catch(() => null);
      if (value) setCookies.push(...value.split("\n"));
    });
    await connectPage.goto();
    await connectPage.submit(tenant.baseUrl);
    await expect(page).toHaveURL((url) => url.pathname === "/setup/feature");
    const session = setCookies.find((line) => line.startsWith("wizard_session=")) ?? "";
    expect(session).not.toBe("");
    expect(session.toLowerCase()).not.toMatch(/;\s*secure/);
  });
});

test.describe("security headers", () => {
  const STATEFUL = ["/setup/feature", "/setup/settings", "/setup/credentials", "/setup/resource", "/status"];

  function expectLockedDown(headers: Record<string, string>, where: string) {
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, where).toContain("frame-ancestors 'none'");
    expect(csp, where).toContain("default-src 'self'");
    expect(csp, where).toContain("object-src 'none'");
    expect(csp, where).toContain("base-uri 'self'");
    expect(csp, where).toContain("form-action 'self'");
    expect(headers["x-frame-options"], where).toBe("DENY");
    expect(headers["x-content-type-options"], where).toBe("nosniff");
    expect(headers["referrer-policy"], where).toBe("no-referrer");
    expect(headers["x-powered-by"], where).toBeUndefined();
  }

  test("every page sends a CSP with frame-ancestors 'none'; pages with state are never stored", async ({
    page,
    tenant,
    connectPage,
  }) => {
    const connect = await page.request.get("/");
    expectLockedDown(connect.headers(), "/");
    expect(connect.headers()["cache-control"], "/").toContain("no-store");

    await connectPage.goto();
    await connectPage.submit(tenant.baseUrl);
    await expect(page).toHaveURL((url) => url.pathname === "/setup/feature");
    // page.request shares the browser's cookies: these are the signed-in pages.
    for (const path of STATEFUL) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      expectLockedDown(response.headers(), path);
      expect(response.headers()["cache-control"], path).toContain("no-store");
    }
    const report = await page.request.get("/status/report");
    expect(report.status()).toBe(200);
    expect(report.headers()["cache-control"]).toContain("no-store");
    expect(report.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  });

  test("the browser refuses to show the wizard inside a frame of another site", async ({ page, baseURL }) => {
    // A real site of another origin on loopback (a routed page would trip Chrome's local-network
    // checks instead, and prove nothing about the wizard's headers).
    const framing = await startServer((_req, res) =>
      sendHtml(
        res,
        200,
        `<!DOCTYPE html><title>framing</title><iframe title="wizard" src="${baseURL}/"></iframe>`,
      ),
    );
    try {
      const blocked = page.waitForEvent("requestfailed", {
        predicate: (r) => r.url() === `${baseURL}/`,
        timeout: 15_000,
      });
      await page.goto(framing.url);
      // The browser got the wizard's answer and refused to show it because of its headers.
      expect((await blocked).failure()?.errorText).toBe("net::ERR_BLOCKED_BY_RESPONSE");
      const frame = page.frames().find((f) => f !== page.mainFrame());
      await expect.poll(() => frame?.url()).toMatch(/^chrome-error:/);
      await expect(page.frameLocator("iframe").getByRole("button", { name: "Connect" })).toHaveCount(0);
    } finally {
      await framing.close();
    }
  });
});
