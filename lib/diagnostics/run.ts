import "server-only";
import { normalizeCreatioUrl } from "@/lib/contract/url";
import type { CreatioSessionState, IdentitySettings, TlsTrust } from "@/lib/creatio/types";
import { checkIdentityFromWizard, creatioViewGroup, type IdentityFromWizardInput } from "./identity";
import { type CreatioCheckOutcome, checkCreatio } from "./layers";
import { redactDeep, rememberSecrets, secretsOf } from "./redact";
import { diagnose } from "./rules";
import { type SetupReads, setupNotRead, startSetupReads } from "./setup";
import type { CheckGroup, ConnectionCheck, CreatioState, DiagnosticsRun, PastError } from "./types";

// One complete diagnostics run: Creatio from the wizard's host, the setup stored in Creatio, the Identity
// Service from both vantage points, and the diagnoses. Only read calls reach Creatio; a session opened
// with a password is closed again before this returns.

export interface DiagnosticsInput {
  /** The Creatio address (normalised like the connect page does). */
  creatioUrl: string;
  /** Sign in with these for this run only. */
  credentials?: { userName: string; password: string };
  /** Or use the wizard's existing session (the status page). Takes precedence over credentials. */
  session?: CreatioSessionState;
  creatioTrust?: TlsTrust;
  /**
   * The Identity Service as the wizard knows it (the step 3 form, or env for `/api/status`). Each value
   * falls back to what Creatio holds (OAuth20IdentityServerUrl, ...ClientId); the secret never does,
   * because Creatio does not send it back.
   */
  identity?: {
    url?: string | null;
    clientId?: string | null;
    clientSecret?: string | null;
    trust?: TlsTrust;
  };
  /** Failures met earlier in this session (e.g. `toUserFacing()` of a failed "Create default resource"). */
  history?: PastError[];
  /** Per-call timeout in ms (default: the wizard's call timeout, WIZARD_CREATIO_TIMEOUT_MS or 15 s). */
  timeoutMs?: number;
}

const EMPTY_STATE: CreatioState = { settings: null, feature: null, defaultResources: null, health: null };

/**
 * Healthy when nothing failed on Creatio's side (its layers, its setup, its view of the Identity Service).
 * The wizard's own view of the Identity Service counts only when Creatio's health check gave no verdict
 * on the token: then it is the only evidence there is.
 */
export function isHealthy(groups: readonly CheckGroup[]): boolean {
  const byId = new Map(groups.map((g) => [g.id, g]));
  if (
    ["creatio", "setup", "identity-from-creatio", "proof"].some(
      (id) => byId.get(id as CheckGroup["id"])?.verdict === "fail",
    )
  ) {
    return false;
  }
  const creatioToken = byId.get("identity-from-creatio")?.checks.find((c) => c.id === "token");
  const creatioJudged = creatioToken?.verdict === "pass" || creatioToken?.verdict === "fail";
  return creatioJudged || byId.get("identity-from-wizard")?.verdict !== "fail";
}

/**
 * The run with the end-to-end proof's group (step 5, run apart because it writes to Creatio) in place of
 * any earlier one: a failed proof makes the run unhealthy. Keeps the run's remembered secrets, so that
 * its report still redacts them.
 */
export function withProof(run: DiagnosticsRun, proof: CheckGroup): DiagnosticsRun {
  const groups = [...run.groups.filter((g) => g.id !== "proof"), proof];
  const next: DiagnosticsRun = { ...run, groups, healthy: isHealthy(groups) };
  rememberSecrets(next, secretsOf(run));
  return next;
}

/** Runs every check and rule. Throws only WizardError `input:invalid-url` for an unusable Creatio address. */
export async function runDiagnostics(input: DiagnosticsInput): Promise<DiagnosticsRun> {
  const startedAt = new Date();
  const started = performance.now();
  // The wizard's view of the Identity Service takes from Creatio's settings only what the input leaves out.
  const identityInput = (settings: IdentitySettings | null): IdentityFromWizardInput => ({
    url: input.identity?.url?.trim() || settings?.url || null,
    clientId: input.identity?.clientId?.trim() || settings?.clientId || null,
    clientSecret: input.identity?.clientSecret || null,
    trust: input.identity?.trust,
    timeoutMs: input.timeoutMs,
  });
  const checkIdentity = async (wanted: IdentityFromWizardInput) => ({
    wanted,
    group: await checkIdentityFromWizard(wanted),
  });
  // Work started beside the Creatio layers: the setup reads as soon as the session's calls can start, the
  // Identity Service as soon as its address is known (at once when the input names it and the client id,
  // else once the identity settings are read, without waiting for the slower reads).
  const early: { reads?: SetupReads; identity?: ReturnType<typeof checkIdentity> } = {};
  const settle = () => Promise.allSettled([early.reads?.reading, early.identity]);
  const startIdentity = (wanted: Promise<IdentityFromWizardInput>) => {
    early.identity = wanted.then(checkIdentity);
    // Awaited below; a rejection (a bug) must not count as unhandled while the layers still run.
    early.identity.catch(() => undefined);
  };
  if (input.identity?.url?.trim() && input.identity.clientId?.trim()) {
    // An unusable Creatio address throws before anything starts, as checkCreatio would.
    normalizeCreatioUrl(input.session?.baseUrl ?? input.creatioUrl);
    startIdentity(Promise.resolve(identityInput(null)));
  }
  let creatio: CreatioCheckOutcome;
  try {
    creatio = await checkCreatio({
      url: input.creatioUrl,
      credentials: input.session ? undefined : input.credentials,
      session: input.session,
      trust: input.creatioTrust,
      timeoutMs: input.timeoutMs,
      onConnection: (conn) => {
        const reads = startSetupReads(conn);
        reads.reading.catch(() => undefined); // as above
        early.reads = reads;
        if (!early.identity) startIdentity(reads.settings.then(identityInput));
      },
    });
  } catch (e) {
    await settle();
    throw e;
  }
  try {
    let state = EMPTY_STATE;
    let setup: CheckGroup;
    let creatioView: CheckGroup;
    const context = { version: creatio.version, runtime: creatio.runtime };
    // Reads started ahead count only when the layers found the session usable, as if made after them.
    const reading = early.reads ? await early.reads.reading : null;
    if (creatio.connection) {
      const read = reading ?? (await startSetupReads(creatio.connection).reading);
      state = read.state;
      setup = read.group;
      creatioView = creatioViewGroup(state.health, {
        ...context,
        calls: read.health.calls,
        ms: read.health.ms,
        error: read.health.error,
      });
    } else {
      const reason = "the wizard could not make a signed-in call to Creatio (see the checks above).";
      const notAsked = input.credentials || input.session ? reason : "no user name and password were given.";
      setup = setupNotRead(notAsked);
      creatioView = creatioViewGroup(null, { ...context, notAskedReason: notAsked });
    }

    const wanted = identityInput(state.settings);
    const identityUrl = wanted.url;
    const ahead = early.identity ? await early.identity : null;
    // Started on settings that do not count (the session proved unusable): asked again with what does.
    const identityFromWizard =
      ahead && ahead.wanted.url === wanted.url && ahead.wanted.clientId === wanted.clientId
        ? ahead.group
        : await checkIdentityFromWizard(wanted);

    const groups = [creatio.group, setup, identityFromWizard, creatioView];
    const testedUrl = identityUrl ? identityUrl.replace(/\/+$/, "") : null;
    const base = {
      creatio: {
        url: creatio.baseUrl,
        runtime: creatio.runtime,
        version: creatio.version,
        userName: creatio.userName,
      },
      identityUrl: testedUrl,
      groups,
      state,
    };
    const secrets = [...creatio.secrets(), input.identity?.clientSecret, input.credentials?.password];
    // A server may echo a secret in its own words: the run leaves here already redacted, so that pages
    // can show it as it is; the report redacts again.
    const run = redactDeep<DiagnosticsRun>(
      {
        startedAt: startedAt.toISOString(),
        ms: Math.round(performance.now() - started),
        ...base,
        diagnoses: diagnose({ ...base, history: input.history ?? [] }),
        healthy: isHealthy(groups),
      },
      secrets,
    );
    rememberSecrets(run, secrets);
    return run;
  } finally {
    // Nothing started ahead may outlive the run, nor meet the sign-out of the session it uses.
    await settle();
    await creatio.close();
  }
}

// The connect page's check: the layers alone ---------------------------------------------------------------

export interface ConnectionCheckInput {
  creatioUrl: string;
  /** Sign in with these (and out again) to run the sign-in, CSRF and rights layers too. */
  credentials?: { userName: string; password: string };
  /** Why the sign-in layer does not run without credentials (see CreatioCheckInput). */
  signInSkipped?: string;
  trust?: TlsTrust;
  timeoutMs?: number;
}

/**
 * DNS down to rights for one address, as the connect page shows it. Only read calls; a session opened with
 * the password is closed again. Throws only WizardError `input:invalid-url` for an unusable address.
 */
export async function runConnectionCheck(input: ConnectionCheckInput): Promise<ConnectionCheck> {
  const checkedAt = new Date().toISOString();
  const outcome = await checkCreatio({
    url: input.creatioUrl,
    credentials: input.credentials,
    signInSkipped: input.signInSkipped,
    trust: input.trust,
    timeoutMs: input.timeoutMs,
  });
  await outcome.close();
  const check: ConnectionCheck = {
    checkedAt,
    creatio: {
      url: outcome.baseUrl,
      runtime: outcome.runtime,
      version: outcome.version,
      userName: outcome.userName,
    },
    group: outcome.group,
  };
  // Shown only to the operator who typed the password: a password equal to the user name (the demo's
  // Supervisor/Supervisor) would otherwise hide the user name everywhere.
  const userName = input.credentials?.userName.trim();
  const secrets = [...outcome.secrets(), input.credentials?.password].filter((s) => s !== userName);
  return redactDeep(check, secrets);
}
