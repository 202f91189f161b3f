// Bad input and faults (issue 6), through the connect page and step 3: each is answered with a clear
// message (tied to its field, or in role alert with a fix), nothing crashes, and the demo Creatio is
// left exactly as it was.
import { closedPortUrl, sendHtml, startServer, type TestServer } from "@/lib/creatio/test-support/servers";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import type { DemoTenantSnapshot } from "@/lib/demo/types";
import { E2E_CREATIO_TIMEOUT_MS } from "../playwright.config";
import { CHECK_TITLES, expectFailedWithFix } from "./support/checks";
import { DEMO_IDENTITY_URL, DEMO_USER, writeCalls } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";

/** The tenant's state without its call log. */
function stateOf(snap: DemoTenantSnapshot) {
  const { calls: _calls, activeSessions: _sessions, ...state } = snap;
  return state;
}

const NO_RAW_ERRORS = /stack|exception|undefined|unexpected token|something went wrong|\bat .*\.js:\d+/i;

let hanging: TestServer;
let htmlSite: TestServer;
test.beforeAll(async () => {
  hanging = await startServer(() => {
    // Never answers: the wizard's own timeout must end the call.
  });
  // Any web site that answers every request with an HTML page, as an intranet portal does.
  htmlSite = await startServer((_req, res) => sendHtml(res, 200, "<!DOCTYPE html><title>Portal</title>"));
});
test.afterAll(async () => {
  await hanging.close();
  await htmlSite.close();
});

test.describe("connect page", () => {
  test("malformed addresses and over-long fields are refused at the field and never reach Creatio", async ({
    tenant,
    connectPage,
  }) => {
    const before = await tenant.snapshot();
    const host = new URL(tenant.baseUrl).host;
    const cases: { field: "creatioUrl" | "userName" | "password"; value: string; message: RegExp }[] = [
      {
        field: "creatioUrl",
        value: tenant.baseUrl.replace(/^http:/, "ftp:"),
        message: /Only http:\/\/ and https:\/\//,
      },
      {
        field: "creatioUrl",
        value: "javascript:alert(document.cookie)",
        message: /Only http:\/\/ and https:\/\//,
      },
      {
        field: "creatioUrl",
        value: tenant.baseUrl.replace("//", `//${DEMO_USER.name}:${DEMO_USER.password}@`),
        message: /Remove the user name and password from the address/,
      },
      { field: "creatioUrl", value: `http://${host} /t/x`, message: /contains a space/ },
      {
        field: "creatioUrl",
        value: `${tenant.baseUrl}/${"a".repeat(2100)}`,
        message: /longer than 2048 characters/,
      },
      { field: "userName", value: "u".repeat(251), message: /at most 250 characters/ },
      { field: "password", value: "p".repeat(1001), message: /longer than 1000 characters/ },
    ];
    await connectPage.goto();
    for (const c of cases) {
      await connectPage.fill(tenant.baseUrl);
      await connectPage[c.field].fill(c.value);
      await connectPage.connectButton.click();
      const field = connectPage[c.field];
      await expect(field, c.value.slice(0, 60)).toHaveAttribute("aria-invalid", "true");
      // Tied to the field: a screen reader reads it with the field, where it must be fixed.
      await expect(field).toHaveAccessibleDescription(c.message);
      await expect(connectPage.page.getByRole("main")).not.toContainText(NO_RAW_ERRORS);
    }
    const after = await tenant.snapshot();
    expect(after.calls).toEqual([]);
    expect(stateOf(after)).toEqual(stateOf(before));

    // Nothing broke: the same form still connects.
    await connectPage.fill(tenant.baseUrl);
    await connectPage.connectButton.click();
    await connectPage.expectConnected({ runtime: "netfx", version: "8.1.2", user: DEMO_USER.name });
  });

  test("unknown host, closed port, an HTML site and a server that never answers: a plain alert with a fix", async ({
    tenant,
    connectPage,
  }) => {
    test.setTimeout(90_000);
    const before = await tenant.snapshot();
    const closed = await closedPortUrl();
    const cases: { url: string; says: RegExp }[] = [
      { url: "http://nonexistent.invalid", says: /nonexistent\.invalid could not be found/ },
      { url: closed, says: /refused the connection: nothing listens on that port/ },
      // A web site that answers HTML, not Creatio.
      { url: htmlSite.url, says: /answers, but not like Creatio/ },
      // The e2e server's WIZARD_CREATIO_TIMEOUT_MS (playwright.config.ts) ends the wait.
      {
        url: hanging.url,
        says: new RegExp(`did not answer within ${E2E_CREATIO_TIMEOUT_MS / 1000} seconds`),
      },
    ];
    await connectPage.goto();
    for (const c of cases) {
      await connectPage.submit(c.url);
      await expect(connectPage.alert, c.url).toHaveCount(1, { timeout: 20_000 });
      await expect(connectPage.alert).toContainText(c.says);
      await expect(connectPage.alert.getByText("Fix:", { exact: true })).toBeVisible();
      await expect(connectPage.alert).not.toContainText(NO_RAW_ERRORS);
      // The page still works: the form can be sent again.
      await expect(connectPage.connectButton).toBeEnabled();
    }
    expect(hanging.requests.length).toBeGreaterThan(0);
    const after = await tenant.snapshot();
    expect(after.calls).toEqual([]);
    expect(stateOf(after)).toEqual(stateOf(before));

    await connectPage.submit(tenant.baseUrl);
    await connectPage.expectConnected({ runtime: "netfx", version: "8.1.2", user: DEMO_USER.name });
  });
});

test.describe("step 3", () => {
  test("malformed Identity Service URLs, over-long fields and a bad appsettings.json change nothing in Creatio", async ({
    page,
    tenant,
    connectPage,
    credentialsStep,
  }) => {
    await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
    await credentialsStep.goto();
    const before = await tenant.snapshot();

    const cases: {
      field: "identityServiceUrl" | "clientId" | "clientSecret";
      value: string;
      message: RegExp;
    }[] = [
      {
        field: "identityServiceUrl",
        value: "ftp://is.example.com",
        message: /Only http:\/\/ and https:\/\//,
      },
      { field: "identityServiceUrl", value: "javascript:alert(1)", message: /Only http:\/\/ and https:\/\// },
      {
        field: "identityServiceUrl",
        value: DEMO_IDENTITY_URL.replace("//", "//admin:secret@"),
        message: /Remove the user name and password from the address/,
      },
      { field: "identityServiceUrl", value: "http://is example.com", message: /contains a space/ },
      {
        field: "identityServiceUrl",
        value: `${DEMO_IDENTITY_URL}/${"a".repeat(2100)}`,
        message: /longer than 2048 characters/,
      },
      { field: "clientId", value: "c".repeat(51), message: /at most 50 characters/ },
      { field: "clientSecret", value: "s".repeat(501), message: /longer than 500 characters/ },
    ];
    for (const c of cases) {
      await credentialsStep.fill({
        url: DEMO_IDENTITY_URL,
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_CLIENT_SECRET,
      });
      await credentialsStep[c.field].fill(c.value);
      await credentialsStep.saveButton.click();
      await expect(credentialsStep[c.field], c.value.slice(0, 60)).toHaveAttribute("aria-invalid", "true");
      await expect(credentialsStep[c.field]).toHaveAccessibleDescription(c.message);
      await expect(credentialsStep.saveResult).toHaveCount(0);
    }

    await test.step("appsettings.json that is not JSON, and JSON without Clients", async () => {
      for (const text of [
        '{ "Clients": "[{ not json',
        '{ "Logging": { "LogLevel": { "Default": "Warning" } } }',
      ]) {
        await credentialsStep.pasteHelper.click();
        await credentialsStep.pasteText.fill(text);
        await credentialsStep.pasteFillButton.click();
        await expect(credentialsStep.alert).toHaveCount(1);
        await expect(credentialsStep.alert).toContainText("appsettings.json");
        await expect(credentialsStep.alert.getByText("Fix:", { exact: true })).toBeVisible();
        await expect(credentialsStep.alert).not.toContainText(NO_RAW_ERRORS);
        // Closed again for the next paste (a click on the summary toggles it).
        await credentialsStep.pasteHelper.click();
      }
    });

    const after = await tenant.snapshot();
    expect(writeCalls(after)).toEqual([]);
    expect(stateOf(after)).toEqual(stateOf(before));
    await expect(
      page.getByRole("heading", { name: "Fill out the system settings", exact: true }),
    ).toBeVisible();
  });

  test("Test connection against an unknown host, a closed port, an HTML site and a silent server", async ({
    baseURL,
    tenant,
    connectPage,
    credentialsStep,
  }) => {
    test.setTimeout(90_000);
    await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
    await credentialsStep.goto();
    const before = await tenant.snapshot();
    const closed = await closedPortUrl();
    const cases: { url: string; says: RegExp }[] = [
      { url: "http://nonexistent.invalid", says: /nonexistent\.invalid/ },
      { url: closed, says: /refused|nothing listens/ },
      { url: baseURL ?? "", says: /answers, but not like the Identity Service/ },
      {
        url: hanging.url,
        says: new RegExp(`did not answer within ${E2E_CREATIO_TIMEOUT_MS / 1000} seconds`),
      },
    ];
    for (const c of cases) {
      await credentialsStep.fill({ url: c.url, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET });
      await credentialsStep.testButton.click();
      const item = await expectFailedWithFix(credentialsStep.testResult, CHECK_TITLES.hostDiscovery, c.says);
      await expect(item).not.toContainText(NO_RAW_ERRORS);
      await expect(credentialsStep.testButton).toBeEnabled();
    }
    const after = await tenant.snapshot();
    expect(writeCalls(after)).toEqual([]);
    expect(stateOf(after)).toEqual(stateOf(before));
  });
});

test.describe("nothing lost", () => {
  const EARLIER = { url: "https://old-identity.example.com:8090", clientId: "OldClientId" };
  test.use({
    tenantRequest: {
      config: {
        settings: { url: EARLIER.url, clientId: EARLIER.clientId, clientSecret: "an-earlier-secret" },
      },
    },
  });

  test("after a save, Restore previous values brings back the URL and client ID Creatio held before", async ({
    page,
    tenant,
    connectPage,
    credentialsStep,
  }) => {
    await connectPage.connect(tenant.baseUrl, { runtime: "netfx", version: "8.1.2" });
    await credentialsStep.goto();
    await credentialsStep.expectValues({ url: EARLIER.url, clientId: EARLIER.clientId });
    const restore = page.getByRole("button", { name: "Restore previous values", exact: true });
    await expect(restore).toHaveCount(0);

    await credentialsStep.fill({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
    });
    await credentialsStep.saveButton.click();
    await expect(credentialsStep.saveResult).toBeVisible();
    expect((await tenant.snapshot()).settings).toMatchObject({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
    });

    // Offered after a reload too: the previous values are kept on the server.
    await page.reload();
    await credentialsStep.expectLoaded();
    await credentialsStep.expectValues({ url: DEMO_IDENTITY_URL, clientId: DEMO_CLIENT_ID });
    await restore.click();
    await credentialsStep.expectValues({ url: EARLIER.url, clientId: EARLIER.clientId, clientSecret: "" });
    // Restoring only fills the form: Creatio changes when the operator saves.
    expect((await tenant.snapshot()).settings).toMatchObject({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
    });
  });
});
