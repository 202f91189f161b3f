import "server-only";
// What the wizard pages read from Creatio on load: all four reads at once, enough to show each step's
// live state. A page waits only for the reads its own content needs; the "Setup steps" navigation gets
// the states of all four when the slowest read arrives (streamed in after the page).
import type { CreatioContext } from "@/lib/frame/creatio-context";
import {
  READ_KEYS,
  type ReadKey,
  rememberReads,
  type SnapshotReads,
  takeHandedOffReads,
} from "./recent-reads";
import {
  deriveStepStates,
  knownStepStates,
  type StepStates,
  type StreamedStepStates,
  type WizardSnapshot,
} from "./state";

type PendingReads = { [K in ReadKey]: Promise<SnapshotReads[K]> };

function startReads(ctx: CreatioContext): PendingReads {
  const { client, session } = ctx;
  const baseUrl = ctx.state.baseUrl;
  // Right after an action, what it (and the page it was clicked on) just read is not asked again.
  const reused = takeHandedOffReads(session, baseUrl);
  const pending: PendingReads = {
    feature: reused.feature ? Promise.resolve(reused.feature) : ctx.read(client.getFeatureStatus()),
    settings: reused.settings ? Promise.resolve(reused.settings) : ctx.read(client.readIdentitySettings()),
    resources: reused.resources ? Promise.resolve(reused.resources) : ctx.read(client.getDefaultResources()),
    health: reused.health ? Promise.resolve(reused.health) : ctx.read(client.getOAuthHealth()),
  };
  for (const key of READ_KEYS) {
    // Only what was asked now gets a new time stamp.
    if (!(key in reused)) void pending[key].then((read) => rememberReads(session, baseUrl, { [key]: read }));
  }
  return pending;
}

function flagsOf(ctx: CreatioContext): Pick<WizardSnapshot, "settingsReviewed" | "secretSavedByWizard"> {
  return {
    settingsReviewed: ctx.session.settingsReviewed,
    secretSavedByWizard: ctx.session.secretSavedFor === ctx.state.baseUrl,
  };
}

async function all(ctx: CreatioContext, pending: PendingReads): Promise<WizardSnapshot> {
  const [feature, settings, resources, health] = await Promise.all(READ_KEYS.map((key) => pending[key]));
  return { feature, settings, resources, health, ...flagsOf(ctx) } as WizardSnapshot;
}

/** Every read and every step's state, for a page whose own content needs the slowest read. */
export async function loadOverview(
  ctx: CreatioContext,
): Promise<{ snapshot: WizardSnapshot; states: StepStates }> {
  const snapshot = await all(ctx, startReads(ctx));
  return { snapshot, states: deriveStepStates(snapshot) };
}

export type PageSnapshot<K extends ReadKey> = Pick<
  WizardSnapshot,
  K | "settingsReviewed" | "secretSavedByWizard"
>;

/**
 * For a page whose content needs only `needs`: resolves when those have arrived. `stepStates` holds
 * the steps those reads decide now, and all four once the other reads have arrived too.
 */
export async function loadStepPage<K extends ReadKey>(
  ctx: CreatioContext,
  needs: readonly K[],
): Promise<{ snapshot: PageSnapshot<K>; stepStates: StreamedStepStates }> {
  const pending = startReads(ctx);
  const later = all(ctx, pending).then(deriveStepStates);
  const reads = await Promise.all(needs.map(async (key) => [key, await pending[key]] as const));
  const snapshot = {
    ...(Object.fromEntries(reads) as unknown as Pick<SnapshotReads, K>),
    ...flagsOf(ctx),
  } as PageSnapshot<K>;
  return { snapshot, stepStates: { known: knownStepStates(snapshot), all: later } };
}
