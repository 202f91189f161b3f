// What the status page (and a report opened on /report) says first: the state of the whole setup, in one
// of four kinds, with the failures and the unfinished steps counted apart. Pure and browser-safe: the same
// function reads a live run and a report file, so both say the same.
import type { Check, CheckGroup, Diagnosis, DiagnosisId } from "@/lib/diagnostics/types";

/** A wizard step as the status page and the report know it. */
export interface StepLike {
  number: number;
  title: string;
  state: "done" | "not-done" | "failed" | "unknown";
  summary: string;
}

export type OverallKind = "not-started" | "unfinished" | "healthy" | "unhealthy";

export interface Overall {
  kind: OverallKind;
  tone: "success" | "warning" | "error";
  /** One or two sentences for the top of the page: failures and unfinished steps counted apart. */
  headline: string;
  /** Failed checks that an unfinished step does not explain. */
  failedChecks: Check[];
  /** Steps that are not done yet, in order. */
  unfinished: StepLike[];
  failedSteps: StepLike[];
  /** Steps the wizard could not judge (a read failed). */
  unknownSteps: StepLike[];
  /** Field problems the rules recognised. */
  problems: Diagnosis[];
  /** Diagnoses that only inform (nothing is broken), such as an absent health check. */
  notes: Diagnosis[];
  /** Something failed and no rule recognises it: only then "No known field problem matches". */
  noMatch: boolean;
  /** The first thing to do, as one paragraph; null when nothing needs doing. */
  firstFix: string | null;
}

/** Diagnoses that only inform: nothing is broken. */
export const INFORMATIONAL_DIAGNOSES: readonly DiagnosisId[] = ["health-check-absent"];

export const NO_MATCH = "No known field problem matches these results.";

const CREDENTIALS_STEP = 3;

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** "step 3" or "steps 3 and 4". */
export function stepNumbers(steps: readonly StepLike[]): string {
  const n = steps.map((s) => String(s.number));
  return `${steps.length === 1 ? "step" : "steps"} ${joinWords(n)}`;
}

function findCheck(groups: readonly CheckGroup[], group: string, id: string): Check | undefined {
  return groups.find((g) => g.id === group)?.checks.find((c) => c.id === id);
}

/**
 * Failed checks that only say a step is not done yet: Creatio's health check fails while the system
 * settings are empty, which is what step 3 fills in. Not counted as failures while step 3 is not done.
 */
function explainedByUnfinished(groups: readonly CheckGroup[], unfinished: readonly StepLike[]): Set<Check> {
  const explained = new Set<Check>();
  if (!unfinished.some((s) => s.number === CREDENTIALS_STEP)) return explained;
  const filled = findCheck(groups, "identity-from-creatio", "settings-filled");
  if (filled?.verdict !== "fail") return explained;
  explained.add(filled);
  const health = findCheck(groups, "identity-from-creatio", "health-check");
  if (health?.verdict === "fail") explained.add(health);
  return explained;
}

function countChecks(n: number): string {
  return `${n} ${n === 1 ? "check failed" : "checks failed"}`;
}

function notDoneClause(unfinished: readonly StepLike[], unknown: readonly StepLike[]): string[] {
  const out: string[] = [];
  if (unfinished.length > 0) {
    out.push(`${stepNumbers(unfinished)} ${unfinished.length === 1 ? "is" : "are"} not done yet`);
  }
  if (unknown.length > 0)
    out.push(`whether ${stepNumbers(unknown)} ${unknown.length === 1 ? "is" : "are"} done is unknown`);
  return out;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Do step 3, Fill out the system settings, in the wizard." (Why it is not done is listed beside it.) */
export function nextStepFix(step: StepLike): string {
  return `Do step ${step.number}, ${step.title}, in the wizard.`;
}

/**
 * The state of the whole setup from the steps, the checks and the diagnoses. `steps` is absent for a run
 * without the wizard's pages (`/api/status`): then only healthy or unhealthy can be told.
 */
export function assessOverall(input: {
  steps?: readonly StepLike[] | null;
  groups: readonly CheckGroup[];
  diagnoses: readonly Diagnosis[];
}): Overall {
  const steps = input.steps ?? [];
  const unfinished = steps.filter((s) => s.state === "not-done");
  const failedSteps = steps.filter((s) => s.state === "failed");
  const unknownSteps = steps.filter((s) => s.state === "unknown");
  const explained = explainedByUnfinished(input.groups, unfinished);
  const failedChecks = input.groups.flatMap((g) =>
    g.checks.filter((c) => c.verdict === "fail" && !explained.has(c)),
  );
  const problems = input.diagnoses.filter((d) => !INFORMATIONAL_DIAGNOSES.includes(d.id));
  const notes = input.diagnoses.filter((d) => INFORMATIONAL_DIAGNOSES.includes(d.id));
  const broken = failedChecks.length > 0 || failedSteps.length > 0 || problems.length > 0;
  const base = { failedChecks, unfinished, failedSteps, unknownSteps, problems, notes };

  if (broken) {
    const parts: string[] = [];
    if (failedChecks.length > 0) parts.push(countChecks(failedChecks.length));
    else if (failedSteps.length > 0) parts.push(`${capital(stepNumbers(failedSteps))} failed`);
    else parts.push("A problem was found");
    parts.push(...notDoneClause(unfinished, unknownSteps));
    const why = problems.length > 0 ? " The diagnosis below says why and what to do." : "";
    const firstFailed = failedChecks.find((c) => c.fix) ?? failedChecks[0];
    const firstFix =
      problems[0]?.fix ??
      firstFailed?.fix ??
      (failedSteps[0]
        ? `Open step ${failedSteps[0].number}, ${failedSteps[0].title}: ${failedSteps[0].summary}`
        : null);
    return {
      ...base,
      kind: "unhealthy",
      tone: "error",
      headline: `${capital(parts.join("; "))}.${why}`,
      noMatch: problems.length === 0,
      firstFix,
    };
  }
  const waiting = [...unfinished, ...unknownSteps].sort((a, b) => a.number - b.number);
  if (waiting.length > 0) {
    const noneDone = steps.every((s) => s.state !== "done");
    const first = waiting[0] as StepLike;
    return {
      ...base,
      kind: noneDone ? "not-started" : "unfinished",
      tone: "warning",
      headline: noneDone
        ? `Setup not started: none of the ${steps.length === 4 ? "four" : steps.length} steps is done yet.`
        : `Setup not finished: ${notDoneClause(unfinished, unknownSteps).join("; ")}.`,
      noMatch: false,
      firstFix: nextStepFix(first),
    };
  }
  return {
    ...base,
    kind: "healthy",
    tone: "success",
    headline:
      steps.length > 0
        ? `Connected: all ${steps.length === 4 ? "four" : steps.length} steps are done and no check failed.`
        : "Connected: no check failed.",
    noMatch: false,
    firstFix: null,
  };
}

// Checks not run for one shared reason ------------------------------------------------------------------

export type CheckRow =
  | { kind: "check"; check: Check }
  /** Two or more neighbouring checks that did not run, for the same reason: shown as one line. */
  | { kind: "skipped"; reason: string; checks: Check[] };

/** The checks as rows, neighbouring "not run" checks with the same message folded into one row. */
export function groupSkipped(checks: readonly Check[]): CheckRow[] {
  const rows: CheckRow[] = [];
  for (const check of checks) {
    const last = rows.at(-1);
    if (check.verdict === "not-run" && last) {
      if (last.kind === "skipped" && last.reason === check.message) {
        last.checks.push(check);
        continue;
      }
      if (last.kind === "check" && last.check.verdict === "not-run" && last.check.message === check.message) {
        rows[rows.length - 1] = { kind: "skipped", reason: check.message, checks: [last.check, check] };
        continue;
      }
    }
    rows.push({ kind: "check", check });
  }
  return rows;
}
