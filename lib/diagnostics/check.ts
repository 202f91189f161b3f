// Building blocks shared by every group: a check from its parts or from a WizardError, the "not run"
// check, the worst verdict of a group, and the layering rule (a failed layer stops the ones below).

import type { CallRecord } from "@/lib/creatio/types";
import type { ErrorCode, UserFacingError } from "@/lib/errors";
import type { Check, CheckDetails, CheckGroup, CheckGroupId, CheckId, FactValue, Verdict } from "./types";

export interface CheckParts {
  verdict: Verdict;
  message: string;
  fix?: string;
  code?: ErrorCode;
  ms?: number;
  calls?: CallRecord[];
  facts?: Record<string, FactValue>;
  certificate?: CheckDetails["certificate"];
  serverMessage?: string;
}

export function makeCheck(id: CheckId, title: string, parts: CheckParts): Check {
  const details: CheckDetails = { calls: parts.calls ?? [], facts: parts.facts ?? {} };
  if (parts.certificate) details.certificate = parts.certificate;
  if (parts.serverMessage) details.serverMessage = parts.serverMessage;
  return {
    id,
    title,
    verdict: parts.verdict,
    message: parts.message,
    ...(parts.fix && parts.verdict !== "pass" ? { fix: parts.fix } : {}),
    ...(parts.code ? { code: parts.code } : {}),
    ms: parts.ms ?? 0,
    details,
  };
}

/** A check that failed with a WizardError (or warned, for the few that only warn). */
export function checkFromError(
  id: CheckId,
  title: string,
  error: UserFacingError,
  extra: Omit<CheckParts, "verdict" | "message" | "fix" | "code"> & { verdict?: Verdict } = {},
): Check {
  return makeCheck(id, title, {
    ...extra,
    verdict: extra.verdict ?? "fail",
    message: error.message,
    fix: error.fix,
    code: error.code,
    calls: extra.calls ?? error.calls,
    certificate: extra.certificate ?? error.certificate,
    serverMessage: extra.serverMessage ?? error.creatioMessage,
  });
}

export function notRun(id: CheckId, title: string, reason: string): Check {
  return makeCheck(id, title, { verdict: "not-run", message: `Not run: ${reason}` });
}

const RANK: Record<Verdict, number> = { "not-run": 0, pass: 1, warn: 2, fail: 3 };

/** The worst verdict among checks that ran; "not-run" when none ran. */
export function worstVerdict(checks: readonly Check[]): Verdict {
  let worst: Verdict = "not-run";
  for (const check of checks) if (RANK[check.verdict] > RANK[worst]) worst = check.verdict;
  return worst;
}

export function makeGroup(id: CheckGroupId, title: string, checks: Check[]): CheckGroup {
  return { id, title, verdict: worstVerdict(checks), checks };
}

/** A layer of a layered check: runs only when every layer above it did not fail. */
export interface Layer {
  id: CheckId;
  title: string;
  run(): Promise<Check>;
}

/** A layer whose result is already known (e.g. read from one answer): no waiting. */
export interface SyncLayer {
  id: CheckId;
  title: string;
  make(): Check;
}

function notRunBelow(layer: { id: CheckId; title: string }, failed: Check): Check {
  return notRun(layer.id, layer.title, `the check "${failed.title}" failed first.`);
}

/** `runLayers` for layers that do not wait. */
export function cascade(layers: readonly SyncLayer[], failedAbove: Check | null = null): Check[] {
  const checks: Check[] = [];
  let failed = failedAbove;
  for (const layer of layers) {
    const check = failed ? notRunBelow(layer, failed) : layer.make();
    checks.push(check);
    if (check.verdict === "fail") failed = check;
  }
  return checks;
}

/**
 * Runs layers top-down. After the first "fail" (or after `failedAbove`, a failed layer of an earlier
 * run), every later layer becomes "not-run" naming the failed one: nothing below a failure is ever
 * reported as failed.
 */
export async function runLayers(
  layers: readonly Layer[],
  failedAbove: Check | null = null,
): Promise<Check[]> {
  const checks: Check[] = [];
  let failed: Check | null = failedAbove;
  for (const layer of layers) {
    if (failed) {
      checks.push(notRunBelow(layer, failed));
      continue;
    }
    const check = await layer.run();
    checks.push(check);
    if (check.verdict === "fail") failed = check;
  }
  return checks;
}

/** Milliseconds since `started` (performance.now()), rounded. */
export function since(started: number): number {
  return Math.round(performance.now() - started);
}
