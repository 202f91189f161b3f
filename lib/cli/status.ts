// One Creatio's status for the command line: the status page's checks (checkInstance, the same run as the
// monitoring endpoint), each step's state derived from the same reads, and the overall verdict, exactly as
// the status page and the report compute them.
import type { TlsTrust } from "@/lib/creatio/types";
import { checkInstance, type DiagnosticsRun, type ReportStep, renderReport } from "@/lib/diagnostics";
import type { UserFacingError } from "@/lib/errors";
import { assessOverall, type Overall } from "@/lib/report/overall";
import { snapshotFromRun } from "@/lib/wizard/checks";
import { deriveStepStates } from "@/lib/wizard/state";
import { reportSteps } from "@/lib/wizard/status";
import { EXIT, type ExitCode } from "./errors";

export interface InstanceInput {
  creatioUrl: string;
  userName: string;
  password: string;
  /** The Identity Service to test from this host; each falls back to what Creatio holds. */
  identityUrl?: string | null;
  clientId?: string | null;
  clientSecret?: string | null;
  creatioTrust?: TlsTrust;
  identityTrust?: TlsTrust;
}

export type InstanceStatus =
  | {
      ok: true;
      run: DiagnosticsRun;
      steps: ReportStep[];
      overall: Overall;
      exitCode: ExitCode;
      /** The report's JSON (secrets redacted): what --json prints. */
      json: string;
    }
  | { ok: false; error: Pick<UserFacingError, "message" | "fix" | "code">; exitCode: ExitCode };

/** Login failures that mean "cannot sign in" (exit 2), not a check of the connection that failed. */
const SIGN_IN_CODES = new Set([
  "auth:rejected",
  "auth:password-expired",
  "auth:no-license",
  "auth:forbidden",
]);

export function signInFailure(run: DiagnosticsRun): { message: string; fix: string } | null {
  const login = run.groups.find((g) => g.id === "creatio")?.checks.find((c) => c.id === "login");
  if (login?.verdict !== "fail" || !login.code || !SIGN_IN_CODES.has(login.code)) return null;
  return { message: login.message, fix: login.fix ?? "" };
}

export async function instanceStatus(input: InstanceInput): Promise<InstanceStatus> {
  const checked = await checkInstance({
    creatioUrl: input.creatioUrl,
    userName: input.userName,
    password: input.password,
    clientSecret: input.clientSecret ?? null,
    identity: { url: input.identityUrl, clientId: input.clientId, trust: input.identityTrust },
    creatioTrust: input.creatioTrust,
  });
  if (!checked.ok) return { ok: false, error: checked.error, exitCode: EXIT.couldNotRun };
  const { run } = checked;
  // A script has no "Continue" on step 2: reading the settings is the review; whether they are filled is
  // step 3's state.
  const snapshot = snapshotFromRun(run, { settingsReviewed: true, secretSavedByWizard: false });
  const steps = reportSteps(deriveStepStates(snapshot));
  const overall = assessOverall({ steps, groups: run.groups, diagnoses: run.diagnoses });
  const exitCode = signInFailure(run)
    ? EXIT.couldNotRun
    : run.healthy && overall.kind === "healthy"
      ? EXIT.ok
      : EXIT.failed;
  const json = renderReport(run, "json", {
    steps,
    secrets: [input.password, input.clientSecret],
  }).body;
  return { ok: true, run, steps, overall, exitCode, json };
}
