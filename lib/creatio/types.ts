// The app-facing types of the Creatio boundary. Creatio's own JSON shapes live in schemas.ts;
// these are what the rest of the app sees after mapping.

import type { TlsTrust } from "@/lib/transport/types";

export type { CallRecord, CertificateInfo } from "@/lib/errors";
export type { TlsTrust } from "@/lib/transport/types";

import type { IdentitySettingCode } from "@/lib/contract/creatio";

export {
  IDENTITY_SETTING_CODES,
  type IdentitySettingCode,
  LEGACY_IDENTITY_SETTING_CODES,
} from "@/lib/contract/creatio";

/** `netfx`: .NET Framework, services under `B/0/...`; `net`: .NET (Core/6/8), services under `B/...`. */
export type CreatioRuntime = "netfx" | "net";

/** What the wizard keeps server-side between requests for one operator's Creatio session. */
export interface CreatioSessionState {
  baseUrl: string;
  runtime: CreatioRuntime;
  /** `"/0"` on .NET Framework, `""` on .NET. */
  prefix: "/0" | "";
  /** coreVersion, e.g. "8.1.2.3842"; null when Creatio would not say. */
  version: string | null;
  userName: string;
  /** tough-cookie CookieJar.serializeSync() output. Secret: server-side only. */
  cookies: unknown;
  trust?: TlsTrust;
}

export type FeatureStateValue = 0 | 1;

export interface FeatureStatus {
  code: "OAuth20Integration";
  exists: boolean;
  featureId: string | null;
  /** State row for role "All employees": null when there is no row. */
  allEmployeesState: FeatureStateValue | null;
  /** GetFeatureState for the logged-in user (after Creatio's cache). */
  currentUserState: FeatureStateValue | null;
}

export interface EnableFeatureResult {
  created: boolean;
  featureId: string;
  /** "inserted" a state row for All employees, "updated" it, or "unchanged" (already 1). */
  allEmployeesRow: "inserted" | "updated" | "unchanged";
  cacheCleared: { base64Name: boolean; allFeatures: boolean };
  verifiedState: FeatureStateValue | null;
}

export type SecretState = "set" | "not-set" | "unknown";

export interface IdentitySettings {
  url: string | null; // null: empty or missing
  clientId: string | null;
  secret: SecretState;
  /** Which codes Creatio did not return at all (may not exist on this build). */
  missingCodes: string[];
  /**
   * Older IdentityServer* codes that Creatio returned. `hasValue` false when empty: an empty answer
   * may also mean the code does not exist on this build, so act on `hasValue`. Secrets never count.
   */
  legacy: { code: string; hasValue: boolean }[];
}

export interface SaveSettingsResult {
  /** saveResult per code sent, as Creatio said it; this decides, not the top-level success. */
  saved: Partial<Record<IdentitySettingCode, boolean>>;
  /** Every code sent was saved. */
  allSaved: boolean;
  /** Codes not sent: the secret when the form left it empty ("keep the stored secret"). */
  skipped: IdentitySettingCode[];
  /** What Creatio returns when read again after the save, to verify it; null when the read-back failed. */
  readBack: IdentitySettings | null;
}

export interface DefaultResourceStatus {
  count: number;
  /** Resource names/scopes when Creatio returned them. */
  names: string[];
}

/** A notice from a successful login that the operator should see (login `Code: 2`). */
export interface LoginWarning {
  code: "password-change-recommended";
  message: string;
  /** Creatio's own `Message`, when it gave one. */
  creatioMessage?: string;
}

export interface AddDefaultResourceResult {
  /** "created": Creatio created it now; "already-existed": found before or ItemAlreadyExistException. */
  outcome: "created" | "already-existed";
  scope: string | null;
}

export type HealthCheckResult =
  | {
      available: true;
      httpStatus: number;
      hasProblem: boolean;
      isSystemSettingsFilledIn: boolean | null;
      isIdentityServiceAvailable: boolean | null;
      isAccessTokenRetrievableForSystemActions: boolean | null;
      isDefaultResourceRegistered: boolean | null;
      message: string | null;
    }
  | {
      available: false;
      /** Why there is no health check: absent (404), needs login (401/redirect), or not JSON. */
      reason: "absent" | "unauthorized" | "login-redirect" | "html" | "unexpected";
      httpStatus: number | null;
    };
