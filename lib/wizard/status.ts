import "server-only";
import { type DiagnosticsRun, type ReportStep, runDiagnostics, withProof } from "@/lib/diagnostics";
// Everything the status page and its report show: one diagnostics run on the operator's own Creatio
// session (read calls only, no second sign-in), and each step's state derived from the same reads.
import { wizardError } from "@/lib/errors";
import type { CreatioContext } from "@/lib/frame/creatio-context";
import { sessionEndedIn, snapshotFromRun } from "./checks";
import { demoIdentityTrust } from "./demo";
import { lastProof } from "./proof-run";
import { deriveStepStates, type StepStates, type WizardSnapshot } from "./state";
import { STEPS } from "./steps";

export interface StatusView {
  /** The read-only checks, with this session's last end-to-end proof (within the hour) when one ran. */
  run: DiagnosticsRun;
  snapshot: WizardSnapshot;
  states: StepStates;
}

export async function loadStatus(ctx: CreatioContext): Promise<StatusView> {
  const checked = await runDiagnostics({
    creatioUrl: ctx.state.baseUrl,
    session: ctx.state,
    // Demo, self-signed scenario: the demo CA once the operator chose to trust it (this run only).
    identity: { trust: demoIdentityTrust(ctx.session, null) },
  });
  if (sessionEndedIn(checked)) {
    // Settled through the context, so that the page (or report) asks the operator to sign in again.
    await ctx.read(
      Promise.reject(wizardError("auth:session-expired", { system: "creatio", url: ctx.state.baseUrl })),
    );
  }
  // The proof ran apart (it writes to Creatio): its hops join the run for the headline and the report.
  const proof = lastProof(ctx.session, ctx.state.baseUrl);
  const run = proof ? withProof(checked, proof) : checked;
  const snapshot = snapshotFromRun(run, {
    settingsReviewed: ctx.session.settingsReviewed,
    secretSavedByWizard: ctx.session.secretSavedFor === ctx.state.baseUrl,
  });
  return { run, snapshot, states: deriveStepStates(snapshot) };
}

/** The four steps as the report lists them. */
export function reportSteps(states: StepStates): ReportStep[] {
  return STEPS.map((step) => ({
    number: step.number,
    title: step.title,
    state: states[step.id].state,
    summary: states[step.id].summary,
  }));
}
