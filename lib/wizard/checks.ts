import "server-only";
import type { CallRecord, CreatioRuntime, HealthCheckResult, IdentitySettings } from "@/lib/creatio/types";
import { runConnectionCheck } from "@/lib/diagnostics";
import { CREATIO_VIEW_TITLES, creatioViewGroup } from "@/lib/diagnostics/identity";
import { diagnose } from "@/lib/diagnostics/rules";
import type {
  Check,
  CheckGroup,
  CheckGroupId,
  CheckId,
  ConnectionCheck,
  Diagnosis,
  DiagnosticsRun,
} from "@/lib/diagnostics/types";
import type { ActionError, ActionResult } from "./result";
import { type CheckAddressValues, trustOf } from "./schemas";
import type { Read, WizardSnapshot } from "./state";

/** A failed read or action as a failed check. */
export function checkFromActionError(id: CheckId, title: string, error: ActionError): Check {
  return {
    id,
    title,
    verdict: "fail",
    message: error.message,
    fix: error.fix,
    code: error.code,
    ms: error.calls.reduce((sum, call) => sum + call.ms, 0),
    details: {
      calls: error.calls,
      facts: {},
      ...(error.certificate ? { certificate: error.certificate } : {}),
      ...(error.creatioMessage ? { serverMessage: error.creatioMessage } : {}),
    },
  };
}

/** Creatio's own view of the Identity Service (its OAuth health check), from a read of the wizard's session. */
export function creatioViewFromRead(
  health: Read<HealthCheckResult>,
  context: { version: string | null; runtime: CreatioRuntime | null; calls?: CallRecord[] },
): CheckGroup {
  const calls = context.calls ?? [];
  const ms = calls.reduce((sum, call) => sum + call.ms, 0);
  if (!health.ok) {
    const error = checkFromActionError("health-check", CREATIO_VIEW_TITLES["health-check"], health.error);
    return creatioViewGroup(null, { ...context, calls: health.error.calls, ms: error.ms, error });
  }
  return creatioViewGroup(health.value, { ...context, calls, ms });
}

/**
 * The diagnoses after step 3's "Save settings": the rules of lib/diagnostics over the two views the save
 * shows (the wizard's own test and Creatio's health check) and the settings read back.
 */
export function diagnoseViews(input: {
  creatio: DiagnosticsRun["creatio"];
  identityUrl: string | null;
  wizardView: CheckGroup;
  creatioView: CheckGroup;
  settings: IdentitySettings | null;
  health: HealthCheckResult | null;
}): Diagnosis[] {
  return diagnose({
    creatio: input.creatio,
    identityUrl: input.identityUrl,
    groups: [input.wizardView, input.creatioView],
    state: { settings: input.settings, feature: null, defaultResources: null, health: input.health },
    history: [],
  });
}

// From a diagnostics run back to the wizard's snapshot --------------------------------------------------------

function checkOf(run: DiagnosticsRun, group: CheckGroupId, id: CheckId): Check | undefined {
  return run.groups.find((g) => g.id === group)?.checks.find((c) => c.id === id);
}

/** A value the run could not read, as the Read the step states expect, with the check's message and fix. */
function readOf<T>(value: T | null, check: Check | undefined): Read<T> {
  if (value !== null) return { ok: true, value };
  return {
    ok: false,
    error: {
      code: check?.code ?? "creatio:unexpected",
      message: check?.message ?? "The wizard could not read this from Creatio.",
      fix: check?.fix ?? "Refresh the page. If it stays so, download the report and send it to support.",
      calls: check?.details.calls ?? [],
    },
  };
}

/** The wizard's snapshot (what the stepper derives each step's state from), taken from a diagnostics run. */
export function snapshotFromRun(
  run: DiagnosticsRun,
  session: { settingsReviewed: boolean; secretSavedByWizard: boolean },
): WizardSnapshot {
  const { state } = run;
  return {
    feature: readOf(state.feature, checkOf(run, "setup", "feature")),
    settings: readOf(state.settings, checkOf(run, "setup", "settings")),
    resources: readOf(state.defaultResources, checkOf(run, "setup", "default-resource")),
    health: readOf(state.health, checkOf(run, "identity-from-creatio", "health-check")),
    settingsReviewed: session.settingsReviewed,
    secretSavedByWizard: session.secretSavedByWizard,
  };
}

/** Whether Creatio said the wizard's session has ended, in any check of the run. */
export function sessionEndedIn(run: DiagnosticsRun): boolean {
  return run.groups.some((g) => g.checks.some((c) => c.code === "auth:session-expired"));
}

/** How many checks failed, over every group. */
export function failedCount(groups: readonly CheckGroup[]): number {
  return groups.reduce((n, g) => n + g.checks.filter((c) => c.verdict === "fail").length, 0);
}

// The connect page's "Check this address" --------------------------------------------------------------------

export type CheckAddressResult = ActionResult<{ check: ConnectionCheck }>;

const SIGN_IN_JUST_FAILED =
  "the sign-in just failed with this user name and password (see the message above); the check does not repeat it, so that Creatio does not lock the user.";
const NO_PASSWORD = "no user name and password were typed, so the wizard did not sign in.";

/**
 * DNS down to rights for the address typed on the connect page: read calls only, and a sign-in (closed
 * again) only when a password is typed and it did not just fail. Never throws.
 */
export async function checkAddress(input: CheckAddressValues): Promise<CheckAddressResult> {
  const { baseUrl, userName, password, skipSignIn } = input;
  const signIn = !skipSignIn && userName && password ? { userName, password } : undefined;
  const check = await runConnectionCheck({
    creatioUrl: baseUrl,
    credentials: signIn,
    signInSkipped: skipSignIn ? SIGN_IN_JUST_FAILED : NO_PASSWORD,
    trust: trustOf(input),
  });
  return { ok: true, check };
}
