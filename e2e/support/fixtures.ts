// The `test` every spec uses: a fresh demo tenant per test (tests run in parallel, none share a
// tenant) and the page objects of the wizard.
import { test as base } from "@playwright/test";
import type { DemoTenantSnapshot } from "@/lib/demo/types";
import { createTenant, type DemoTenant, expireSessions, snapshot, type TenantRequest } from "./demo-admin";
import { ConnectPage } from "./pages/connect-page";
import { CredentialsStepPage } from "./pages/credentials-step-page";
import { FeatureStepPage } from "./pages/feature-step-page";
import { ResourceStepPage } from "./pages/resource-step-page";
import { SettingsStepPage } from "./pages/settings-step-page";
import { StatusPage } from "./pages/status-page";
import { Stepper } from "./pages/stepper";

/** Demo knobs every tenant gets unless a test says otherwise: keep the slow call short. */
const FAST: NonNullable<TenantRequest["config"]> = { addDefaultResourceDelayMs: 300 };

export interface Tenant extends DemoTenant {
  snapshot(): Promise<DemoTenantSnapshot>;
  expireSessions(): Promise<void>;
}

interface Fixtures {
  /** Which tenant the test gets: set with `test.use({ tenantRequest: { scenario: ... } })`. */
  tenantRequest: TenantRequest;
  tenant: Tenant;
  connectPage: ConnectPage;
  featureStep: FeatureStepPage;
  settingsStep: SettingsStepPage;
  credentialsStep: CredentialsStepPage;
  resourceStep: ResourceStepPage;
  statusPage: StatusPage;
  stepper: Stepper;
}

export const test = base.extend<Fixtures>({
  tenantRequest: [{ scenario: "fresh-8.1-netfx" }, { option: true }],
  tenant: async ({ tenantRequest }, use) => {
    const created = await createTenant({ ...tenantRequest, config: { ...FAST, ...tenantRequest.config } });
    await use({
      ...created,
      snapshot: () => snapshot(created.id),
      expireSessions: () => expireSessions(created.id),
    });
  },
  connectPage: async ({ page }, use) => use(new ConnectPage(page)),
  featureStep: async ({ page }, use) => use(new FeatureStepPage(page)),
  settingsStep: async ({ page }, use) => use(new SettingsStepPage(page)),
  credentialsStep: async ({ page }, use) => use(new CredentialsStepPage(page)),
  resourceStep: async ({ page }, use) => use(new ResourceStepPage(page)),
  statusPage: async ({ page }, use) => use(new StatusPage(page)),
  stepper: async ({ page }, use) => use(new Stepper(page)),
});

export { expect } from "@playwright/test";
