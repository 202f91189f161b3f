// The tenants of one demo Creatio server: create from a scenario and overrides, reset, expire sessions.
// Each tenant is its own Creatio under `/t/<id>`; old idle tenants are dropped past a cap.

import { randomBytes } from "node:crypto";
import { z } from "zod";
import { DEMO_SCENARIOS, type DemoScenario, type DemoScenarioInfo, type DemoTenantCreated } from "../types";
import {
  defaultTenantConfig,
  describeIssues,
  mergeConfig,
  overridesSchema,
  type ScenarioContext,
} from "./config";
import type { CreatioNetwork } from "./identity-client";
import { scenarioInfos, scenarioOverrides, scenarioUnavailableReason } from "./scenarios";
import { Tenant } from "./tenant";

/** Bad input from a caller: the admin API answers 400 with this message. */
export class DemoInputError extends Error {}
/** A tenant with the requested id exists already: the admin API answers 409. */
export class DemoTenantExistsError extends Error {
  constructor(id: string) {
    super(
      `A demo tenant "${id}" exists already. Delete it first (DELETE /__demo/tenants/${id}), or choose another id.`,
    );
  }
}
/** No tenant with this id: the admin API answers 404. */
export class DemoTenantNotFoundError extends Error {
  constructor(id: string) {
    super(`No demo tenant "${id}": it may have been removed or the demo server restarted. Create a new one.`);
  }
}

const MAX_TENANTS = 500;
const DEFAULT_SCENARIO: DemoScenario = "fresh-8.1-netfx";

const createInputSchema = z.strictObject({
  /** A fixed id (e.g. for a monitor configured before the tenant exists); default: a random one. */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: "must be 1 to 40 lower-case letters, digits or dashes" })
    .optional(),
  scenario: z.enum(DEMO_SCENARIOS, { error: `must be one of: ${DEMO_SCENARIOS.join(", ")}` }).optional(),
  config: overridesSchema.optional(),
});

export type CreateTenantInput = z.input<typeof createInputSchema>;

export interface RegistryOptions {
  creatioUrl: string;
  context: ScenarioContext;
  /** PEM of the demo CA used by the HTTPS Identity Service. */
  identityCaPem?: string;
}

export class TenantRegistry {
  private readonly tenants = new Map<string, Tenant>();

  constructor(private readonly options: RegistryOptions) {}

  scenarios(): DemoScenarioInfo[] {
    return scenarioInfos(this.options.context);
  }

  create(input: unknown = {}): DemoTenantCreated {
    const parsed = createInputSchema.safeParse(input ?? {});
    if (!parsed.success) throw new DemoInputError(describeIssues(parsed.error, "body"));
    const { id: wantedId, scenario, config: overrides } = parsed.data;
    if (wantedId !== undefined && this.tenants.has(wantedId)) throw new DemoTenantExistsError(wantedId);
    const chosen = scenario ?? DEFAULT_SCENARIO;
    const unavailable = scenarioUnavailableReason(chosen, this.options.context);
    if (unavailable) throw new DemoInputError(`Scenario "${chosen}" is not available here. ${unavailable}`);

    const base = mergeConfig(
      defaultTenantConfig(this.options.context),
      scenarioOverrides(chosen, this.options.context),
    );
    const config = overrides ? mergeConfig(base, overrides) : base;
    const id = wantedId ?? randomBytes(6).toString("hex");
    const baseUrl = `${this.options.creatioUrl}/t/${id}`;
    const label = scenario ?? (overrides ? "custom" : DEFAULT_SCENARIO);
    this.evictIfFull();
    this.tenants.set(id, new Tenant(id, baseUrl, label, config));

    const { tlsIdentityUrl } = this.options.context;
    const usesTls = tlsIdentityUrl !== undefined && config.identityService.url.startsWith(tlsIdentityUrl);
    return {
      id,
      baseUrl,
      scenario: label,
      identityService: { ...config.identityService },
      ...(usesTls && this.options.identityCaPem ? { identityCaPem: this.options.identityCaPem } : {}),
    };
  }

  get(id: string): Tenant | undefined {
    const tenant = this.tenants.get(id);
    if (tenant) tenant.lastUsed = Date.now();
    return tenant;
  }

  require(id: string): Tenant {
    const tenant = this.get(id);
    if (!tenant) throw new DemoTenantNotFoundError(id);
    return tenant;
  }

  delete(id: string): boolean {
    return this.tenants.delete(id);
  }

  get size(): number {
    return this.tenants.size;
  }

  /** How Creatio's server of this tenant sees the network. */
  network(tenant: Tenant): CreatioNetwork {
    return {
      unreachable: tenant.config.unreachableFromCreatio,
      caPem: tenant.config.creatioTrustsIdentityCa ? this.options.identityCaPem : undefined,
    };
  }

  private evictIfFull(): void {
    while (this.tenants.size >= MAX_TENANTS) {
      let oldest: Tenant | undefined;
      for (const tenant of this.tenants.values()) {
        if (!oldest || tenant.lastUsed < oldest.lastUsed) oldest = tenant;
      }
      if (!oldest) return;
      this.tenants.delete(oldest.id);
    }
  }
}
