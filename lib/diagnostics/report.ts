import "server-only";
import type { HealthCheckResult } from "@/lib/creatio/types";
import { inlineCode, longestRun } from "@/lib/report/markdown";
import { NO_MATCH } from "@/lib/report/overall";
import {
  type DiagnosticReport,
  type FailedRequest,
  REPORT_FORMAT,
  REPORT_FORMAT_VERSION,
  type ReportStep,
  reportSchema,
} from "@/lib/report/report-schema";
import { reportOverall, reportSummary } from "@/lib/report/summary";
import packageJson from "@/package.json";
import { curlFor, PLACEHOLDERS } from "./curl";
import { RUNTIME_LABELS } from "./layers";
import { redactDeep, redactSecrets, secretsOf } from "./redact";
import type { Check, CheckGroup, DiagnosticsRun, Verdict } from "./types";

// The downloadable report, as JSON and as Markdown: versions, runtime, every check with its timings, the
// health check, the diagnoses, and "copy as curl" for each failed request. Secrets are placeholders in the
// curl lines, and redactSecrets runs over the final text as a safety net.

export type { DiagnosticReport, FailedRequest, ReportStep } from "@/lib/report/report-schema";
export { REPORT_FORMAT, REPORT_FORMAT_VERSION } from "@/lib/report/report-schema";
export { reportOverall, reportSummary } from "@/lib/report/summary";

export const WIZARD_VERSION: string = packageJson.version;

/**
 * A call that failed: no answer, a server error, or a 4xx where the check did not pass (the probes of
 * the wrong runtime prefix answer 404 by design and are left out).
 */
function isFailedCall(check: Check, call: Check["details"]["calls"][number]): boolean {
  if (call.error) return true;
  if (call.status === null) return false;
  if (call.status >= 500) return true;
  return (check.verdict === "fail" || check.verdict === "warn") && call.status >= 400;
}

function customTrust(group: CheckGroup | undefined): boolean {
  const through = group?.checks.find((c) => c.id === "tls")?.details.facts["trusted through"];
  return typeof through === "string" && through !== "public authorities";
}

function failedRequests(run: DiagnosticsRun): FailedRequest[] {
  const groups = new Map(run.groups.map((g) => [g.id, g]));
  const creatio = groups.get("creatio");
  const csrf = creatio?.checks.find((c) => c.id === "csrf")?.details.facts["CSRF header"];
  // The name typed, even when the sign-in failed (the user name is no secret; the password is).
  const typedUser = creatio?.checks.find((c) => c.id === "login")?.details.facts.user;
  const userName = run.creatio.userName ?? (typeof typedUser === "string" ? typedUser : null);
  const tokenFacts = groups.get("identity-from-wizard")?.checks.find((c) => c.id === "token")?.details.facts;
  const clientId =
    (typeof tokenFacts?.["client id"] === "string" ? tokenFacts["client id"] : null) ??
    run.state.settings?.clientId ??
    null;
  // The proof's token request is for its temporary app's own client, named by the "app created" hop.
  const proofClient = groups.get("proof")?.checks.find((c) => c.id === "proof-create")?.details.facts[
    "Client id"
  ];
  const out: FailedRequest[] = [];
  for (const group of run.groups) {
    const trustGroup = group.id === "identity-from-wizard" ? group : creatio;
    const groupClientId =
      group.id === "proof" ? (typeof proofClient === "string" ? proofClient : null) : clientId;
    for (const check of group.checks) {
      for (const call of check.details.calls) {
        if (!isFailedCall(check, call)) continue;
        const curl = curlFor(call, {
          group: group.id,
          check: check.id,
          userName,
          clientId: groupClientId,
          csrfHeader: typeof csrf === "string" ? csrf : "BPMCSRF",
          customTrust: customTrust(trustGroup),
        });
        if (!curl) continue;
        out.push({
          group: group.id,
          check: check.id,
          checkTitle: check.title,
          method: call.method,
          url: call.url,
          status: call.status,
          error: call.error ?? null,
          ms: call.ms,
          curl,
        });
      }
    }
  }
  return out;
}

/**
 * The report as an object (not yet redacted: render it with reportJson / reportMarkdown). Parsed with the
 * schema /report reads it with, so that the wizard never writes a report it could not open.
 */
function clip(value: string | null, max: number): string | null {
  return value !== null && value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

export function buildReport(
  run: DiagnosticsRun,
  opts: { now?: Date; steps?: readonly ReportStep[] } = {},
): DiagnosticReport {
  return reportSchema.parse({
    format: REPORT_FORMAT,
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: (opts.now ?? new Date()).toISOString(),
    wizard: { version: WIZARD_VERSION, node: process.version },
    creatio: {
      url: run.creatio.url,
      // Whatever a server or a form sent, the report stays writable: long values are cut to the schema's size.
      version: clip(run.creatio.version, 50),
      runtime: run.creatio.runtime,
      runtimeLabel: run.creatio.runtime ? RUNTIME_LABELS[run.creatio.runtime] : null,
      userName: clip(run.creatio.userName, 300),
    },
    identityServiceUrl: run.identityUrl,
    healthy: run.healthy,
    healthCheck: run.state.health,
    diagnoses: run.diagnoses,
    ...(opts.steps ? { steps: opts.steps.map((step) => ({ ...step })) } : {}),
    groups: run.groups,
    failedRequests: failedRequests(run),
    run: { startedAt: run.startedAt, ms: run.ms },
  });
}

// JSON ------------------------------------------------------------------------------------------------------

export function reportJson(
  report: DiagnosticReport,
  secrets: readonly (string | null | undefined)[],
): string {
  // Redact the values first (keeps the JSON valid), then the text again: nothing may slip through.
  return redactSecrets(JSON.stringify(redactDeep(report, secrets), null, 2), secrets);
}

// Markdown --------------------------------------------------------------------------------------------------

const VERDICT_WORDS: Record<Verdict, string> = {
  pass: "Passed",
  warn: "Warning",
  fail: "Failed",
  "not-run": "Not run",
};
const STEP_WORDS: Record<string, string> = {
  done: "Done",
  "not-done": "Not done",
  failed: "Failed",
  unknown: "Unknown",
};
const VERDICT_MARKS: Record<Verdict, string> = { pass: "[ok]", warn: "[!]", fail: "[x]", "not-run": "[-]" };

/** Creatio's setting codes, operation codes and OAuth words in `code` font. */
const CODE_WORDS =
  /\b(OAuth20Identity\w+|OAuth20Integration|IdentityServer(?:Url|ClientId|ClientSecret)|CanManage\w+|Feature-EnableOAuth20Integration|invalid_client|client_credentials|appsettings\.json|Clients|ClientScopes|ClientSecrets|ClientClaims|BPMCSRF|CRT_CSRF)\b/g;

// Text in the report may come from Creatio or an Identity Service (messages, versions, user names,
// health check words): a hostile server must not be able to add links, images, HTML or formatting to
// a report the operator forwards. Every such text is escaped; code spans and fences outgrow any
// backtick run inside them.

/**
 * Untrusted text made inert in Markdown: no link, image, autolink, HTML, emphasis, code span or table
 * cell break; a leading `#`, `>`, `-`, `+` or `1.` starts no heading, quote or list. Line breaks fold.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/:\/\//g, "\\://")
    .replace(/\bwww\./gi, (w) => `${w.slice(0, 3)}\\.`)
    .replace(
      /^(\s*)(#{1,6}(?=\s|$)|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$)|=+$)/,
      (_m, space: string, mark: string) =>
        /^\d/.test(mark) ? `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}` : `${space}\\${mark}`,
    );
}

function prose(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  let out = "";
  let last = 0;
  for (const m of flat.matchAll(CODE_WORDS)) {
    out += `${escapeMarkdown(flat.slice(last, m.index))}\`${m[0]}\``;
    last = m.index + m[0].length;
  }
  return out + escapeMarkdown(flat.slice(last));
}

/** A fenced block that no line of `text` can close. */
function fenced(info: string, text: string): string[] {
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  return [`${fence}${info}`, text, fence];
}

function cell(text: string | number | boolean | null): string {
  return escapeMarkdown(String(text ?? "unknown"));
}

function checkLines(check: Check): string[] {
  const lines = [
    `- ${escapeMarkdown(VERDICT_MARKS[check.verdict])} **${escapeMarkdown(check.title)}**: ${VERDICT_WORDS[check.verdict]} (${check.ms} ms)`,
  ];
  lines.push(`  - ${prose(check.message)}`);
  if (check.fix) lines.push(`  - Fix: ${prose(check.fix)}`);
  if (check.details.serverMessage)
    lines.push(`  - Server said: "${escapeMarkdown(check.details.serverMessage)}"`);
  const facts = Object.entries(check.details.facts).filter(([, v]) => v !== null && v !== "");
  if (facts.length) lines.push(`  - ${facts.map(([k, v]) => `${k}: ${inlineCode(String(v))}`).join("; ")}`);
  for (const call of check.details.calls) {
    const http = call.method === "GET" || call.method === "POST";
    const status = call.status ?? (http ? "no answer" : call.error ? "failed" : "ok");
    lines.push(
      `  - ${inlineCode(`${call.method} ${call.url}  ${status}  ${call.ms} ms${call.error ? `  ${call.error}` : ""}`)}`,
    );
  }
  return lines;
}

function healthLines(health: HealthCheckResult | null): string[] {
  if (!health) return ["The wizard could not ask Creatio's OAuth health check (see the checks above)."];
  if (!health.available) {
    return [`No result: ${prose(health.reason)} (HTTP ${health.httpStatus ?? "no answer"}).`];
  }
  const row = (name: string, value: boolean | null) => `| ${name} | ${cell(value)} |`;
  return [
    `HTTP ${health.httpStatus}.`,
    "",
    "| Field | Value |",
    "|---|---|",
    row("HasProblem", health.hasProblem),
    row("IsSystemSettingsFilledIn", health.isSystemSettingsFilledIn),
    row("IsIdentityServiceAvailable", health.isIdentityServiceAvailable),
    row("IsAccessTokenRetrievableForSystemActions", health.isAccessTokenRetrievableForSystemActions),
    row("IsDefaultResourceRegistered", health.isDefaultResourceRegistered),
    `| Message | ${cell(health.message ?? "(none)")} |`,
  ];
}

/** What the proof's group is, in the Markdown: it wrote to Creatio, unlike every other check. */
const PROOF_NOTE = (checkedAt: string | undefined) =>
  `Run on request${checkedAt ? ` at ${inlineCode(checkedAt)}` : ""}; unlike the other checks it writes to Creatio: it creates a temporary app, gets that app's token from the Identity Service, sends one read with only that token, and deletes the app again. The token and the app's secret are never in this report.`;

export function reportMarkdown(
  report: DiagnosticReport,
  secrets: readonly (string | null | undefined)[],
): string {
  const c = report.creatio;
  const overall = reportOverall(report);
  const lines: string[] = [
    "# Creatio and Identity Service: connection report",
    "",
    // Three lines for a support ticket (Markdown hard breaks keep them apart when rendered).
    ...reportSummary(report, overall)
      .split("\n")
      .map((line, i) => (i < 2 ? `${line}  ` : line)),
    "",
    `Generated ${report.generatedAt} by the Identity Service setup wizard ${report.wizard.version} (Node ${report.wizard.node}); the checks took ${report.run.ms} ms.`,
    "",
    "| | |",
    "|---|---|",
    `| Overall | ${report.healthy ? "Healthy" : "Problems found"} |`,
    `| Creatio | ${cell(c.url)} |`,
    `| Creatio version | ${cell(c.version)} |`,
    `| Runtime | ${cell(c.runtimeLabel)} |`,
    `| Signed in as | ${cell(c.userName ?? "(not signed in)")} |`,
    `| Identity Service | ${cell(report.identityServiceUrl ?? "(none)")} |`,
    "",
    "## Diagnosis",
    "",
  ];
  if (overall.kind === "unhealthy" && overall.noMatch) lines.push(NO_MATCH, "");
  else if (overall.kind !== "unhealthy" || overall.unfinished.length > 0) {
    lines.push(`**${overall.headline}**`, "");
    for (const step of overall.unfinished)
      lines.push(`- Step ${step.number}, ${step.title}: ${prose(step.summary)}`);
    if (overall.unfinished.length > 0) lines.push("");
  }
  report.diagnoses.forEach((d, i) => {
    lines.push(
      `### ${i + 1}. ${escapeMarkdown(d.title)}`,
      "",
      prose(d.message),
      "",
      `**Fix:** ${prose(d.fix)}`,
      "",
      `Evidence: ${d.evidence.map(inlineCode).join(", ")}`,
      "",
    );
  });
  if (report.steps) {
    lines.push("## Wizard steps", "", "| Step | State | Why |", "|---|---|---|");
    for (const step of report.steps) {
      lines.push(
        `| ${step.number}. ${cell(step.title)} | ${cell(STEP_WORDS[step.state] ?? step.state)} | ${cell(step.summary)} |`,
      );
    }
    lines.push("");
  }
  lines.push("## Checks", "");
  for (const group of report.groups) {
    lines.push(`### ${escapeMarkdown(group.title)}: ${VERDICT_WORDS[group.verdict]}`, "");
    if (group.id === "proof") lines.push(PROOF_NOTE(group.checkedAt), "");
    for (const check of group.checks) lines.push(...checkLines(check));
    lines.push("");
  }
  lines.push("## Creatio's OAuth health check", "", ...healthLines(report.healthCheck), "");
  lines.push("## Failed requests (copy as curl)", "");
  if (report.failedRequests.length === 0) {
    lines.push("None.", "");
  } else {
    lines.push(
      `Secrets are placeholders: ${Object.values(PLACEHOLDERS).map(inlineCode).join(", ")}. Replace them before running a command.`,
      "",
    );
    for (const r of report.failedRequests) {
      lines.push(
        `#### ${escapeMarkdown(`${r.checkTitle}: ${r.method} ${r.url} (${r.status ?? "no answer"}${r.error ? `, ${r.error}` : ""}, ${r.ms} ms)`)}`,
        "",
        ...fenced("sh", r.curl),
        "",
      );
    }
  }
  return redactSecrets(lines.join("\n"), secrets);
}

// Download ------------------------------------------------------------------------------------------------------

export interface RenderedReport {
  body: string;
  contentType: string;
  fileName: string;
}

/**
 * The report file for a download. The run's own secrets (password, client secret, cookie values) are
 * redacted automatically; pass `secrets` too when the run was rebuilt from JSON.
 */
export function renderReport(
  run: DiagnosticsRun,
  format: "json" | "markdown",
  opts: { secrets?: readonly (string | null | undefined)[]; now?: Date; steps?: readonly ReportStep[] } = {},
): RenderedReport {
  const report = buildReport(run, { now: opts.now, steps: opts.steps });
  const secrets = [...secretsOf(run), ...(opts.secrets ?? [])];
  const stamp = report.generatedAt.replace(/[:.]/g, "-");
  return format === "json"
    ? {
        body: reportJson(report, secrets),
        contentType: "application/json; charset=utf-8",
        fileName: `creatio-identity-report-${stamp}.json`,
      }
    : {
        body: reportMarkdown(report, secrets),
        contentType: "text/markdown; charset=utf-8",
        fileName: `creatio-identity-report-${stamp}.md`,
      };
}
