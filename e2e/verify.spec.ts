// Step 5: the proof passes in one click against the demo, each hop shows as a check, "Keep this app"
// shows the client id and secret once (gone after a reload), the app's token never reaches the browser,
// and afterwards Creatio holds 0 temporary apps (1 when kept).
import type { Page } from "@playwright/test";
import { expectNoAxeViolations } from "./support/axe";
import { snapshot } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { DemoMode } from "./support/pages/demo-mode";
import { VerifyPage } from "./support/pages/verify-page";

const JWT = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/;

/** Every response body the browser receives from the wizard while `run` runs. */
async function bodiesDuring(page: Page, run: () => Promise<void>): Promise<string[]> {
  const bodies: Promise<string>[] = [];
  const listener = (response: import("@playwright/test").Response) => {
    bodies.push(response.text().catch(() => ""));
  };
  page.on("response", listener);
  await run();
  page.off("response", listener);
  return Promise.all(bodies);
}

const proofApps = async (id: string) =>
  (await snapshot(id)).oauthApps.filter((app) => app.name.startsWith("IS wizard proof"));

test("the proof passes in one click and leaves no app", async ({ page }) => {
  const tenant = await new DemoMode(page).start("already-connected");
  const verify = new VerifyPage(page);
  await verify.goto();
  await expect(page.getByRole("main")).toContainText("bound to your own user");
  await expectNoAxeViolations(page, "step 5 before running");
  const bodies = await bodiesDuring(page, async () => {
    await verify.runButton.click();
    await expect(verify.hops).toBeVisible({ timeout: 30_000 });
  });
  for (const hop of [
    "Temporary app created",
    "Token issued by the Identity Service",
    "Creatio accepted the token",
  ]) {
    await expect(verify.hops.getByRole("listitem").filter({ hasText: hop })).toContainText("Passed");
  }
  await expect(verify.hops).toContainText("as Supervisor");
  await expect(verify.clientSecret).toHaveCount(0);
  expect(bodies.join("\n")).not.toMatch(JWT);
  expect(await proofApps(tenant.id)).toEqual([]);
  await expectNoAxeViolations(page, "step 5 after a passing proof");
});

test("Keep this app: id and secret shown once, gone after a reload; one app stays", async ({ page }) => {
  const tenant = await new DemoMode(page).start("already-connected");
  const verify = new VerifyPage(page);
  await verify.goto();
  await verify.keepApp.check();
  const bodies = await bodiesDuring(page, async () => {
    await verify.runButton.click();
    await expect(verify.clientSecret).toBeVisible({ timeout: 30_000 });
  });
  const apps = await proofApps(tenant.id);
  expect(apps).toHaveLength(1);
  await expect(verify.clientId).toHaveText(apps[0]?.clientId ?? "?");
  const secret = (await verify.clientSecret.textContent()) ?? "";
  expect(secret.length).toBeGreaterThan(20);
  expect(bodies.join("\n")).not.toMatch(JWT);
  await expect(page.getByRole("main")).toContainText("curl");
  await expect(page.getByRole("main")).toContainText("Invoke-RestMethod");
  const download = page.waitForEvent("download");
  await verify.postman.click();
  const file = await (await download).path();
  const collection = JSON.parse(await (await import("node:fs/promises")).readFile(file, "utf8"));
  expect(collection.variable).toContainEqual({ key: "clientSecret", value: "" });
  expect(JSON.stringify(collection)).not.toContain(secret);
  await expectNoAxeViolations(page, "step 5 with a kept app");

  await page.reload();
  await verify.expectLoaded();
  await expect(verify.clientSecret).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
  expect(await proofApps(tenant.id)).toHaveLength(1);
});

test("Creatio rejects the tokens: the diagnosis with its checklist, and no app left", async ({ page }) => {
  const tenant = await new DemoMode(page).start("tokens-rejected");
  const verify = new VerifyPage(page);
  await verify.goto();
  await verify.runButton.click();
  const accepted = verify.hops.getByRole("listitem").filter({ hasText: "Creatio accepted the token" });
  await expect(accepted).toContainText("Failed", { timeout: 30_000 });
  await expect(accepted).toContainText("Creatio rejected the Identity Service's token");
  await expect(accepted).toContainText("restart Creatio");
  await expect(verify.hops.getByRole("listitem").filter({ hasText: "Temporary app deleted" })).toContainText(
    "Passed",
  );
  expect(await proofApps(tenant.id)).toEqual([]);
  await expectNoAxeViolations(page, "step 5 with a rejected token");
});
