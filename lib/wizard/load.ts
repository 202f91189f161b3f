import "server-only";
// What every wizard page reads from Creatio on load, in parallel: enough to show each step's live state.
import type { CreatioContext } from "@/lib/session/creatio";
import { rememberReads, type SnapshotReads, takeHandedOffReads } from "./recent-reads";
import { deriveStepStates, type StepStates, type WizardSnapshot } from "./state";

export async function loadSnapshot(ctx: CreatioContext): Promise<WizardSnapshot> {
  const { client, session } = ctx;
  const baseUrl = ctx.state.baseUrl;
  // Right after an action, what it (and the page it was clicked on) just read is not asked again.
  const reused = takeHandedOffReads(session, baseUrl);
  const [feature, settings, resources, health] = await Promise.all([
    reused.feature ?? ctx.read(client.getFeatureStatus()),
    reused.settings ?? ctx.read(client.readIdentitySettings()),
    reused.resources ?? ctx.read(client.getDefaultResources()),
    reused.health ?? ctx.read(client.getOAuthHealth()),
  ]);
  const reads: SnapshotReads = { feature, settings, resources, health };
  // Only what was asked now gets a new time stamp.
  const fresh = Object.fromEntries(Object.entries(reads).filter(([key]) => !(key in reused)));
  rememberReads(session, baseUrl, fresh);
  return {
    ...reads,
    settingsReviewed: session.settingsReviewed,
    secretSavedByWizard: session.secretSavedFor === baseUrl,
  };
}

export async function loadOverview(
  ctx: CreatioContext,
): Promise<{ snapshot: WizardSnapshot; states: StepStates }> {
  const snapshot = await loadSnapshot(ctx);
  return { snapshot, states: deriveStepStates(snapshot) };
}
