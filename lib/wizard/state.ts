// The state of each step, derived from what Creatio says right now (never only remembered from
// earlier clicks). Pure: the pages read Creatio, this decides what the reads mean.
import type {
  DefaultResourceStatus,
  FeatureStatus,
  HealthCheckResult,
  IdentitySettingCode,
  IdentitySettings,
} from "@/lib/creatio/types";
import type { ActionError } from "./result";
import { STEPS, type StepId } from "./steps";

export type StepState = "done" | "not-done" | "failed" | "unknown";

export const STEP_STATE_LABELS: Record<StepState, string> = {
  done: "Done",
  "not-done": "Not done",
  failed: "Failed",
  unknown: "Unknown",
};

/** One read from Creatio: its value, or the error that stopped it. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: ActionError };

export interface WizardSnapshot {
  feature: Read<FeatureStatus>;
  settings: Read<IdentitySettings>;
  resources: Read<DefaultResourceStatus>;
  health: Read<HealthCheckResult>;
  /** The operator pressed "Continue" on step 2 in this session. */
  settingsReviewed: boolean;
  /** Creatio answered saveResult true for the secret when the wizard saved it in this session. */
  secretSavedByWizard: boolean;
}

export interface StepStatus {
  state: StepState;
  /** One sentence: why the step has this state. */
  summary: string;
}

export type StepStates = Record<StepId, StepStatus>;

export function deriveStepStates(s: WizardSnapshot): StepStates {
  return {
    feature: featureState(s.feature),
    settings: settingsState(s),
    credentials: credentialsState(s),
    resource: resourceState(s.resources),
  };
}

/** A page's navigation while some reads are still out: the states known now, and all four later. */
export interface StreamedStepStates {
  known: Partial<StepStates>;
  all: Promise<StepStates>;
}

/** The states of the steps whose reads are all in `s` (a page that waited only for its own reads). */
export function knownStepStates(s: Partial<WizardSnapshot>): Partial<StepStates> {
  const known: Partial<StepStates> = {};
  if (s.feature) known.feature = featureState(s.feature);
  if (s.settings && s.health) {
    const view: SettingsView = {
      settings: s.settings,
      health: s.health,
      settingsReviewed: s.settingsReviewed ?? false,
      secretSavedByWizard: s.secretSavedByWizard ?? false,
    };
    known.settings = settingsState(view);
    known.credentials = credentialsState(view);
  }
  if (s.resources) known.resource = resourceState(s.resources);
  return known;
}

export function allDone(states: StepStates): boolean {
  return STEPS.every((step) => states[step.id].state === "done");
}

function unreadable(what: string, error: ActionError): StepStatus {
  return { state: "unknown", summary: `Could not read ${what}: ${error.message}` };
}

export function featureState(read: Read<FeatureStatus>): StepStatus {
  if (!read.ok) return unreadable("the additional feature", read.error);
  const f = read.value;
  if (!f.exists)
    return { state: "not-done", summary: "The additional feature OAuth20Integration does not exist yet." };
  if (f.allEmployeesState !== 1) {
    return {
      state: "not-done",
      summary:
        f.allEmployeesState === null
          ? "OAuth20Integration has no state row for All employees."
          : "OAuth20Integration is off for All employees.",
    };
  }
  if (f.currentUserState === 0) {
    return {
      state: "not-done",
      summary:
        "On for All employees, but Creatio's feature cache still says off: run this step again to clear the cache.",
    };
  }
  return { state: "done", summary: "OAuth20Integration is on for All employees." };
}

/** Whether the secret holds a value, combining the settings read with the health check (the secret cannot be read back). */
export function effectiveSecretState(
  settings: IdentitySettings,
  health: Read<HealthCheckResult>,
  savedByWizard = false,
): "set" | "not-set" | "unknown" {
  if (settings.secret !== "unknown") return settings.secret;
  // Without a health check, the last word is what Creatio answered when the wizard saved it.
  if (!health.ok || !health.value.available) return savedByWizard ? "set" : "unknown";
  if (health.value.isSystemSettingsFilledIn === true) return "set";
  // The health check names each empty setting in its message (docs/creatio-api.md §4.5).
  if (
    health.value.isSystemSettingsFilledIn === false &&
    health.value.message?.includes("OAuth20IdentityServerClientSecret")
  ) {
    return "not-set";
  }
  return savedByWizard ? "set" : "unknown";
}

/** Setting codes that are empty now; the secret counts only when known to be empty. */
export function emptySettingCodes(
  settings: IdentitySettings,
  health: Read<HealthCheckResult>,
  savedByWizard = false,
): IdentitySettingCode[] {
  const empty: IdentitySettingCode[] = [];
  if (!settings.url) empty.push("OAuth20IdentityServerUrl");
  if (!settings.clientId) empty.push("OAuth20IdentityServerClientId");
  if (effectiveSecretState(settings, health, savedByWizard) === "not-set")
    empty.push("OAuth20IdentityServerClientSecret");
  return empty;
}

/** What steps 2 and 3 are decided by. */
export type SettingsView = Pick<
  WizardSnapshot,
  "settings" | "health" | "settingsReviewed" | "secretSavedByWizard"
>;

export function settingsState(s: SettingsView): StepStatus {
  if (!s.settings.ok) return unreadable("the system settings", s.settings.error);
  const settings = s.settings.value;
  const empty = emptySettingCodes(settings, s.health, s.secretSavedByWizard);
  const secretUnknown = effectiveSecretState(settings, s.health, s.secretSavedByWizard) === "unknown";
  if (empty.length === 0 && !secretUnknown)
    return { state: "done", summary: "All three system settings have values." };
  const emptyText = empty.length > 0 ? ` Empty: ${empty.join(", ")}.` : "";
  if (s.settingsReviewed) return { state: "done", summary: `Reviewed.${emptyText}` };
  return { state: "not-done", summary: `Not reviewed yet.${emptyText}` };
}

export function credentialsState(s: SettingsView): StepStatus {
  if (!s.settings.ok) return unreadable("the system settings", s.settings.error);
  const settings = s.settings.value;
  const empty = emptySettingCodes(settings, s.health, s.secretSavedByWizard);
  if (empty.length > 0) return { state: "not-done", summary: `Empty: ${empty.join(", ")}.` };
  const health = s.health.ok && s.health.value.available ? s.health.value : null;
  const secret = effectiveSecretState(settings, s.health, s.secretSavedByWizard);
  if (!health) {
    if (secret === "unknown") {
      return {
        state: "unknown",
        summary:
          "URL and client ID are set; whether the client secret is set cannot be read, and no health check answered.",
      };
    }
    return {
      state: "done",
      summary: "All three system settings are filled (no health check on this version).",
    };
  }
  if (health.isSystemSettingsFilledIn === false) {
    return {
      state: "failed",
      summary: health.message ?? "Creatio's health check says the system settings are not filled.",
    };
  }
  if (health.isIdentityServiceAvailable === false) {
    return { state: "failed", summary: "Creatio cannot reach the Identity Service at the saved URL." };
  }
  if (health.isAccessTokenRetrievableForSystemActions === false) {
    return {
      state: "failed",
      summary: "Creatio reaches the Identity Service but gets no token with the saved client ID and secret.",
    };
  }
  if (health.isSystemSettingsFilledIn === true) {
    return {
      state: "done",
      summary: "All three system settings are filled and Creatio's health check accepts them.",
    };
  }
  return { state: "unknown", summary: "The settings look filled, but Creatio's health check did not say." };
}

export function resourceState(read: Read<DefaultResourceStatus>): StepStatus {
  if (!read.ok) return unreadable("the default resources", read.error);
  const { count, names } = read.value;
  if (count === 1) {
    return {
      state: "done",
      summary: names[0] ? `The default resource exists: ${names[0]}.` : "The default resource exists.",
    };
  }
  if (count === 0) return { state: "not-done", summary: "There is no default resource yet." };
  return {
    state: "failed",
    summary: `There are ${count} default resources; Creatio needs exactly one, or saving OAuth apps fails.`,
  };
}
