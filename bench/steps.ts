// The steps both runs go through, and what a measured step looks like.
import type { SnapshotCall } from "./demo-admin";

export const STEP_IDS = ["connect", "feature", "settings", "credentials", "resource", "status"] as const;
export type StepId = (typeof STEP_IDS)[number];

/** What each step covers in the wizard and in the minimum (printed under the table). */
export const STEP_INFO: Record<StepId, { label: string; wizard: string; minimum: string }> = {
  connect: {
    label: "Connect",
    wizard:
      "open `/` (a document load in a fresh browser context), click Connect, until step 1's page is shown",
    minimum: "connectToCreatio (login, runtime, version); getFeatureStatus (step 1's state)",
  },
  feature: {
    label: "1 Enable for all users",
    wizard: "click Enable for all users, until the result is shown",
    minimum: "enableFeatureForAllUsers (recipe, cache clear, verification)",
  },
  settings: {
    label: "2 Review settings",
    wizard:
      "click step 2 in Setup steps (a client navigation to `/setup/settings`), click Continue, until step 3's page is shown",
    minimum: "readIdentitySettings (step 2's page); readIdentitySettings (step 3's page)",
  },
  credentials: {
    label: "3 Save settings",
    wizard: "(fields filled, not timed) click Save settings, until the result is shown",
    minimum: "writeIdentitySettings (write, read back); getOAuthHealth",
  },
  resource: {
    label: "4 Create default resource",
    wizard:
      "click step 4 in Setup steps (a client navigation to `/setup/resource`), click the Create default resource button, until the result is shown",
    minimum: "getDefaultResources (the page's check); addDefaultResource",
  },
  status: {
    label: "Status",
    wizard:
      "click Connection status in the header (a client navigation to `/status`) until its checks are shown",
    minimum: "getFeatureStatus, readIdentitySettings, getDefaultResources, getOAuthHealth in parallel",
  },
};

/**
 * How a page load reached the browser. `document`: a full document load (the browser fetches the
 * HTML, runs the JavaScript and hydrates); `client`: a client-side navigation (a link click or an
 * action's redirect: the page is rendered in place from an RSC payload, no JavaScript re-runs).
 */
export type Navigation = "document" | "client";

/**
 * A timed part of a step. `load`: a page being rendered (only reads); `action`: a click and the
 * server's work until its answer is shown. Typing into fields is not a phase: it is not timed.
 */
export interface Phase {
  kind: "load" | "action";
  label: string;
  start: number;
  end: number;
  /** Wizard page loads: how the page was reached (the browser floor of the phase depends on it). */
  navigation?: Navigation;
  /**
   * Wizard page loads: ms from the request's start until the server's response was fully received
   * (server render, Creatio reads included, plus transfer): the HTML document of a document load,
   * the RSC payload of a client navigation. Absent when not measured (an action's redirect).
   */
  response?: { kind: "html" | "rsc"; ms: number };
  /** The `Server-Timing` of the phase's own request(s) to the wizard (issue 16), when it sent one. */
  server?: ServerTiming[];
}

/** One response's `Server-Timing` (lib/transport/request-timing.ts): the wizard's own time and the waits. */
export interface ServerTiming {
  kind: "action" | "html" | "rsc";
  wizardMs: number;
  creatioMs: number;
  totalMs: number;
}

/** Parses `wizard;dur=12.3, creatio;dur=101.0, …`; undefined when the header has no `wizard` entry. */
export function parseServerTiming(
  kind: ServerTiming["kind"],
  header: string | undefined | null,
): ServerTiming | undefined {
  if (!header) return undefined;
  const dur = (name: string) => {
    const match = new RegExp(`(?:^|,)\\s*${name};(?:[^,]*;)?\\s*dur=([0-9.]+)`).exec(header);
    return match ? Number(match[1]) : undefined;
  };
  const wizardMs = dur("wizard");
  if (wizardMs === undefined) return undefined;
  return { kind, wizardMs, creatioMs: dur("creatio") ?? 0, totalMs: dur("total") ?? wizardMs };
}

/** A request the browser sent to the wizard server (static files left out). */
export interface WizardRequest {
  method: string;
  path: string;
  /** document: a page load; action: a server action; rsc: a client navigation or refresh; prefetch: a background prefetch. */
  kind: "document" | "action" | "rsc" | "prefetch" | "other";
}

export interface StepMeasure {
  step: StepId;
  phases: Phase[];
  /** Sum of the phases (typing excluded). */
  ms: number;
  /** The tenant snapshot's calls made during the step (snapshot after minus before). */
  calls: SnapshotCall[];
  /** Wizard run only: what the browser asked the wizard server during the step. */
  requests?: WizardRequest[];
}

export interface RunMeasure {
  kind: "wizard" | "minimum";
  scenario: string;
  tenantId: string;
  steps: StepMeasure[];
}

export function phaseMs(phases: Phase[]): number {
  return phases.reduce((sum, p) => sum + (p.end - p.start), 0);
}

/** The calls `after` has beyond `before` (the snapshot only appends, up to its cap). */
export function newCalls(before: SnapshotCall[], after: SnapshotCall[]): SnapshotCall[] {
  return after.slice(before.length);
}
