import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { TlsTrust } from "@/lib/creatio/types";
import { isWizardError, type UserFacingError } from "@/lib/errors";
import { renderReport } from "./report";
import { runDiagnostics, withProof } from "./run";
import type { CheckGroup, DiagnosticsRun } from "./types";

// Configuration of `GET /api/status` (automated monitoring), read from the environment at each request so
// that a changed secret file counts without a restart, and the bearer-token check. Nothing here is logged.

export const MONITOR_ENV = {
  creatioUrl: "WIZARD_MONITOR_CREATIO_URL",
  userName: "WIZARD_MONITOR_USER",
  password: "WIZARD_MONITOR_PASSWORD",
  passwordFile: "WIZARD_MONITOR_PASSWORD_FILE",
  clientSecret: "WIZARD_MONITOR_CLIENT_SECRET",
  token: "WIZARD_MONITOR_TOKEN",
} as const;

/** A shorter bearer token is refused: monitoring tokens are machine-made, and this one opens a Creatio login. */
export const MONITOR_TOKEN_MIN_LENGTH = 16;

export interface MonitorConfig {
  creatioUrl: string;
  userName: string;
  password: string;
  /** The Identity Service client secret, for the wizard host's token check (optional). */
  clientSecret: string | null;
}

export type Env = Record<string, string | undefined>;

export type TokenSetting = { ok: true; token: string } | { ok: false; message: string };

const set = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

/** The bearer token monitors must send, or why the endpoint is switched off. */
export function monitorToken(env: Env): TokenSetting {
  const token = env[MONITOR_ENV.token];
  if (!set(token)) {
    return {
      ok: false,
      message: `The monitoring endpoint is not configured: set ${MONITOR_ENV.token} (at least ${MONITOR_TOKEN_MIN_LENGTH} characters) and the ${MONITOR_ENV.creatioUrl}, ${MONITOR_ENV.userName} and ${MONITOR_ENV.password} (or ${MONITOR_ENV.passwordFile}) variables, then restart the wizard.`,
    };
  }
  if (token.trim().length < MONITOR_TOKEN_MIN_LENGTH) {
    return {
      ok: false,
      message: `${MONITOR_ENV.token} is shorter than ${MONITOR_TOKEN_MIN_LENGTH} characters: the monitoring endpoint stays off until it is longer.`,
    };
  }
  return { ok: true, token: token.trim() };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/**
 * Whether an `Authorization` header carries this bearer token. Compares SHA-256 digests with
 * timingSafeEqual: equal lengths whatever was sent, so the time taken tells nothing about the token.
 */
export function bearerMatches(authorization: string | null, token: string): boolean {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
  const sent = match?.[1] ?? "";
  const equal = timingSafeEqual(digest(sent), digest(token));
  return equal && sent !== "";
}

export type MonitorConfigResult = { ok: true; config: MonitorConfig } | { ok: false; message: string };

/** The monitored Creatio and how to sign in to it, or which variables are missing (names only, no value). */
export async function readMonitorConfig(env: Env): Promise<MonitorConfigResult> {
  const missing: string[] = [];
  const creatioUrl = env[MONITOR_ENV.creatioUrl];
  const userName = env[MONITOR_ENV.userName];
  if (!set(creatioUrl)) missing.push(MONITOR_ENV.creatioUrl);
  if (!set(userName)) missing.push(MONITOR_ENV.userName);

  let password: string | null = null;
  const direct = env[MONITOR_ENV.password];
  const file = env[MONITOR_ENV.passwordFile];
  if (direct !== undefined && direct !== "") {
    password = direct;
  } else if (set(file)) {
    try {
      // A file written by `echo` ends with a line break that is not part of the password.
      password = (await readFile(file.trim(), "utf8")).replace(/\r?\n$/, "");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? "an error";
      return {
        ok: false,
        message: `The monitoring endpoint cannot read the password file named in ${MONITOR_ENV.passwordFile} (${code}). Check the path and that the wizard's user may read it.`,
      };
    }
    if (password === "") {
      return {
        ok: false,
        message: `The password file named in ${MONITOR_ENV.passwordFile} is empty.`,
      };
    }
  } else {
    missing.push(`${MONITOR_ENV.password} or ${MONITOR_ENV.passwordFile}`);
  }

  if (missing.length > 0 || !set(creatioUrl) || !set(userName) || password === null) {
    return {
      ok: false,
      message: `The monitoring endpoint is not configured: set ${missing.join(", ")}, then restart the wizard.`,
    };
  }
  const clientSecret = env[MONITOR_ENV.clientSecret];
  return {
    ok: true,
    config: {
      creatioUrl: creatioUrl.trim(),
      userName: userName.trim(),
      password,
      clientSecret: clientSecret !== undefined && clientSecret !== "" ? clientSecret : null,
    },
  };
}

// Running the checks for a monitor -------------------------------------------------------------------------

export interface MonitorOutcome {
  /** 200 healthy, 503 not. */
  status: 200 | 503;
  /** The JSON report (secrets redacted), or a JSON message when the checks could not start. */
  body: string;
}

export interface MonitorOptions {
  /**
   * `?prove=1`: the end-to-end proof (step 5) after the read-only run. It writes to Creatio (a temporary
   * app, deleted again), so it runs only when asked. Given by the caller (lib/wizard's proveForMonitor):
   * the diagnostics sit below the wizard. Its group joins the report; a failed proof makes it a 503.
   */
  prove?: (run: DiagnosticsRun) => Promise<CheckGroup>;
}

let running: { key: string; promise: Promise<MonitorOutcome> } | null = null;

/**
 * The full diagnostics run for the configured Creatio, as the JSON report. Requests that arrive while a run
 * is going share it: several monitors polling at once sign in to Creatio once, not once each (and prove
 * once: one temporary app). A request with the proof never shares a run without it, nor the other way.
 */
export function runMonitor(config: MonitorConfig, options: MonitorOptions = {}): Promise<MonitorOutcome> {
  const key = digest(JSON.stringify({ config, prove: Boolean(options.prove) })).toString("hex");
  if (running?.key === key) return running.promise;
  const promise = monitorOnce(config, options).finally(() => {
    if (running?.promise === promise) running = null;
  });
  running = { key, promise };
  return promise;
}

/** One Creatio checked with a password: the monitoring endpoint's and the command line's `check` input. */
export interface InstanceCheckInput extends MonitorConfig {
  /** The Identity Service to test from the wizard's host; each value falls back to Creatio's settings. */
  identity?: { url?: string | null; clientId?: string | null; trust?: TlsTrust };
  creatioTrust?: TlsTrust;
}

export type InstanceCheck = { ok: true; run: DiagnosticsRun } | { ok: false; error: UserFacingError };

/**
 * The status checks for one Creatio, signing in (and out again) with its password: read calls only.
 * `ok: false` when the run could not start (an unusable address); every other failure is a check.
 */
export async function checkInstance(input: InstanceCheckInput): Promise<InstanceCheck> {
  try {
    const run = await runDiagnostics({
      creatioUrl: input.creatioUrl,
      credentials: { userName: input.userName, password: input.password },
      identity: { ...input.identity, clientSecret: input.clientSecret },
      creatioTrust: input.creatioTrust,
    });
    return { ok: true, run };
  } catch (e) {
    // Only an unusable address stops a run before it starts (runDiagnostics says so).
    if (!isWizardError(e)) throw e;
    return { ok: false, error: e.toUserFacing() };
  }
}

async function monitorOnce(config: MonitorConfig, options: MonitorOptions): Promise<MonitorOutcome> {
  const checked = await checkInstance(config);
  if (!checked.ok) {
    const { error } = checked;
    const body = { healthy: false, message: `${MONITOR_ENV.creatioUrl}: ${error.message}`, fix: error.fix };
    return { status: 503, body: JSON.stringify(body, null, 2) };
  }
  const run = options.prove ? withProof(checked.run, await options.prove(checked.run)) : checked.run;
  const report = renderReport(run, "json", { secrets: [config.password, config.clientSecret] });
  return { status: run.healthy ? 200 : 503, body: report.body };
}
