import "server-only";
// Everything the status page and the report show: the four steps, Creatio's health check, and the
// wizard host's own view of the Identity Service (discovery only: the secret is never read back).
import type { CreatioContext } from "@/lib/session/creatio";
import { type CheckResult, healthChecks, stepChecks, viewsDisagree } from "./checks";
import { loadOverview } from "./load";
import { probeFromWizardHost } from "./probes";
import type { StepStates, WizardSnapshot } from "./state";

export interface StatusView {
  snapshot: WizardSnapshot;
  states: StepStates;
  steps: CheckResult[];
  creatio: CheckResult[];
  host: CheckResult[];
  disagreement: CheckResult | null;
}

export async function loadStatus(ctx: CreatioContext): Promise<StatusView> {
  const { snapshot, states } = await loadOverview(ctx);
  const url = snapshot.settings.ok ? snapshot.settings.value.url : null;
  const clientId = snapshot.settings.ok ? (snapshot.settings.value.clientId ?? "") : "";
  const probe = url ? await probeFromWizardHost({ identityUrl: url, clientId, clientSecret: "" }) : null;
  const healthCalls = ctx.client.calls.filter((c) => c.url.includes("OAuthHealthCheck"));
  return {
    snapshot,
    states,
    steps: stepChecks(states),
    creatio: healthChecks(snapshot.health, healthCalls),
    // Without a secret the token cannot be requested from here: only the discovery check is shown.
    host: probe ? probe.checks.filter((c) => c.id === "host-discovery") : [],
    disagreement: probe && url ? viewsDisagree(probe.reaches, snapshot.health, url) : null,
  };
}
