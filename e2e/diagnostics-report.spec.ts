// The two reports downloaded from the status page: versions, runtime, every check with timings, the
// health check, the diagnoses and copy-as-curl lines; and never a password, client secret or cookie.
import { readFile } from "node:fs/promises";
import type { Download, Locator, Page } from "@playwright/test";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_WRONG_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import { createTenant, DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { StatusDiagnostics } from "./support/pages/diagnostics";

const USER = "Operator";
const PASSWORD = "Op3rator-Pa55word!";

/** The demo Creatio's session token (.ASPXAUTH): 48 random bytes as upper-case hex. */
const AUTH_TOKEN = /[0-9A-F]{96}/;

async function download(page: Page, link: Locator): Promise<{ file: Download; text: string }> {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const path = await file.path();
  return { file, text: await readFile(path, "utf8") };
}

function expectNoSecret(text: string, what: string): void {
  for (const secret of [PASSWORD, DEMO_CLIENT_SECRET, DEMO_WRONG_CLIENT_SECRET]) {
    expect(text.includes(secret), `${what} holds a secret`).toBe(false);
  }
  expect(text, `${what} holds a Creatio session token`).not.toMatch(AUTH_TOKEN);
  // Every cookie header is a placeholder the support engineer fills in.
  for (const line of text.split("\n").filter((l) => /cookie/i.test(l))) {
    expect(line, `${what}: a cookie line without the placeholder`).not.toMatch(
      /Cookie: (?!<CREATIO_COOKIES>)/,
    );
  }
}

test("the JSON and Markdown reports hold the checks and diagnoses, and no secret", async ({
  page,
  connectPage,
  credentialsStep,
}) => {
  // Creatio holds a secret the Identity Service refuses; the operator has a password of their own.
  const tenant = await createTenant({
    scenario: "wrong-secret",
    config: {
      users: {
        [USER]: { password: PASSWORD, loginCode: 0, canManageSysSettings: true, canManageSolution: true },
      },
    },
  });
  await connectPage.goto();
  await connectPage.submit(tenant.baseUrl, USER, PASSWORD);
  await connectPage.expectConnected({ runtime: "netfx", version: "8.1.2", user: USER });
  await expect(page).toHaveURL((url) => url.pathname === "/setup/feature");

  // The wizard's server now also holds a typed client secret (step 3's Test connection).
  await credentialsStep.goto();
  await credentialsStep.fill({
    url: DEMO_IDENTITY_URL,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
  });
  await credentialsStep.testButton.click();
  await expect(credentialsStep.testResult).toBeVisible();

  const status = new StatusDiagnostics(page);
  await page.goto("/status");
  await expect(status.jsonReport).toBeVisible();

  const json = await download(page, status.jsonReport);
  expect(json.file.suggestedFilename()).toMatch(/^creatio-identity-report-.+\.json$/);
  expectNoSecret(json.text, "the JSON report");
  const report = JSON.parse(json.text);
  expect(report).toMatchObject({
    format: "creatio-identity-wizard/diagnostics-report",
    healthy: false,
    creatio: { url: tenant.baseUrl, version: "8.1.2.3842", runtime: "netfx", userName: USER },
    identityServiceUrl: DEMO_IDENTITY_URL,
    healthCheck: { available: true, isAccessTokenRetrievableForSystemActions: false },
  });
  expect(report.wizard.version).toMatch(/^\d+\.\d+\.\d+/);
  expect(report.diagnoses.map((d: { id: string }) => d.id)).toContain("invalid-client");
  expect(report.steps.map((s: { number: number }) => s.number)).toEqual([1, 2, 3, 4]);
  const checks = report.groups.flatMap((g: { checks: { ms: unknown }[] }) => g.checks);
  expect(checks.length).toBeGreaterThan(15);
  for (const check of checks) expect(typeof check.ms).toBe("number");
  const health = report.failedRequests.find((r: { url: string }) =>
    r.url.endsWith("/0/api/OAuthHealthCheck"),
  );
  expect(health?.curl).toContain("-H 'Cookie: <CREATIO_COOKIES>'");

  const markdown = await download(page, status.markdownReport);
  expect(markdown.file.suggestedFilename()).toMatch(/^creatio-identity-report-.+\.md$/);
  expectNoSecret(markdown.text, "the Markdown report");
  expect(markdown.text).toContain("# Creatio and Identity Service: connection report");
  // Addresses and a server's words are escaped in the Markdown (no live links: docs/security.md).
  expect(markdown.text).toContain(`| Creatio | ${tenant.baseUrl.replace("://", "\\://")} |`);
  expect(markdown.text).toContain("| Runtime | .NET Framework (services under /0) |");
  expect(markdown.text).toContain(
    "### 1. The Identity Service refuses the client id and secret (invalid\\_client)",
  );
  expect(markdown.text).toMatch(/\*\*Fix:\*\* .*`ClientScopes`, `ClientSecrets` and `ClientClaims`/);
  expect(markdown.text).toContain("## Wizard steps");
  expect(markdown.text).toMatch(/```sh\ncurl -i '[^']+\/0\/api\/OAuthHealthCheck'/);
});

test("the report needs a signed-in session and a known format", async ({ page }) => {
  const anonymous = await page.request.get("/status/report?format=json");
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.fix).toContain("Sign in");
  const unknown = await page.request.get("/status/report?format=pdf");
  expect(unknown.status()).toBe(400);
  expect((await unknown.json()).error.message).toContain('no report format "pdf"');
});
