// What the wizard read from Creatio a moment ago, per session, so that the page an action re-renders
// does not ask Creatio again for what the action (or the page the operator clicked on) just read.
// Page loads and navigations always read live; only the render right after an action reuses.
import type {
  AddDefaultResourceResult,
  DefaultResourceStatus,
  EnableFeatureResult,
  FeatureStatus,
} from "@/lib/creatio/types";
import type { WizardSession } from "@/lib/session/types";
import type { WizardSnapshot } from "./state";

export const READ_KEYS = ["feature", "settings", "resources", "health"] as const;
export type ReadKey = (typeof READ_KEYS)[number];
export type SnapshotReads = Pick<WizardSnapshot, ReadKey>;

/** The render after an action must follow within this time to use the handed-off reads. */
export const HANDOFF_MS = 10_000;
/** Reads the action did not make itself come from the page it was clicked on, if no older than this. */
export const REUSE_AFTER_ACTION_MS = 60_000;

type Stamped<K extends ReadKey> = { read: SnapshotReads[K]; at: number };

export interface RecentReads {
  /** The Creatio and sign-in the reads belong to: another sign-in makes them useless. */
  baseUrl: string;
  signIns: number;
  reads: { [K in ReadKey]?: Stamped<K> };
  /** When an action handed its reads to the render that follows it; null when none is due. */
  handoffAt: number | null;
}

/** Per session, beside it rather than in it: the session store knows nothing of the wizard's reads. */
const bySession = new WeakMap<WizardSession, RecentReads>();

function ownedBy(session: WizardSession, baseUrl: string) {
  const recent = bySession.get(session);
  return recent && recent.baseUrl === baseUrl && recent.signIns === session.signIns ? recent : null;
}

/** Keeps the successful reads (a failed read is always asked again), stamped with `now`. */
export function rememberReads(
  session: WizardSession,
  baseUrl: string,
  reads: Partial<SnapshotReads>,
  now: number = Date.now(),
): void {
  const recent = ownedBy(session, baseUrl) ?? {
    baseUrl,
    signIns: session.signIns,
    reads: {},
    handoffAt: null,
  };
  for (const key of READ_KEYS) {
    const read = reads[key];
    if (read?.ok) (recent.reads as Record<ReadKey, Stamped<ReadKey>>)[key] = { read, at: now };
  }
  bySession.set(session, recent);
}

/**
 * An action ends: what it changed (`touched`) is known only from its own fresh reads (none when it
 * failed: then the render asks Creatio again), and the page render that follows may use the rest (once).
 */
export function handOffReads(
  session: WizardSession,
  baseUrl: string,
  touched: readonly ReadKey[],
  fresh: Partial<SnapshotReads> = {},
  now: number = Date.now(),
): void {
  const recent = ownedBy(session, baseUrl);
  if (recent) for (const key of touched) delete recent.reads[key];
  rememberReads(session, baseUrl, fresh, now);
  const current = ownedBy(session, baseUrl);
  if (current) current.handoffAt = now;
}

/** The reads an action handed to this render (then no longer due), or none for an ordinary page load. */
export function takeHandedOffReads(
  session: WizardSession,
  baseUrl: string,
  now: number = Date.now(),
): Partial<SnapshotReads> {
  const recent = ownedBy(session, baseUrl);
  if (!recent || recent.handoffAt === null) return {};
  const due = now - recent.handoffAt <= HANDOFF_MS;
  recent.handoffAt = null;
  if (!due) return {};
  return recentReads(recent, REUSE_AFTER_ACTION_MS, now);
}

/** The reads made within `maxAgeMs` for this Creatio and sign-in. */
export function readsYoungerThan(
  session: WizardSession,
  baseUrl: string,
  maxAgeMs: number,
  now: number = Date.now(),
): Partial<SnapshotReads> {
  const recent = ownedBy(session, baseUrl);
  return recent ? recentReads(recent, maxAgeMs, now) : {};
}

function recentReads(recent: RecentReads, maxAgeMs: number, now: number): Partial<SnapshotReads> {
  const out: Partial<SnapshotReads> = {};
  for (const key of READ_KEYS) {
    const stamped = recent.reads[key];
    if (stamped && now - stamped.at <= maxAgeMs) (out as Record<ReadKey, unknown>)[key] = stamped.read;
  }
  return out;
}

// What an action's own answer proves about Creatio now, as the reads a page would make.

/** After the enable recipe verified the feature: it exists and is on for All employees and for the operator. */
export function featureAfterEnable(result: EnableFeatureResult): FeatureStatus {
  return {
    code: "OAuth20Integration",
    exists: true,
    featureId: result.featureId,
    allEmployeesState: 1,
    currentUserState: result.verifiedState,
  };
}

/** After the default resource was created or found: exactly one (its name when a read returned it). */
export function resourcesAfterCreate(result: AddDefaultResourceResult): DefaultResourceStatus {
  // "created" carries Creatio's scope, not a row's Name: leave the name out rather than guess it.
  return { count: 1, names: result.outcome === "already-existed" && result.scope ? [result.scope] : [] };
}
