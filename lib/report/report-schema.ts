// The diagnostics report file, defined once: the wizard parses every report it writes with this schema
// (lib/diagnostics/report.ts), and /report parses a dropped file with the same one. Browser-safe: no
// `server-only`, no Node API. Text that came from Creatio or the Identity Service stays plain strings here;
// the pages render it as text (React escapes it), never as HTML.
import { z } from "zod";
import type { CallRecord, CertificateInfo, HealthCheckResult } from "@/lib/creatio/types";
import type {
  Check,
  CheckGroup,
  CheckGroupId,
  CheckId,
  Diagnosis,
  DiagnosisId,
  FactValue,
  Verdict,
} from "@/lib/diagnostics/types";
import { ERROR_CODES } from "@/lib/errors";

export const REPORT_FORMAT = "creatio-identity-wizard/diagnostics-report";
/**
 * The shape's version. Raise it when a change would make an older wizard misread a report (a field that
 * became required, a value with a new meaning); an older wizard then says the report is from a newer one.
 */
export const REPORT_FORMAT_VERSION = 2;
/**
 * The oldest version read. Version 2 added the end-to-end proof's group (id "proof", with `checkedAt`):
 * an older wizard would call such a report damaged, so it says "from a newer wizard" instead. A version 1
 * report is a version 2 report without that group.
 */
export const OLDEST_FORMAT_VERSION = 1;
/** The largest report file /report reads (checked before reading it); real reports are under 100 kB. */
export const REPORT_MAX_BYTES = 2 * 1024 * 1024;

// The ids, spelled out so that the schema can check them; the `satisfies` and the type tests below keep
// them equal to the unions in ./types.
const VERDICTS = ["pass", "warn", "fail", "not-run"] as const satisfies readonly Verdict[];
const GROUP_IDS = [
  "creatio",
  "identity-from-wizard",
  "identity-from-creatio",
  "setup",
  "proof",
] as const satisfies readonly CheckGroupId[];
const CHECK_IDS = [
  "dns",
  "tcp",
  "tls",
  "http",
  "creatio",
  "runtime",
  "login",
  "csrf",
  "rights-sys-settings",
  "rights-solution",
  "discovery",
  "token",
  "health-check",
  "settings-filled",
  "reachable",
  "default-resource",
  "feature",
  "settings",
  "proof-rights",
  "proof-user",
  "proof-create",
  "proof-token",
  "proof-accepted",
  "proof-delete",
] as const satisfies readonly CheckId[];
const DIAGNOSIS_IDS = [
  "identity-unreachable-from-creatio",
  "identity-unreachable-from-wizard",
  "certificate-not-trusted",
  "invalid-client",
  "identity-service-not-started",
  "trailing-slash",
  "token-from-creatio-url",
  "feature-cache",
  "default-resource-failed",
  "missing-rights",
  "health-check-absent",
] as const satisfies readonly DiagnosisId[];

// Every id of the unions is listed (a missing one fails the type check here).
type Missing<Union, Listed extends readonly unknown[]> = Exclude<Union, Listed[number]>;
const allListed: [
  Missing<Verdict, typeof VERDICTS>,
  Missing<CheckGroupId, typeof GROUP_IDS>,
  Missing<CheckId, typeof CHECK_IDS>,
  Missing<DiagnosisId, typeof DIAGNOSIS_IDS>,
] extends [never, never, never, never]
  ? true
  : false = true;
void allListed;

/** A bounded string: a report is read in the browser. Generous, so that a long server message still fits. */
const text = (max = 100_000) => z.string().max(max);

const callSchema: z.ZodType<CallRecord> = z.object({
  method: text(20),
  url: text(4_000),
  status: z.number().int().nullable(),
  ms: z.number().nonnegative(),
  error: text(200).optional(),
});

const certificateSchema: z.ZodType<CertificateInfo> = z.object({
  subject: text(),
  issuer: text(),
  subjectAltName: text().nullable(),
  validFrom: text(100),
  validTo: text(100),
  fingerprint256: text(200),
  selfSigned: z.boolean(),
});

const factSchema: z.ZodType<FactValue> = z.union([text(), z.number(), z.boolean(), z.null()]);

export const checkSchema: z.ZodType<Check> = z.object({
  id: z.enum(CHECK_IDS),
  title: text(300),
  verdict: z.enum(VERDICTS),
  message: text(),
  fix: text().optional(),
  code: z.enum(ERROR_CODES).optional(),
  ms: z.number().nonnegative(),
  details: z.object({
    calls: z.array(callSchema).max(1_000),
    facts: z.record(text(200), factSchema),
    certificate: certificateSchema.optional(),
    serverMessage: text().optional(),
  }),
});

export const checkGroupSchema: z.ZodType<CheckGroup> = z.object({
  id: z.enum(GROUP_IDS),
  title: text(300),
  verdict: z.enum(VERDICTS),
  checks: z.array(checkSchema).max(50),
  checkedAt: z.iso.datetime().optional(),
});

export const diagnosisSchema: z.ZodType<Diagnosis> = z.object({
  id: z.enum(DIAGNOSIS_IDS),
  title: text(300),
  message: text(),
  fix: text(),
  evidence: z.array(text(100)).max(20),
});

const healthSchema: z.ZodType<HealthCheckResult> = z.discriminatedUnion("available", [
  z.object({
    available: z.literal(true),
    httpStatus: z.number().int(),
    hasProblem: z.boolean(),
    isSystemSettingsFilledIn: z.boolean().nullable(),
    isIdentityServiceAvailable: z.boolean().nullable(),
    isAccessTokenRetrievableForSystemActions: z.boolean().nullable(),
    isDefaultResourceRegistered: z.boolean().nullable(),
    message: text().nullable(),
  }),
  z.object({
    available: z.literal(false),
    reason: z.enum(["absent", "unauthorized", "login-redirect", "html", "unexpected"]),
    httpStatus: z.number().int().nullable(),
  }),
]);

export const reportStepSchema = z.object({
  number: z.number().int().min(1).max(4),
  title: text(300),
  /** "done", "not-done", "failed" or "unknown". */
  state: z.enum(["done", "not-done", "failed", "unknown"]),
  /** One sentence: why the step has this state. */
  summary: text(),
});

export const failedRequestSchema = z.object({
  group: z.enum(GROUP_IDS),
  check: z.enum(CHECK_IDS),
  checkTitle: text(300),
  method: text(20),
  url: text(4_000),
  status: z.number().int().nullable(),
  error: text(200).nullable(),
  ms: z.number().nonnegative(),
  /** The request as a curl command; secrets are placeholders such as <PASSWORD>. */
  curl: text(),
});

export const reportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  formatVersion: z.number().int().min(OLDEST_FORMAT_VERSION).max(REPORT_FORMAT_VERSION),
  generatedAt: z.iso.datetime(),
  wizard: z.object({ version: text(50), node: text(50) }),
  creatio: z.object({
    url: text(2_000),
    version: text(50).nullable(),
    runtime: z.enum(["netfx", "net"]).nullable(),
    runtimeLabel: text(100).nullable(),
    userName: text(300).nullable(),
  }),
  identityServiceUrl: text(2_000).nullable(),
  healthy: z.boolean(),
  /** Creatio's OAuth health check as it answered; null when the wizard could not ask. */
  healthCheck: healthSchema.nullable(),
  diagnoses: z.array(diagnosisSchema).max(50),
  /** The four wizard steps, when the report comes from the wizard's pages (not from /api/status). */
  steps: z.array(reportStepSchema).max(4).optional(),
  groups: z.array(checkGroupSchema).max(10),
  failedRequests: z.array(failedRequestSchema).max(5_000),
  /** When the run started and how long it took. */
  run: z.object({ startedAt: z.iso.datetime(), ms: z.number().nonnegative() }),
});

export type DiagnosticReport = z.infer<typeof reportSchema>;
export type ReportStep = z.infer<typeof reportStepSchema>;
export type FailedRequest = z.infer<typeof failedRequestSchema>;

// Reading a file ------------------------------------------------------------------------------------------------

export type ReportReadProblem =
  | "too-large"
  | "empty"
  | "not-json"
  | "not-a-report"
  | "newer-version"
  | "invalid";

export type ReportRead =
  | { ok: true; report: DiagnosticReport }
  | { ok: false; problem: ReportReadProblem; title: string; message: string; fix: string };

function problem(
  kind: ReportReadProblem,
  title: string,
  message: string,
  fix: string,
): Extract<ReportRead, { ok: false }> {
  return { ok: false, problem: kind, title, message, fix };
}

const SEND_AGAIN =
  'Ask for the JSON file from "Download report" on the wizard\'s Connection status page, unchanged, and open that.';

/** The message for a file over REPORT_MAX_BYTES: given before the file is read. */
export function tooLarge(name: string, bytes: number): Extract<ReportRead, { ok: false }> {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return problem(
    "too-large",
    "This file is too large to be a report",
    `${name} is ${mb(bytes)}; a report from the wizard is well under ${mb(REPORT_MAX_BYTES)}, so the wizard does not read it.`,
    SEND_AGAIN,
  );
}

/**
 * A report file's text as a report, or why it is not one. Checks the format name and version before the
 * shape, so that a report from a newer wizard says so instead of "not a report". Never throws.
 */
export function parseReport(name: string, content: string): ReportRead {
  if (content.length > REPORT_MAX_BYTES) return tooLarge(name, content.length);
  if (content.trim() === "") {
    return problem("empty", "This file is empty", `${name} holds no text.`, SEND_AGAIN);
  }
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch {
    const markdown = content.trimStart().startsWith("# Creatio and Identity Service");
    return problem(
      "not-json",
      "This file is not a wizard report",
      markdown
        ? `${name} is the Markdown report: it is for reading, and this page opens the JSON report.`
        : `${name} is not a JSON file, so it cannot be a report from the wizard.`,
      SEND_AGAIN,
    );
  }
  const head = z.object({ format: z.literal(REPORT_FORMAT), formatVersion: z.number() }).safeParse(data);
  if (!head.success) {
    return problem(
      "not-a-report",
      "This file is not a wizard report",
      `${name} is JSON, but not a diagnostics report from the Identity Service setup wizard.`,
      SEND_AGAIN,
    );
  }
  if (head.data.formatVersion > REPORT_FORMAT_VERSION) {
    return problem(
      "newer-version",
      "This report is from a newer wizard",
      `${name} uses report format ${head.data.formatVersion}; this wizard reads format ${REPORT_FORMAT_VERSION} and older.`,
      "Open it with the newer version of the wizard, or update this one.",
    );
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join(".") || "the top level";
    return problem(
      "invalid",
      "This report is damaged",
      `${name} says it is a wizard report, but its content does not match the report format (first difference at ${where}). It may have been edited or cut short.`,
      SEND_AGAIN,
    );
  }
  return { ok: true, report: parsed.data };
}
