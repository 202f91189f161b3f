// The default tenant configuration (a fresh 8.1.2 install on .NET Framework), the merge of scenario and
// overrides, and the validation of overrides that arrive over HTTP.

import { z } from "zod";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "../identity/constants";
import type { DemoProofConfig, DemoTenantConfig, DemoTenantOverrides } from "../types";
import { DEMO_PASSWORD, DEMO_USER } from "./constants";
import { featureOnByDefault, parseVersion, saveSettingsQuirkByDefault } from "./version";

/** Addresses a scenario may point the trainee at. */
export interface ScenarioContext {
  /** The demo Identity Service (plain HTTP). */
  identityUrl: string;
  /** The demo Identity Service over HTTPS with the demo CA; absent when it could not start. */
  tlsIdentityUrl?: string;
  /** A loopback address where nothing listens. */
  deadIdentityUrl: string;
}

export function defaultTenantConfig(context: ScenarioContext): DemoTenantConfig {
  return {
    runtime: "netfx",
    version: "8.1.2.3842",
    users: {
      [DEMO_USER]: {
        password: DEMO_PASSWORD,
        loginCode: 0,
        canManageSysSettings: true,
        canManageSolution: true,
      },
    },
    featureExists: true,
    allEmployeesFeatureState: null,
    settings: { url: "", clientId: "", clientSecret: "" },
    legacySettings: false,
    defaultResources: 0,
    oauthConfigSwitch: true,
    addDefaultResourceDelayMs: 1000,
    latencyMs: 0,
    unreachableFromCreatio: [],
    csrfRejectStatus: 401,
    secretReadForm: "empty",
    unknownSettingForm: "absent",
    healthCheckNeedsSession: true,
    healthCheckReportsDefaultResource: false,
    sessionTtlMs: 60 * 60 * 1000,
    cookieCompatibilityMode: false,
    saveSettingsSuccessQuirk: true,
    creatioTrustsIdentityCa: true,
    identityService: { url: context.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    proof: DEFAULT_PROOF,
  };
}

/** Step 5 as a healthy install plays it (docs/creatio-api.md §4.6). */
export const DEFAULT_PROOF: DemoProofConfig = {
  answerWrapping: "wrapped",
  deleteClient: "available",
  deleteQueryAllowed: true,
  junctionFails: false,
  clientGrantType: "as-requested",
  clientVisibleAfterMs: 0,
  audienceMismatch: false,
  staleKeys: false,
  clockSkewSeconds: 0,
  proxyStripsAuthorization: false,
  boundUserCannotRead: false,
  rejection: "401-challenge",
};

/** Knobs whose shipped value follows the version; an override of the version moves them along unless set too. */
const VERSION_DERIVED = {
  allEmployeesFeatureState: (config: DemoTenantConfig) => (featureOnByDefault(config) ? 1 : null),
  saveSettingsSuccessQuirk: (config: DemoTenantConfig) => saveSettingsQuirkByDefault(config),
} as const;

export function mergeConfig(base: DemoTenantConfig, overrides: DemoTenantOverrides): DemoTenantConfig {
  const merged: DemoTenantConfig = {
    ...base,
    ...overrides,
    settings: { ...base.settings, ...overrides.settings },
    identityService: { ...base.identityService, ...overrides.identityService },
    proof: { ...base.proof, ...overrides.proof },
  } as DemoTenantConfig;
  if (overrides.version !== undefined || overrides.runtime !== undefined) {
    for (const [key, derive] of Object.entries(VERSION_DERIVED)) {
      const name = key as keyof typeof VERSION_DERIVED;
      // Only a value the base had by default follows the version; a scenario's deliberate choice stays.
      if (overrides[name] === undefined && base[name] === derive(base)) {
        (merged as unknown as Record<string, unknown>)[name] = derive(merged);
      }
    }
  }
  return merged;
}

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
  error: "must be a GUID such as 83a43ebc-f36b-1410-298d-001e8c82bcad",
});
const milliseconds = z.number().int().min(0).max(600_000);

const userSchema = z.strictObject({
  password: z.string(),
  loginCode: z.union([z.literal(0), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  canManageSysSettings: z.boolean(),
  canManageSolution: z.boolean(),
  id: guid.optional(),
  roles: z.array(guid).optional(),
  unitType: z.number().int().min(0).max(10).optional(),
});

export const overridesSchema = z.strictObject({
  runtime: z.enum(["netfx", "net"]).optional(),
  version: z
    .string()
    .refine((value) => parseVersion(value) !== null, { error: "must look like 8.1.2.3842" })
    .optional(),
  users: z.record(z.string().min(1), userSchema).optional(),
  featureExists: z.boolean().optional(),
  allEmployeesFeatureState: z.union([z.literal(0), z.literal(1), z.null()]).optional(),
  settings: z
    .strictObject({ url: z.string(), clientId: z.string(), clientSecret: z.string() })
    .partial()
    .optional(),
  legacySettings: z.boolean().optional(),
  defaultResources: z.number().int().min(0).max(10).optional(),
  oauthConfigSwitch: z.boolean().optional(),
  addDefaultResourceDelayMs: milliseconds.optional(),
  latencyMs: milliseconds.optional(),
  unreachableFromCreatio: z.array(z.string().min(1)).optional(),
  csrfRejectStatus: z.union([z.literal(401), z.literal(403)]).optional(),
  secretReadForm: z.enum(["empty", "null", "absent"]).optional(),
  unknownSettingForm: z.enum(["absent", "empty"]).optional(),
  healthCheckNeedsSession: z.boolean().optional(),
  healthCheckReportsDefaultResource: z.boolean().optional(),
  sessionTtlMs: z.number().int().min(0).optional(),
  cookieCompatibilityMode: z.boolean().optional(),
  saveSettingsSuccessQuirk: z.boolean().optional(),
  creatioTrustsIdentityCa: z.boolean().optional(),
  identityService: z
    .strictObject({ url: z.string(), clientId: z.string(), clientSecret: z.string() })
    .partial()
    .optional(),
  proof: z
    .strictObject({
      answerWrapping: z.enum(["wrapped", "unwrapped"]),
      deleteClient: z.enum(["available", "missing-404", "missing-fault"]),
      deleteQueryAllowed: z.boolean(),
      junctionFails: z.boolean(),
      clientGrantType: z.enum(["as-requested", "authorization_code"]),
      clientVisibleAfterMs: z.number().int().min(0).max(60_000),
      audienceMismatch: z.boolean(),
      staleKeys: z.boolean(),
      clockSkewSeconds: z.number().int().min(-86_400).max(86_400),
      proxyStripsAuthorization: z.boolean(),
      boundUserCannotRead: z.boolean(),
      rejection: z.enum(["401", "401-challenge", "403", "login-redirect", "html-200", "success-false"]),
    })
    .partial()
    .optional(),
});

/** Turns zod issues into one plain sentence, e.g. `config.version must look like 8.1.2.3842`. */
export function describeIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const where = [root, ...issue.path.map(String)].join(".");
      return `${where}: ${issue.message}`;
    })
    .join("; ");
}
