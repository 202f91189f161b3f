// The three lines a support ticket starts with (instance, verdict, first fix): the top of the Markdown
// report and what "Copy summary" copies. Pure and browser-safe.
import { inlineCode } from "./markdown";
import { assessOverall, type Overall } from "./overall";
import type { DiagnosticReport } from "./report-schema";

export interface SummaryInstance {
  url: string;
  version: string | null;
  runtimeLabel: string | null;
}

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** The verdict line: the headline, then the first field problem by name. */
export function verdictLine(overall: Overall): string {
  const headline = overall.headline.replace(" The diagnosis below says why and what to do.", "");
  if (overall.kind !== "unhealthy") return oneLine(headline);
  if (overall.problems.length > 0) {
    const more = overall.problems.length > 1 ? ` (and ${overall.problems.length - 1} more)` : "";
    return oneLine(`${headline} Diagnosis: ${overall.problems[0]?.title}${more}.`);
  }
  return oneLine(`${headline} No known field problem matches.`);
}

/** Instance, verdict and first fix, one line each. */
export function ticketSummary(instance: SummaryInstance, overall: Overall): string {
  // The address and the version came from outside (typed, or said by a server): code spans keep any
  // Markdown in them inert where the summary is pasted.
  const build = [instance.version ? `Creatio ${inlineCode(instance.version)}` : null, instance.runtimeLabel]
    .filter(Boolean)
    .join(", ");
  return [
    `Instance: ${inlineCode(instance.url)}${build ? ` (${build})` : ""}`,
    `Verdict: ${verdictLine(overall)}`,
    `First fix: ${overall.firstFix ? oneLine(overall.firstFix) : "None needed."}`,
  ].join("\n");
}

/** The overall state a report shows: the same function as the status page, over the report's own data. */
export function reportOverall(report: DiagnosticReport): Overall {
  return assessOverall({ steps: report.steps, groups: report.groups, diagnoses: report.diagnoses });
}

/** Instance, verdict and first fix of a report: the top of its Markdown, and "Copy summary". */
export function reportSummary(report: DiagnosticReport, overall = reportOverall(report)): string {
  return ticketSummary(
    { url: report.creatio.url, version: report.creatio.version, runtimeLabel: report.creatio.runtimeLabel },
    overall,
  );
}
