import "server-only";
// What every wizard page reads from Creatio on load, in parallel: enough to show each step's live state.
import type { CreatioContext } from "@/lib/session/creatio";
import { deriveStepStates, type StepStates, type WizardSnapshot } from "./state";

export async function loadSnapshot(ctx: CreatioContext): Promise<WizardSnapshot> {
  const { client } = ctx;
  const [feature, settings, resources, health] = await Promise.all([
    ctx.read(client.getFeatureStatus()),
    ctx.read(client.readIdentitySettings()),
    ctx.read(client.getDefaultResources()),
    ctx.read(client.getOAuthHealth()),
  ]);
  return {
    feature,
    settings,
    resources,
    health,
    settingsReviewed: ctx.session.settingsReviewed,
    secretSavedByWizard: ctx.session.secretSavedFor === ctx.state.baseUrl,
  };
}

export async function loadOverview(
  ctx: CreatioContext,
): Promise<{ snapshot: WizardSnapshot; states: StepStates }> {
  const snapshot = await loadSnapshot(ctx);
  return { snapshot, states: deriveStepStates(snapshot) };
}
