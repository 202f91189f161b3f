// Checks as the operator sees them (design notes): verdict, one sentence, "Fix:", calls folded.
// Built from live reads; the same shape on the step pages, the status page and in the report.
import type { CallRecord, HealthCheckResult } from "@/lib/creatio/types";
import type { ActionError } from "./result";
import { type Read, STEP_STATE_LABELS, type StepState, type StepStates } from "./state";
import { STEPS } from "./steps";

export type CheckVerdict = "passed" | "failed" | "warning" | "not-done" | "unknown" | "info";

export interface CheckResult {
  id: string;
  title: string;
  verdict: CheckVerdict;
  /** Shown instead of the verdict's usual word (steps say "Done", not "Passed"). */
  verdictLabel?: string;
  /** One sentence: what happened. */
  sentence: string;
  fix?: string;
  creatioMessage?: string;
  calls?: CallRecord[];
}

export function checkFromError(id: string, title: string, error: ActionError): CheckResult {
  return {
    id,
    title,
    verdict: "failed",
    sentence: error.message,
    fix: error.fix,
    ...(error.creatioMessage ? { creatioMessage: error.creatioMessage } : {}),
    calls: error.calls,
  };
}

const STEP_VERDICT: Record<StepState, CheckVerdict> = {
  done: "passed",
  "not-done": "not-done",
  failed: "failed",
  unknown: "unknown",
};

const STEP_FIX: Record<(typeof STEPS)[number]["id"], string> = {
  feature: 'Open step 1 and press "Enable for all users".',
  settings: 'Open step 2, review the settings and press "Continue".',
  credentials: "Open step 3, enter the Identity Service URL, client ID and secret, then save them.",
  resource: 'Open step 4 and press "Create default resource".',
};

/** The four steps as checks (status page and report). */
export function stepChecks(states: StepStates): CheckResult[] {
  return STEPS.map((step) => {
    const status = states[step.id];
    return {
      id: `step-${step.id}`,
      title: `Step ${step.number}: ${step.title}`,
      verdict: STEP_VERDICT[status.state],
      verdictLabel: STEP_STATE_LABELS[status.state],
      sentence: status.summary,
      ...(status.state === "done" ? {} : { fix: STEP_FIX[step.id] }),
    };
  });
}

const FIX_UNREACHABLE_FROM_CREATIO =
  "Creatio calls the Identity Service from its own server, not from your browser. On the Creatio server, open " +
  "the URL saved in OAuth20IdentityServerUrl followed by /.well-known/openid-configuration: check the DNS name, " +
  "the firewall, and that the URL does not say localhost unless the Identity Service runs on the Creatio server " +
  "itself. With HTTPS, the Creatio server must trust the Identity Service's certificate. If the site answers " +
  'HTTP 500.30, it cannot start: check its certificate path and key type, and turn on "Load User Profile" in its ' +
  "IIS application pool.";

const FIX_TOKEN =
  "Compare OAuth20IdentityServerClientId and OAuth20IdentityServerClientSecret with the Clients value of the " +
  "Identity Service's appsettings.json and save them again on step 3. The service copied Clients into its " +
  "database at first start and ignores later edits of appsettings.json: to change them, delete the rows in " +
  "Clients, ClientScopes, ClientSecrets and ClientClaims in its database and restart the site.";

/** Creatio's own view, from its OAuth health check (GET /api/OAuthHealthCheck). */
export function healthChecks(read: Read<HealthCheckResult>, calls: CallRecord[] = []): CheckResult[] {
  const title = "Creatio's OAuth health check";
  if (!read.ok) return [checkFromError("health", title, read.error)];
  const h = read.value;
  if (!h.available) {
    const sentence =
      h.reason === "absent"
        ? "Health check not available on this version: wizard's own checks used. It arrives in Creatio 8.1.2 (on .NET hosting in 8.3.2)."
        : h.reason === "unauthorized" || h.reason === "login-redirect"
          ? "Health check not available: Creatio asked for a sign-in to answer it, so the wizard's own checks are used."
          : "Health check not available: Creatio answered with something other than the health check's JSON, so the wizard's own checks are used.";
    return [{ id: "health", title, verdict: "info", sentence, calls }];
  }
  const checks: CheckResult[] = [];
  const creatioMessage = h.message ?? undefined;
  checks.push(
    h.isSystemSettingsFilledIn === false
      ? {
          id: "health-settings",
          title: "System settings filled in (Creatio's view)",
          verdict: "failed",
          sentence: "Creatio says one or more of the three system settings are empty.",
          fix: "Fill them out on step 3 and save.",
          ...(creatioMessage ? { creatioMessage } : {}),
          calls,
        }
      : verdictCheck(
          "health-settings",
          "System settings filled in (Creatio's view)",
          h.isSystemSettingsFilledIn,
          {
            passed: "Creatio says all three system settings are filled in.",
            calls,
          },
        ),
  );
  if (h.isSystemSettingsFilledIn !== false) {
    checks.push(
      h.isIdentityServiceAvailable === false
        ? {
            id: "health-reachable",
            title: "Identity Service reachable from Creatio",
            verdict: "failed",
            sentence:
              "Creatio's server cannot reach the Identity Service at the URL in OAuth20IdentityServerUrl.",
            fix: FIX_UNREACHABLE_FROM_CREATIO,
            ...(creatioMessage ? { creatioMessage } : {}),
            calls,
          }
        : verdictCheck(
            "health-reachable",
            "Identity Service reachable from Creatio",
            h.isIdentityServiceAvailable,
            {
              passed: "Creatio's server reaches the Identity Service.",
              calls,
            },
          ),
    );
  }
  if (h.isSystemSettingsFilledIn !== false && h.isIdentityServiceAvailable !== false) {
    checks.push(
      h.isAccessTokenRetrievableForSystemActions === false
        ? {
            id: "health-token",
            title: "Token for system actions (Creatio's view)",
            verdict: "failed",
            sentence:
              "The Identity Service gives Creatio no token with the client ID and secret saved in Creatio.",
            fix: FIX_TOKEN,
            ...(creatioMessage ? { creatioMessage } : {}),
            calls,
          }
        : verdictCheck(
            "health-token",
            "Token for system actions (Creatio's view)",
            h.isAccessTokenRetrievableForSystemActions,
            {
              passed: "Creatio gets a token from the Identity Service with the saved client ID and secret.",
              calls,
            },
          ),
    );
  }
  if (h.isDefaultResourceRegistered !== null) {
    checks.push(
      h.isDefaultResourceRegistered
        ? {
            id: "health-resource",
            title: "Default resource registered (Creatio's view)",
            verdict: "passed",
            sentence: "Creatio says its default resource is registered.",
            calls,
          }
        : {
            id: "health-resource",
            title: "Default resource registered (Creatio's view)",
            verdict: "not-done",
            sentence: "Creatio says no default resource is registered.",
            fix: 'Open step 4 and press "Create default resource".',
            calls,
          },
    );
  }
  return checks;
}

function verdictCheck(
  id: string,
  title: string,
  value: boolean | null,
  text: { passed: string; calls: CallRecord[] },
): CheckResult {
  if (value === true) return { id, title, verdict: "passed", sentence: text.passed, calls: text.calls };
  return {
    id,
    title,
    verdict: "unknown",
    sentence: "Creatio's health check did not say.",
    calls: text.calls,
  };
}

/** Both views side by side: the wizard host reaches the Identity Service, but Creatio's server does not. */
export function viewsDisagree(
  hostReaches: boolean,
  health: Read<HealthCheckResult>,
  identityUrl: string,
): CheckResult | null {
  if (!hostReaches || !health.ok || !health.value.available) return null;
  if (health.value.isIdentityServiceAvailable !== false) return null;
  return {
    id: "views-disagree",
    title: "The wizard host and Creatio disagree",
    verdict: "warning",
    sentence: `The wizard's server reaches ${identityUrl}, but Creatio's server does not.`,
    fix: FIX_UNREACHABLE_FROM_CREATIO,
  };
}
