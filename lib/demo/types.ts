// Configuration of one demo Creatio tenant. Every "unconfirmed" variant of
// docs/creatio-api.md is a knob here so that tests can play each one.

export interface DemoUser {
  password: string;
  /** Login `Code` answered for this user when the password is right (0 = OK; 2, 3, 4, 5 as in the contract). */
  loginCode: 0 | 2 | 3 | 4 | 5;
  canManageSysSettings: boolean;
  canManageSolution: boolean;
  /** The user's own SysAdminUnit id; default: Supervisor's real id, or one derived from the name. */
  id?: string;
  /** Roles (SysAdminUnit ids) the user is in; default: Supervisor in System administrators and All employees, others in All employees. */
  roles?: string[];
}

export interface DemoTenantConfig {
  runtime: "netfx" | "net";
  /** "8.1.2.3842", "8.2.0.1234", "8.3.2.4321" or older such as "8.0.10.1234" (no health check). */
  version: string;
  users: Record<string, DemoUser>;
  /** Whether the OAuth20Integration Feature row exists at the start. */
  featureExists: boolean;
  /** Initial FeatureState row for "All employees" (null: no row). Default: 1 from 8.3.2 (on by default), else null. */
  allEmployeesFeatureState: 0 | 1 | null;
  /** Initial system setting values (secret stored server-side, never read back). */
  settings: { url: string; clientId: string; clientSecret: string };
  /** Whether the older IdentityServer* setting codes exist (with values) on this build. */
  legacySettings: boolean;
  /** Number of OAuthResource rows with IsDefault = true at the start. */
  defaultResources: number;
  /** App-config switch Feature-EnableOAuth20Integration. */
  oauthConfigSwitch: boolean;
  /** Milliseconds AddDefaultResource takes (it calls the Identity Service). */
  addDefaultResourceDelayMs: number;
  /** Extra latency added to every call, for benchmarks. */
  latencyMs: number;
  /** Creatio's server cannot reach these hosts (host:port), though the wizard can. */
  unreachableFromCreatio: string[];
  /** HTTP status for a missing/wrong CSRF header (unconfirmed: 401 or 403). */
  csrfRejectStatus: 401 | 403;
  /** How QuerySysSettings shows the SecureText secret (unconfirmed). */
  secretReadForm: "empty" | "null" | "absent";
  /** How QuerySysSettings shows an unknown code (unconfirmed). */
  unknownSettingForm: "absent" | "empty";
  /** Whether the health check needs a session (unconfirmed): answers 401 without one. */
  healthCheckNeedsSession: boolean;
  /** Whether the health-check answer includes IsDefaultResourceRegistered (8.2+, unconfirmed). */
  healthCheckReportsDefaultResource: boolean;
  /** Session lifetime in ms of inactivity; 0 = never expires. */
  sessionTtlMs: number;
  /** From 8.3.2: CRT_* cookie names; with backward compatibility mode on, BPM* names too. */
  cookieCompatibilityMode: boolean;
  /** PostSysSettingsValues answers top-level `success:false` even when every code saved (seen on 8.1). Default: true on 8.1.x. */
  saveSettingsSuccessQuirk: boolean;
  /** Whether Creatio's server trusts the demo CA when the Identity Service uses the demo's HTTPS certificate. */
  creatioTrustsIdentityCa: boolean;
  /**
   * The Identity Service the trainee is told to connect (what its appsettings.json says). Not Creatio state:
   * the demo UI may pre-fill or show these. Scenarios point it at a dead port, the HTTPS service, etc.
   */
  identityService: { url: string; clientId: string; clientSecret: string };
}

/** What createTenant / the admin API accept: a scenario and overrides (`settings` and `identityService` merge per key). */
export type DemoTenantOverrides = Partial<Omit<DemoTenantConfig, "settings" | "identityService">> & {
  settings?: Partial<DemoTenantConfig["settings"]>;
  identityService?: Partial<DemoTenantConfig["identityService"]>;
};

export const DEMO_SCENARIOS = [
  "fresh-8.1-netfx",
  "fresh-8.3-net",
  "already-connected",
  "identity-down",
  "wrong-secret",
  "unreachable-from-creatio",
  "no-rights",
  "slow-resource",
  "session-expiry",
  "two-default-resources",
  "old-version-no-healthcheck",
  "self-signed-identity",
] as const;
export type DemoScenario = (typeof DEMO_SCENARIOS)[number];

/** A scenario as the picker shows it. */
export interface DemoScenarioInfo {
  id: DemoScenario;
  title: string;
  /** One paragraph for the trainer: what goes wrong and what the wizard should show. */
  explanation: string;
  /** False when this server cannot play it (e.g. no HTTPS Identity Service); `unavailableReason` says why. */
  available: boolean;
  unavailableReason?: string;
}

/** Public view of a tenant's state, for tests and the trainer (never includes the secret value). */
export interface DemoTenantSnapshot {
  id: string;
  scenario: DemoScenario | "custom";
  baseUrl: string;
  runtime: "netfx" | "net";
  version: string;
  featureExists: boolean;
  featureRows: { sysAdminUnitId: string; state: 0 | 1 }[];
  settings: { url: string; clientId: string; secretSet: boolean };
  defaultResources: { name: string }[];
  /** Sessions currently alive (not expired). */
  activeSessions: number;
  /** The Identity Service the trainee is told to connect (no secret). */
  identityService: { url: string; clientId: string };
  /** Every call the tenant received: method and path (relative to the tenant base). */
  calls: { method: string; path: string; status: number }[];
}

/** What creating a tenant answers (admin API: 201 JSON). */
export interface DemoTenantCreated {
  id: string;
  baseUrl: string;
  scenario: DemoScenario | "custom";
  /** Suggested Identity Service values, secret included: it is a public demo secret. */
  identityService: DemoTenantConfig["identityService"];
  /** PEM of the demo CA when the Identity Service of this tenant uses the demo's HTTPS certificate. */
  identityCaPem?: string;
}
