// The downloadable report: what the wizard sees, with every secret left out (no password, no
// client secret, no cookies). The same checks as the status page.
import type { CallRecord, CreatioSessionState } from "@/lib/creatio/types";
import type { CheckResult } from "./checks";
import { runtimeLabel } from "./links";
import { effectiveSecretState, type StepStates, type WizardSnapshot } from "./state";
import { STEPS } from "./steps";

export interface WizardReport {
  kind: "creatio-identity-wizard-report";
  version: 1;
  generatedAt: string;
  creatio: { baseUrl: string; runtime: string; version: string | null; userName: string };
  steps: { id: string; number: number; title: string; state: string; summary: string }[];
  settings: { url: string | null; clientId: string | null; secret: "set" | "not-set" | "unknown" } | null;
  defaultResources: { count: number; names: string[] } | null;
  checks: CheckResult[];
  calls: CallRecord[];
}

export function buildReport(input: {
  now: Date;
  state: Pick<CreatioSessionState, "baseUrl" | "runtime" | "version" | "userName">;
  snapshot: WizardSnapshot;
  states: StepStates;
  checks: CheckResult[];
  calls: CallRecord[];
}): WizardReport {
  const { snapshot, states } = input;
  const settings = snapshot.settings.ok ? snapshot.settings.value : null;
  return {
    kind: "creatio-identity-wizard-report",
    version: 1,
    generatedAt: input.now.toISOString(),
    creatio: {
      baseUrl: input.state.baseUrl,
      runtime: runtimeLabel(input.state.runtime),
      version: input.state.version,
      userName: input.state.userName,
    },
    steps: STEPS.map((s) => ({
      id: s.id,
      number: s.number,
      title: s.title,
      state: states[s.id].state,
      summary: states[s.id].summary,
    })),
    // Only the secret's state: its value is never read, and never written here.
    settings: settings
      ? {
          url: settings.url,
          clientId: settings.clientId,
          secret: effectiveSecretState(settings, snapshot.health, snapshot.secretSavedByWizard),
        }
      : null,
    defaultResources: snapshot.resources.ok
      ? { count: snapshot.resources.value.count, names: snapshot.resources.value.names }
      : null,
    checks: input.checks,
    calls: input.calls.map((c) => ({
      method: c.method,
      url: c.url,
      status: c.status,
      ms: c.ms,
      ...(c.error ? { error: c.error } : {}),
    })),
  };
}
