// The three lines a support ticket starts with (instance, verdict, first fix): the top of the Markdown
// report and what "Copy summary" copies. Pure and browser-safe.
import type { Overall } from "./overall";

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
  const build = [instance.version ? `Creatio ${instance.version}` : null, instance.runtimeLabel]
    .filter(Boolean)
    .join(", ");
  return [
    `Instance: ${oneLine(instance.url)}${build ? ` (${build})` : ""}`,
    `Verdict: ${verdictLine(overall)}`,
    `First fix: ${overall.firstFix ? oneLine(overall.firstFix) : "None needed."}`,
  ].join("\n");
}
