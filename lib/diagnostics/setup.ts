import "server-only";
import {
  type CreatioConnection,
  getDefaultResources,
  getFeatureStatus,
  getOAuthHealth,
  readIdentitySettings,
} from "@/lib/creatio";
import type {
  DefaultResourceStatus,
  FeatureStatus,
  HealthCheckResult,
  IdentitySettings,
} from "@/lib/creatio/types";
import { isWizardError } from "@/lib/errors";
import { checkFromError, makeCheck, makeGroup, notRun, since } from "./check";
import { fork } from "./probe";
import type { Check, CheckGroup, CreatioState } from "./types";

// What Creatio holds for the connection, read with read-only calls: the additional feature, the three
// system settings, the default resources, and Creatio's OAuth health check.

export const SETUP_GROUP_TITLE = "Setup stored in Creatio";

const TITLES = {
  feature: "Additional feature OAuth20Integration",
  settings: "System settings",
  "default-resource": "Default resource",
} as const;

export interface SetupReading {
  group: CheckGroup;
  state: CreatioState;
  /** Calls and time of the health-check request, for Creatio's view group. */
  health: { calls: Check["details"]["calls"]; ms: number; error: Check | null };
}

async function read<T>(
  conn: CreatioConnection,
  id: keyof typeof TITLES,
  load: (conn: CreatioConnection) => Promise<T>,
  judge: (value: T) => Omit<Parameters<typeof makeCheck>[2], "ms" | "calls">,
): Promise<{ value: T | null; check: Check }> {
  const own = fork(conn);
  const started = performance.now();
  try {
    const value = await load(own);
    const check = makeCheck(id, TITLES[id], {
      ...judge(value),
      ms: since(started),
      calls: own.recorder.snapshot(),
    });
    return { value, check };
  } catch (e) {
    if (!isWizardError(e)) throw e;
    return {
      value: null,
      check: checkFromError(id, TITLES[id], e.toUserFacing(), {
        ms: since(started),
        calls: own.recorder.snapshot(),
      }),
    };
  }
}

async function readHealth(
  conn: CreatioConnection,
): Promise<SetupReading["health"] & { value: HealthCheckResult | null }> {
  const own = fork(conn);
  const started = performance.now();
  try {
    const value = await getOAuthHealth(own);
    return { value, calls: own.recorder.snapshot(), ms: since(started), error: null };
  } catch (e) {
    if (!isWizardError(e)) throw e;
    const error = checkFromError("health-check", "OAuth health check passes", e.toUserFacing());
    return { value: null, calls: own.recorder.snapshot(), ms: since(started), error };
  }
}

export function judgeFeature(feature: FeatureStatus): Omit<Parameters<typeof makeCheck>[2], "ms" | "calls"> {
  const facts = {
    exists: feature.exists,
    "All employees": feature.allEmployeesState,
    "signed-in user": feature.currentUserState,
  };
  const fix = 'Run step 1, "Enable for all users".';
  if (!feature.exists) {
    return {
      verdict: "warn",
      message: "The additional feature OAuth20Integration does not exist yet.",
      fix,
      facts,
    };
  }
  if (feature.allEmployeesState === 1 && feature.currentUserState === 1) {
    return { verdict: "pass", message: "OAuth20Integration is on for All employees.", facts };
  }
  if (feature.allEmployeesState === 1) {
    return {
      verdict: "warn",
      message:
        "OAuth20Integration is on for All employees, but Creatio still reports it off for the signed-in user.",
      fix: "Run step 1 again to clear the feature cache, then refresh open Creatio pages.",
      facts,
    };
  }
  return {
    verdict: "warn",
    message:
      feature.currentUserState === 1
        ? "OAuth20Integration is on for the signed-in user's roles, but not for All employees."
        : "OAuth20Integration is off for All employees.",
    fix,
    facts,
  };
}

export function judgeSettings(
  settings: IdentitySettings,
): Omit<Parameters<typeof makeCheck>[2], "ms" | "calls"> {
  const facts = {
    OAuth20IdentityServerUrl: settings.url,
    OAuth20IdentityServerClientId: settings.clientId,
    OAuth20IdentityServerClientSecret: settings.secret,
    ...(settings.legacy.length
      ? {
          "older codes": settings.legacy
            .map((l) => `${l.code}${l.hasValue ? " (has a value)" : ""}`)
            .join(", "),
        }
      : {}),
  };
  if (settings.url && /\/\s*$/.test(settings.url)) {
    return {
      verdict: "fail",
      message: `OAuth20IdentityServerUrl ends with a slash (${settings.url}), so Creatio calls //connect/token.`,
      fix: "Save the address without the trailing slash in step 3.",
      code: "input:invalid-url",
      facts,
    };
  }
  const empty = [
    settings.url ? null : "OAuth20IdentityServerUrl",
    settings.clientId ? null : "OAuth20IdentityServerClientId",
    settings.secret === "not-set" ? "OAuth20IdentityServerClientSecret" : null,
  ].filter((c): c is string => c !== null);
  if (empty.length > 0) {
    return {
      verdict: "warn",
      message: `${empty.length === 1 ? "The system setting" : "The system settings"} ${empty.join(", ")} ${empty.length === 1 ? "is" : "are"} empty.`,
      fix: "Fill out the system settings in step 3.",
      facts,
    };
  }
  return {
    verdict: "pass",
    message:
      settings.secret === "set"
        ? "The three system settings have values."
        : "The URL and client id have values; Creatio does not say whether the secret does (its health check does).",
    facts,
  };
}

export function judgeDefaultResources(
  resources: DefaultResourceStatus,
): Omit<Parameters<typeof makeCheck>[2], "ms" | "calls"> {
  const facts = { count: resources.count, names: resources.names.join(", ") || null };
  if (resources.count === 1) {
    return {
      verdict: "pass",
      message: `One default resource exists (${resources.names[0] ?? "no name"}).`,
      facts,
    };
  }
  if (resources.count === 0) {
    return {
      verdict: "warn",
      message: "No default resource exists yet.",
      fix: "Create it in step 4.",
      facts,
    };
  }
  return {
    verdict: "fail",
    message: `Creatio has ${resources.count} default resources, which breaks saving OAuth 2.0 integrated applications.`,
    fix: "Creatio does not allow deleting resources: contact Creatio support to remove the extra one.",
    code: "resource:multiple-defaults",
    facts,
  };
}

export interface SetupReads {
  /** The identity settings alone, as soon as they are read (null when they could not be). */
  settings: Promise<IdentitySettings | null>;
  /** Everything, once every read has ended. */
  reading: Promise<SetupReading>;
}

/**
 * Starts reading the setup and asking the health check, all in parallel (read-only calls only). The
 * identity settings come out on their own too: the Identity Service check needs only them, not the
 * slower reads. `reading` rejects only for a bug, never with a WizardError.
 */
export function startSetupReads(conn: CreatioConnection): SetupReads {
  const feature = read(conn, "feature", getFeatureStatus, judgeFeature);
  const settings = read(conn, "settings", readIdentitySettings, judgeSettings);
  const resources = read(conn, "default-resource", getDefaultResources, judgeDefaultResources);
  const health = readHealth(conn);
  const reading = Promise.all([feature, settings, resources, health]).then(
    ([f, s, r, h]): SetupReading => ({
      group: makeGroup("setup", SETUP_GROUP_TITLE, [f.check, s.check, r.check]),
      state: { feature: f.value, settings: s.value, defaultResources: r.value, health: h.value },
      health: { calls: h.calls, ms: h.ms, error: h.error },
    }),
  );
  // A bug in the settings read surfaces through `reading`; the early consumer just gets no settings.
  return {
    settings: settings.then(
      (s) => s.value,
      () => null,
    ),
    reading,
  };
}

/** The setup group when the wizard could not read it (not signed in, or a layer above failed). */
export function setupNotRead(reason: string): CheckGroup {
  return makeGroup(
    "setup",
    SETUP_GROUP_TITLE,
    (Object.keys(TITLES) as (keyof typeof TITLES)[]).map((id) => notRun(id, TITLES[id], reason)),
  );
}
