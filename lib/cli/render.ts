// The status page as text: the verdict, the diagnosis (each with its sentence and fix), the steps, then
// every check with its verdict, sentence and fix. The same Overall and the same folding of "not run"
// checks as the page (lib/report/overall). Text that came from a server is printed without control
// characters: a hostile Creatio cannot move the cursor or recolour a terminal.
import type { ReportStep } from "@/lib/diagnostics";
import type { Check, CheckGroup, Diagnosis, DiagnosticsRun, Verdict } from "@/lib/diagnostics/types";
import { groupSkipped, NO_MATCH, type Overall } from "@/lib/report/overall";
import { verdictLine } from "@/lib/report/summary";
import type { Colors } from "./io";

/** Control characters (ANSI escapes included) removed, white space folded to single spaces. */
export function clean(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    out += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? " " : ch;
  }
  return out.replace(/\s+/g, " ").trim();
}

const VERDICT_WORDS: Record<Verdict, string> = {
  pass: "Passed",
  warn: "Warning",
  fail: "Failed",
  "not-run": "Not run",
};

const STEP_WORDS: Record<ReportStep["state"], string> = {
  done: "Done",
  "not-done": "Not done",
  failed: "Failed",
  unknown: "Unknown",
};

export function mark(verdict: Verdict | ReportStep["state"], color: Colors): string {
  switch (verdict) {
    case "pass":
    case "done":
      return color.green("[ok]");
    case "warn":
    case "not-done":
    case "unknown":
      return color.yellow("[!] ");
    case "fail":
    case "failed":
      return color.red("[x] ");
    default:
      return color.dim("[-] ");
  }
}

function toneColor(overall: Overall, color: Colors): (s: string) => string {
  return overall.tone === "success" ? color.green : overall.tone === "warning" ? color.yellow : color.red;
}

/** The verdict in one line, coloured by its tone. */
export function headline(overall: Overall, color: Colors): string {
  return color.bold(toneColor(overall, color)(clean(verdictLine(overall))));
}

function diagnosisLines(diagnoses: readonly Diagnosis[], color: Colors): string[] {
  return diagnoses.flatMap((d, i) => [
    `  ${i + 1}. ${color.bold(clean(d.title))}`,
    `     ${clean(d.message)}`,
    `     ${color.bold("Fix:")} ${clean(d.fix)}`,
    `     ${color.dim(`Evidence: ${d.evidence.join(", ")}`)}`,
  ]);
}

function overallDiagnosis(overall: Overall, diagnoses: readonly Diagnosis[], color: Colors): string[] {
  const lines: string[] = [];
  if (overall.kind === "healthy") {
    lines.push(
      "  Connected, nothing to fix: every step is done, and neither Creatio's health check nor the wizard's own checks found a problem.",
    );
  }
  if (overall.noMatch) {
    lines.push(`  ${NO_MATCH}`);
    if (overall.failedChecks.length > 0) {
      lines.push(
        `  Failed: ${overall.failedChecks.map((c) => clean(c.title)).join("; ")}. Each shows its own fix below.`,
      );
    }
  }
  lines.push(...diagnosisLines(diagnoses, color));
  const left = [...overall.unfinished, ...overall.unknownSteps].sort((a, b) => a.number - b.number);
  if (left.length > 0) {
    lines.push(overall.kind === "unhealthy" ? "  Setup is not finished either:" : "  Steps left:");
    for (const step of left) lines.push(`    Step ${step.number}, ${step.title}: ${clean(step.summary)}`);
    if (overall.firstFix && overall.kind !== "unhealthy") {
      lines.push(`  ${color.bold("Fix:")} ${clean(overall.firstFix)}`);
    }
  }
  return lines;
}

function checkLines(check: Check, color: Colors): string[] {
  const lines = [
    `    ${mark(check.verdict, color)} ${clean(check.title)}: ${clean(check.message)}${check.ms ? color.dim(` (${check.ms} ms)`) : ""}`,
  ];
  if (check.fix && (check.verdict === "fail" || check.verdict === "warn")) {
    lines.push(`         ${color.bold("Fix:")} ${clean(check.fix)}`);
  }
  if (check.details.serverMessage && check.verdict !== "pass") {
    lines.push(`         Server said: "${clean(check.details.serverMessage)}"`);
  }
  return lines;
}

export function groupLines(group: CheckGroup, color: Colors): string[] {
  const lines = [`  ${clean(group.title)}: ${VERDICT_WORDS[group.verdict]}`];
  for (const row of groupSkipped(group.checks)) {
    if (row.kind === "check") lines.push(...checkLines(row.check, color));
    else {
      lines.push(
        `    ${mark("not-run", color)} ${row.checks.map((c) => clean(c.title)).join(", ")}: ${clean(row.reason)}`,
      );
    }
  }
  return lines;
}

/** Where the run looked, in two or three lines. */
export function instanceLines(run: DiagnosticsRun, color: Colors, labels: Record<string, string>): string[] {
  const c = run.creatio;
  const build = [c.version ? `Creatio ${clean(c.version)}` : null, c.runtime ? labels[c.runtime] : null]
    .filter(Boolean)
    .join(", ");
  return [
    `${color.bold("Creatio:")}          ${clean(c.url)}${build ? ` (${build})` : ""}${c.userName ? `, signed in as ${clean(c.userName)}` : ""}`,
    `${color.bold("Identity Service:")} ${run.identityUrl ? clean(run.identityUrl) : "(none known)"}`,
    `${color.bold("Checked:")}          ${run.startedAt} in ${run.ms} ms; only read calls, nothing changed in Creatio.`,
  ];
}

export interface StatusText {
  run: DiagnosticsRun;
  steps: readonly ReportStep[];
  overall: Overall;
}

/** The whole status page as text lines. */
export function statusLines(view: StatusText, color: Colors, labels: Record<string, string>): string[] {
  const { run, steps, overall } = view;
  const lines = [...instanceLines(run, color, labels), "", headline(overall, color), ""];
  lines.push(color.bold("Diagnosis"), ...overallDiagnosis(overall, run.diagnoses, color), "");
  lines.push(color.bold("Steps"));
  for (const step of steps) {
    lines.push(
      `  ${mark(step.state, color)} ${step.number}. ${step.title}: ${STEP_WORDS[step.state]}. ${clean(step.summary)}`,
    );
  }
  lines.push("", color.bold("Checks"));
  run.groups.forEach((group, i) => {
    if (i > 0) lines.push("");
    lines.push(...groupLines(group, color));
  });
  return lines;
}

/** Creatio refused the sign-in: nothing else could be checked. */
export function signInLines(failure: { message: string; fix: string }, color: Colors): string[] {
  return [
    color.bold(color.red("Cannot sign in to Creatio, so nothing else was checked.")),
    clean(failure.message),
    `${color.bold("Fix:")} ${clean(failure.fix)}`,
  ];
}

/** --quiet: the verdict and, when something is wrong, the first thing to do. */
export function quietLines(view: StatusText, color: Colors): string[] {
  const lines = [headline(view.overall, color)];
  if (view.overall.firstFix) lines.push(`${color.bold("Fix:")} ${clean(view.overall.firstFix)}`);
  return lines;
}

/** A plain text table: a header, a rule, the rows; each column as wide as its widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}
