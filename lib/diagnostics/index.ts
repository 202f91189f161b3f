import "server-only";

// The server-side diagnostics API the pages and `/api/status` use. Browser code imports ./types (and,
// if it wants to re-run the rules on a stored run, ./rules) only.

export { checkIdentityFromWizard, creatioViewGroup, type IdentityFromWizardInput } from "./identity";
export { type CreatioCheckInput, type CreatioCheckOutcome, checkCreatio, RUNTIME_LABELS } from "./layers";
export { REDACTED, redactDeep, redactSecrets, secretsOf } from "./redact";
export {
  buildReport,
  type DiagnosticReport,
  type FailedRequest,
  type RenderedReport,
  renderReport,
  reportJson,
  reportMarkdown,
  WIZARD_VERSION,
} from "./report";
export { diagnose, RULES, type Rule, type RuleInput } from "./rules";
export { type DiagnosticsInput, isHealthy, runDiagnostics } from "./run";
export * from "./types";
