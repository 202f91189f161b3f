// `check`: the status page's checks, read-only, for one Creatio (the page as text, or the report's JSON) or
// for many (`--targets`: in parallel up to --concurrency, a table, every report with --json).
import { performance } from "node:perf_hooks";
import pLimit from "p-limit";
import type { TlsTrust } from "@/lib/creatio/types";
import { RUNTIME_LABELS } from "@/lib/diagnostics/layers";
import type { CheckGroupId } from "@/lib/diagnostics/types";
import { verdictLine } from "@/lib/report/summary";
import { CliError, EXIT, type ExitCode } from "./errors";
import type { Io } from "./io";
import { clean, quietLines, signInLines, statusLines, table } from "./render";
import { readClientSecretFile, readPassword } from "./secrets";
import { type InstanceStatus, instanceStatus, signInFailure } from "./status";
import type { Target } from "./targets";

export interface CheckInput {
  creatioUrl: string;
  userName: string;
  password: string;
  identityUrl?: string;
  clientId?: string;
  clientSecret?: string | null;
  creatioTrust?: TlsTrust;
  identityTrust?: TlsTrust;
  json: boolean;
}

/** One Creatio: the status page as text (or --quiet: the verdict and the first fix), or the report's JSON. */
export async function runCheck(input: CheckInput, io: Io): Promise<ExitCode> {
  const step = io.step(`Checking ${input.creatioUrl} as ${input.userName} (read-only)…`);
  const status = await instanceStatus({
    creatioUrl: input.creatioUrl,
    userName: input.userName,
    password: input.password,
    identityUrl: input.identityUrl,
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    creatioTrust: input.creatioTrust,
    identityTrust: input.identityTrust,
  });
  if (!status.ok) {
    step.fail("The checks could not run.");
    throw new CliError(status.error.message, status.error.fix);
  }
  if (status.exitCode === EXIT.ok) step.done(`Checked in ${status.run.ms} ms: healthy.`);
  else step.fail(`Checked in ${status.run.ms} ms: not healthy.`);
  if (input.json) {
    io.out(status.json);
    return status.exitCode;
  }
  const failure = signInFailure(status.run);
  if (failure) {
    for (const line of signInLines(failure, io.color)) io.out(line);
    return status.exitCode;
  }
  const lines = io.quiet ? quietLines(status, io.color) : statusLines(status, io.color, RUNTIME_LABELS);
  for (const line of lines) io.out(line);
  return status.exitCode;
}

// Many instances ----------------------------------------------------------------------------------------

export interface TargetResult {
  name: string;
  creatio: string;
  verdict: "healthy" | "failed" | "not finished" | "not started" | "could not run";
  exitCode: ExitCode;
  /** The first failing check, the first step left, or why the checks could not run. */
  first: string;
  ms: number;
  status: InstanceStatus | null;
  /** Why it could not run (no password, an unusable address, sign-in refused). */
  error: { message: string; fix: string } | null;
}

const VERDICTS = {
  healthy: "healthy",
  unhealthy: "failed",
  unfinished: "not finished",
  "not-started": "not started",
} as const;

/** Where a check looked from, in a few words (the table's column is narrow). */
const GROUP_NAMES: Record<CheckGroupId, string> = {
  creatio: "Creatio",
  setup: "Setup",
  "identity-from-wizard": "Identity Service from here",
  "identity-from-creatio": "Identity Service from Creatio",
  proof: "End-to-end proof",
};

function clip(text: string, max = 72): string {
  const flat = clean(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

async function checkTarget(
  target: Target,
  env: Record<string, string | undefined>,
  secretOf: (target: Target) => Promise<string | null>,
): Promise<TargetResult> {
  const started = performance.now();
  const base = { name: target.name, creatio: target.creatio };
  const ms = () => Math.round(performance.now() - started);
  const couldNotRun = (error: { message: string; fix: string }): TargetResult => ({
    ...base,
    verdict: "could not run",
    exitCode: EXIT.couldNotRun,
    first: clip(error.message),
    ms: ms(),
    status: null,
    error,
  });
  let password: string;
  let clientSecret: string | null;
  try {
    if (target.passwordEnv) {
      const value = env[target.passwordEnv];
      if (value === undefined || value === "") {
        return couldNotRun({
          message: `The environment variable ${target.passwordEnv} (the password of ${target.name}) is not set.`,
          fix: `Set ${target.passwordEnv} before running the checks.`,
        });
      }
      password = value;
    } else {
      password = await readPassword(target.user, { passwordFile: target.passwordFile, interactive: false });
    }
    clientSecret = await secretOf(target);
  } catch (e) {
    if (e instanceof CliError) return couldNotRun({ message: e.message, fix: e.fix });
    throw e;
  }
  const status = await instanceStatus({
    creatioUrl: target.creatio,
    userName: target.user,
    password,
    identityUrl: target.isUrl,
    clientId: target.clientId,
    clientSecret,
  });
  if (!status.ok) return couldNotRun({ message: status.error.message, fix: status.error.fix });
  const failure = signInFailure(status.run);
  if (failure) return { ...couldNotRun(failure), status };
  const { overall } = status;
  const firstStep = [...overall.unfinished, ...overall.failedSteps, ...overall.unknownSteps].sort(
    (a, b) => a.number - b.number,
  )[0];
  const failed = overall.failedChecks[0];
  const group = failed ? status.run.groups.find((g) => g.checks.includes(failed)) : undefined;
  const first =
    (failed ? `${group ? `${GROUP_NAMES[group.id]}: ` : ""}${failed.title}` : null) ??
    (firstStep
      ? `Step ${firstStep.number}, ${firstStep.title}: ${firstStep.state === "not-done" ? "not done" : firstStep.state}`
      : "-");
  return {
    ...base,
    verdict: VERDICTS[overall.kind],
    exitCode: status.exitCode,
    first: clip(first),
    ms: ms(),
    status,
    error: null,
  };
}

export interface TargetsInput {
  targets: Target[];
  concurrency: number;
  json: boolean;
  env?: Record<string, string | undefined>;
}

/** Every instance checked, at most `concurrency` at a time; exit 1 when any is not healthy. */
export async function runTargets(input: TargetsInput, io: Io): Promise<ExitCode> {
  const env = input.env ?? process.env;
  const limit = pLimit(input.concurrency);
  const total = input.targets.length;
  let finished = 0;
  const progress = io.step(`Checking ${total} instances, ${input.concurrency} at a time (read-only)…`);
  const secretOf = async (target: Target) =>
    target.clientSecretFile ? await readClientSecretFile(target.clientSecretFile) : null;
  const results = await Promise.all(
    input.targets.map((target) =>
      limit(async () => {
        const result = await checkTarget(target, env, secretOf);
        finished++;
        if (!io.quiet && !input.json) {
          io.err(`[${finished}/${total}] ${result.name}: ${result.verdict} (${result.ms} ms)`);
        }
        return result;
      }),
    ),
  );
  const allHealthy = results.every((r) => r.exitCode === EXIT.ok);
  if (allHealthy) progress.done(`All ${total} instances are healthy.`);
  else
    progress.fail(
      `${results.filter((r) => r.exitCode !== EXIT.ok).length} of ${total} instances are not healthy.`,
    );

  if (input.json) {
    const out = results.map((r) => ({
      name: r.name,
      creatio: r.creatio,
      verdict: r.verdict,
      exitCode: r.exitCode,
      ms: r.ms,
      ...(r.error ? { error: r.error } : {}),
      report: r.status?.ok ? (JSON.parse(r.status.json) as unknown) : null,
    }));
    io.out(JSON.stringify(out, null, 2));
    return allHealthy ? EXIT.ok : EXIT.failed;
  }

  const { color } = io;
  const rows = results.map((r) => [r.name, r.verdict, r.first, String(r.ms)]);
  for (const line of table(["Instance", "Verdict", "First failing check", "ms"], rows)) io.out(line);
  if (!io.quiet) {
    for (const r of results) {
      if (r.exitCode === EXIT.ok) continue;
      io.out("");
      io.out(`${color.bold(r.name)} (${clean(r.creatio)})`);
      if (r.error) {
        io.out(`  ${clean(r.error.message)}`);
        io.out(`  ${color.bold("Fix:")} ${clean(r.error.fix)}`);
      } else if (r.status?.ok) {
        io.out(`  ${clean(verdictLine(r.status.overall))}`);
        if (r.status.overall.firstFix) io.out(`  ${color.bold("Fix:")} ${clean(r.status.overall.firstFix)}`);
      }
    }
  }
  return allHealthy ? EXIT.ok : EXIT.failed;
}
