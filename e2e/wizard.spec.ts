// The whole wizard on both hosting runtimes: connect, the four steps, the status page. Each write is
// checked twice: what the page says, and what the demo Creatio now holds.
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import type { DemoScenario } from "@/lib/demo/types";
import { expectNoAxeViolations } from "./support/axe";
import { CHECK_TITLES, expectHealthy, expectVerdict } from "./support/checks";
import {
  ALL_EMPLOYEES_ROLE_ID,
  callsNamed,
  DEMO_IDENTITY_URL,
  fetchAppSettingsText,
} from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import type { Runtime } from "./support/pages/connect-page";
import { SCOPE_PATTERN } from "./support/pages/resource-step-page";
import { SETTING_CODES } from "./support/pages/settings-step-page";
import type { StepState } from "./support/pages/stepper";

interface Run {
  scenario: DemoScenario;
  runtime: Runtime;
  version: string;
  /** Step 1 before anything is done: 8.3.2 ships OAuth20Integration on for All employees. */
  featureBefore: StepState;
  /** Fill Client ID and secret with the "Paste appsettings.json" helper instead of typing them. */
  paste: boolean;
}

const RUNS: Run[] = [
  {
    scenario: "fresh-8.1-netfx",
    runtime: "netfx",
    version: "8.1.2",
    featureBefore: "Not done",
    paste: false,
  },
  { scenario: "fresh-8.3-net", runtime: "net", version: "8.3.2", featureBefore: "Done", paste: true },
];

for (const run of RUNS) {
  test.describe(`full wizard on ${run.scenario}`, () => {
    test.use({ tenantRequest: { scenario: run.scenario } });

    test("connects, completes the four steps and ends healthy", async ({
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
      // Five pages, two writes per step and an axe run after each: longer than the default budget.
      test.setTimeout(120_000);
      await test.step("connect", async () => {
        await connectPage.goto();
        await expectNoAxeViolations(page, "connect page");
        await connectPage.connect(tenant.baseUrl, { runtime: run.runtime, version: run.version });
      });

      await test.step("step 1: enable OAuth 2.0 integration", async () => {
        await featureStep.goto();
        await stepper.expectCurrent("feature");
        await stepper.expectState("feature", run.featureBefore);
        await expectNoAxeViolations(page, "step 1");
        const before = await tenant.snapshot();
        await featureStep.enableButton.click();
        await expect(page.getByRole("main").getByText(/refresh any open Creatio pages/i)).toBeVisible();
        await stepper.expectState("feature", "Done");
        await expectNoAxeViolations(page, "step 1 after enabling");

        const after = await tenant.snapshot();
        expect(after.featureRows).toContainEqual({ sysAdminUnitId: ALL_EMPLOYEES_ROLE_ID, state: 1 });
        // The enable recipe never uses SetFeatureStateForAllUsers (it does not mean "All employees").
        expect(callsNamed(after, "SetFeatureStateForAllUsers")).toEqual([]);
        const rowWrites = [...callsNamed(after, "InsertQuery"), ...callsNamed(after, "UpdateQuery")].length;
        const hadRow = before.featureRows.some(
          (r) => r.sysAdminUnitId === ALL_EMPLOYEES_ROLE_ID && r.state === 1,
        );
        if (hadRow) {
          // A row already at 1 is left alone, and the result does not report refusals that never happened.
          expect(rowWrites).toBe(0);
          // Soft: a wrong sentence here should not hide what the later steps do.
          await expect.soft(page.getByRole("main")).not.toContainText(/refused/i);
        } else {
          // Exactly one row is written, then Creatio's feature cache is cleared.
          expect(rowWrites).toBe(1);
          expect(callsNamed(after, "ClearFeaturesCacheForAllUsers").length).toBeGreaterThan(0);
        }
      });

      await test.step("step 2: review system settings", async () => {
        await settingsStep.goto();
        await stepper.expectCurrent("settings");
        for (const code of SETTING_CODES.slice(0, 2))
          await expect(settingsStep.row(code)).toContainText("Empty");
        await expect(settingsStep.row("OAuth20IdentityServerClientSecret")).toContainText("Not set");
        const link = settingsStep.systemSettingsLink(tenant.baseUrl);
        await expect(link).toHaveCount(1);
        await expect(link).toHaveAttribute("href", /SysSettings/);
        await expectNoAxeViolations(page, "step 2");
        await settingsStep.continueButton.click();
        await credentialsStep.expectLoaded();
        await stepper.expectState("settings", "Done");
      });

      await test.step("step 3: fill out, test and save the system settings", async () => {
        await stepper.expectCurrent("credentials");
        await stepper.expectState("credentials", "Not done");
        await expectNoAxeViolations(page, "step 3");
        // A trailing slash is typed on purpose: Creatio must get the URL without it.
        await credentialsStep.identityServiceUrl.fill(`${DEMO_IDENTITY_URL}/`);
        if (run.paste) {
          await credentialsStep.pasteAppSettings(await fetchAppSettingsText());
          await credentialsStep.expectValues({ clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET });
        } else {
          await credentialsStep.clientId.fill(DEMO_CLIENT_ID);
          await credentialsStep.clientSecret.fill(DEMO_CLIENT_SECRET);
        }

        await credentialsStep.testButton.click();
        await expectVerdict(credentialsStep.testResult, CHECK_TITLES.hostDiscovery, "Passed");
        await expectVerdict(credentialsStep.testResult, CHECK_TITLES.hostToken, "Passed");
        await expectNoAxeViolations(page, "step 3 after Test connection");
        // Testing sends nothing to Creatio.
        const tested = await tenant.snapshot();
        expect(callsNamed(tested, "PostSysSettingsValues")).toEqual([]);
        expect(tested.settings).toEqual({ url: "", clientId: "", secretSet: false });

        await credentialsStep.saveButton.click();
        await expect(credentialsStep.saveResult).toBeVisible();
        for (const code of SETTING_CODES) {
          await expect(credentialsStep.savedRow(code).getByText("Saved", { exact: true })).toBeVisible();
        }
        await expectHealthy(credentialsStep.saveResult);
        // The secret never comes back to the browser, not even into the form.
        await expect(credentialsStep.clientSecret).toHaveValue("");
        await stepper.expectState("credentials", "Done");
        await expectNoAxeViolations(page, "step 3 after Save settings");

        const saved = await tenant.snapshot();
        expect(saved.settings).toEqual({ url: DEMO_IDENTITY_URL, clientId: DEMO_CLIENT_ID, secretSet: true });
        expect(callsNamed(saved, "PostSysSettingsValues")).toHaveLength(1);

        await page.reload();
        await credentialsStep.expectValues({
          url: DEMO_IDENTITY_URL,
          clientId: DEMO_CLIENT_ID,
          clientSecret: "",
        });
        expect(await page.content()).not.toContain(DEMO_CLIENT_SECRET);
      });

      await test.step("step 4: create the default resource", async () => {
        await stepper.link("resource").click();
        await resourceStep.expectLoaded();
        await stepper.expectCurrent("resource");
        await stepper.expectState("resource", "Not done");
        await expectNoAxeViolations(page, "step 4");
        await resourceStep.createButton.click();
        await expect(resourceStep.scope).toBeVisible();
        await stepper.expectState("resource", "Done");
        await expectNoAxeViolations(page, "step 4 after creating the resource");

        const created = await tenant.snapshot();
        expect(created.defaultResources).toHaveLength(1);
        const shown = (await resourceStep.scope.textContent())?.match(SCOPE_PATTERN)?.[0];
        expect(created.defaultResources[0]?.name).toBe(shown);
        expect(callsNamed(created, "AddDefaultResource")).toHaveLength(1);
      });

      await test.step("status: every step done, health check healthy", async () => {
        await statusPage.goto();
        await stepper.expectCurrent(null);
        await stepper.expectAllDone();
        await expectHealthy(statusPage.creatioView);
        await expect(statusPage.downloadReport).toBeVisible();
        await expectNoAxeViolations(page, "status page");

        const href = await statusPage.downloadReport.getAttribute("href");
        expect(href).toBeTruthy();
        const report = await page.request.get(new URL(href ?? "", page.url()).toString());
        expect(report.ok()).toBe(true);
        const text = await report.text();
        expect(() => JSON.parse(text)).not.toThrow();
        expect(text).toContain(tenant.baseUrl);
        expect(text).not.toContain(DEMO_CLIENT_SECRET);
      });
    });
  });
}
