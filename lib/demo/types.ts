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
  /** SysAdminUnitTypeValue of the user's row: 4 (8.1), 4 or 7 (8.2+, docs/creatio-api.md §4.6). Default 4. */
  unitType?: number;
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
  /**
   * Step 5 (docs/creatio-api.md §4.6): how AddClient / DeleteClient answer and how Creatio treats bearer
   * calls. Every unconfirmed variant is a knob here.
   */
  proof: DemoProofConfig;
}

export interface DemoProofConfig {
  /** AddClient/DeleteClient answers wrapped in `{"<Method>Result": ...}` or at the top level (unconfirmed). */
  answerWrapping: "wrapped" | "unwrapped";
  /** DeleteClient exists, or is missing as a 404 page or a WCF "endpoint not found" fault (unconfirmed, 8.3). */
  deleteClient: "available" | "missing-404" | "missing-fault";
  /** DeleteQuery on OAuthClientApp is allowed (the fallback when DeleteClient is missing; unconfirmed). */
  deleteQueryAllowed: boolean;
  /** AddClient creates the app but cannot link the default resource to it ("resource junction" error). */
  junctionFails: boolean;
  /** Grant type the app's client gets at the Identity Service (8.1/8.2 ignore `grantType`). */
  clientGrantType: "as-requested" | "authorization_code";
  /** The new client reaches the token endpoint only after this many ms (invalid_client meanwhile). */
  clientVisibleAfterMs: number;
  /** The Identity Service links the client to another resource than Creatio's current default one. */
  audienceMismatch: boolean;
  /** Creatio still holds the Identity Service's old signing keys (the PFX was regenerated, no restart). */
  staleKeys: boolean;
  /** Seconds Creatio's clock is ahead of the Identity Service's (tokens look expired beyond 300 s). */
  clockSkewSeconds: number;
  /** A proxy in front of Creatio drops the Authorization header. */
  proxyStripsAuthorization: boolean;
  /** The bound user authenticates but may not read Contact (success:false SecurityException). */
  boundUserCannotRead: boolean;
  /** How Creatio answers a bearer call it rejects (unconfirmed). */
  rejection: "401" | "401-challenge" | "403" | "login-redirect" | "html-200" | "success-false";
}

/** What createTenant / the admin API accept: a scenario and overrides (`settings` and `identityService` merge per key). */
export type DemoTenantOverrides = Partial<
  Omit<DemoTenantConfig, "settings" | "identityService" | "proof">
> & {
  settings?: Partial<DemoTenantConfig["settings"]>;
  identityService?: Partial<DemoTenantConfig["identityService"]>;
  proof?: Partial<DemoProofConfig>;
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
  "tokens-rejected",
  "integration-user-lacks-rights",
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
  /** OAuthClientApp rows (name and client id; never a secret). */
  oauthApps: { name: string; clientId: string }[];
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
