import "server-only";

// The server-side diagnostics API the pages and `/api/status` use. Browser code imports ./types (and,
// if it wants to re-run the rules on a stored run, ./rules) only.

export {
  CREATIO_VIEW_TITLE,
  CREATIO_VIEW_TITLES,
  checkIdentityFromWizard,
  creatioViewGroup,
  IDENTITY_WIZARD_TITLES,
  type IdentityFromWizardInput,
  WIZARD_VIEW_TITLE,
} from "./identity";
export { type CreatioCheckInput, type CreatioCheckOutcome, checkCreatio, RUNTIME_LABELS } from "./layers";
export {
  bearerMatches,
  checkInstance,
  type InstanceCheck,
  type InstanceCheckInput,
  MONITOR_ENV,
  type MonitorConfig,
  type MonitorOptions,
  type MonitorOutcome,
  monitorToken,
  readMonitorConfig,
  runMonitor,
} from "./monitor";
export { REDACTED, redactDeep, redactSecrets, secretsOf } from "./redact";
export {
  buildReport,
  type DiagnosticReport,
  type FailedRequest,
  type RenderedReport,
  type ReportStep,
  renderReport,
  reportJson,
  reportMarkdown,
  WIZARD_VERSION,
} from "./report";
export { diagnose, RULES, type Rule, type RuleInput } from "./rules";
export {
  type ConnectionCheckInput,
  type DiagnosticsInput,
  isHealthy,
  runConnectionCheck,
  runDiagnostics,
  withProof,
} from "./run";
export * from "./types";
