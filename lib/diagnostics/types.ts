// The shapes of the layered diagnostics: checks grouped by vantage point, the diagnoses drawn from them,
// and one run of everything. No `server-only`: pages render these types. Nothing here holds a secret.

import type {
  CallRecord,
  CertificateInfo,
  CreatioRuntime,
  DefaultResourceStatus,
  FeatureStatus,
  HealthCheckResult,
  IdentitySettings,
} from "@/lib/creatio/types";
import type { ErrorCode } from "@/lib/errors";

/** "not-run": a layer above failed or an input was missing; never counts as a failure. */
export type Verdict = "pass" | "warn" | "fail" | "not-run";

export type FactValue = string | number | boolean | null;

/**
 * What a check shows when unfolded. An object rather than an array with extra keys, so that it survives
 * JSON (the report and `/api/status`) unchanged.
 */
export interface CheckDetails {
  /** Every call the check made, in order (method, URL, status, ms). DNS/TCP/TLS steps use those words as method. */
  calls: CallRecord[];
  /** Extra facts shown as "label: value" (addresses, certificate issuer and expiry, runtime...). Never a secret. */
  facts: Record<string, FactValue>;
  /** The certificate a TLS check saw, so the page can offer to trust it. */
  certificate?: CertificateInfo;
  /** Creatio's or the Identity Service's own words, when they gave any. */
  serverMessage?: string;
}

export type CreatioCheckId =
  | "dns"
  | "tcp"
  | "tls"
  | "http"
  | "creatio"
  | "runtime"
  | "login"
  | "csrf"
  | "rights-sys-settings"
  | "rights-solution";

export type IdentityWizardCheckId = "dns" | "tcp" | "tls" | "discovery" | "token";

export type IdentityCreatioCheckId =
  | "health-check"
  | "settings-filled"
  | "reachable"
  | "token"
  | "default-resource";

export type SetupCheckId = "feature" | "settings" | "default-resource";

/** The hops of step 5's end-to-end proof (lib/wizard/proof.ts). */
export type ProofCheckId =
  | "proof-rights"
  | "proof-user"
  | "proof-create"
  | "proof-token"
  | "proof-accepted"
  | "proof-delete";

export type CheckId =
  | CreatioCheckId
  | IdentityWizardCheckId
  | IdentityCreatioCheckId
  | SetupCheckId
  | ProofCheckId;

export interface Check {
  id: CheckId;
  title: string;
  verdict: Verdict;
  /** One sentence: what happened. */
  message: string;
  /** What to do; absent on a pass. */
  fix?: string;
  /** The `area:reason` code behind a warn or fail, when there is one. */
  code?: ErrorCode;
  /** Milliseconds the check took; 0 when it did not run. */
  ms: number;
  details: CheckDetails;
}

export type CheckGroupId =
  /** The wizard's host looking at Creatio: DNS down to rights. */
  | "creatio"
  /** The wizard's host looking at the Identity Service. */
  | "identity-from-wizard"
  /** Creatio's server looking at the Identity Service: its OAuth health check. */
  | "identity-from-creatio"
  /** What Creatio holds: the feature, the three system settings, the default resource. */
  | "setup"
  /** Step 5's end-to-end proof (opt-in: it writes to Creatio): a temporary app, its token, one read. */
  | "proof";

export interface CheckGroup {
  id: CheckGroupId;
  title: string;
  /** The worst verdict of its checks ("not-run" only when none ran). */
  verdict: Verdict;
  checks: Check[];
  /** When the group's checks ran (ISO), for a group run apart from the others (the proof). */
  checkedAt?: string;
}

export type DiagnosisId =
  | "identity-unreachable-from-creatio"
  | "identity-unreachable-from-wizard"
  | "certificate-not-trusted"
  | "invalid-client"
  | "identity-service-not-started"
  | "trailing-slash"
  | "token-from-creatio-url"
  | "feature-cache"
  | "default-resource-failed"
  | "missing-rights"
  | "health-check-absent";

/** One field problem recognised across the checks, with its own message and fix. */
export interface Diagnosis {
  id: DiagnosisId;
  title: string;
  message: string;
  fix: string;
  /** The checks that show it, as `group/check` (e.g. `identity-from-wizard/token`). */
  evidence: string[];
}

/** An earlier failure the wizard met in this session (e.g. from "Create default resource"), by code. */
export interface PastError {
  code: ErrorCode;
  message?: string;
  creatioMessage?: string;
}

/** What was read from Creatio, for the rules and the report; null when it could not be read. */
export interface CreatioState {
  settings: IdentitySettings | null;
  feature: FeatureStatus | null;
  defaultResources: DefaultResourceStatus | null;
  health: HealthCheckResult | null;
}

/** One complete diagnostics run: serializable, without any secret. */
export interface DiagnosticsRun {
  startedAt: string;
  ms: number;
  creatio: {
    url: string;
    runtime: CreatioRuntime | null;
    version: string | null;
    userName: string | null;
  };
  /** The Identity Service address the wizard tested (typed, or read from OAuth20IdentityServerUrl). */
  identityUrl: string | null;
  groups: CheckGroup[];
  state: CreatioState;
  diagnoses: Diagnosis[];
  /** No check failed (warnings allowed). What `/api/status` turns into 200 or 503. */
  healthy: boolean;
}

/** The connect page's layered check of one Creatio address: serializable, without any secret. */
export interface ConnectionCheck {
  checkedAt: string;
  creatio: DiagnosticsRun["creatio"];
  group: CheckGroup;
}
