// The `check` and `apply` subcommands: their options, help and examples (commander), where their secrets
// come from (./secrets), and their exit codes: 0 healthy / all done, 1 a check or step failed, 2 the tool
// could not run. Logs go to stderr (errors only unless LOG_LEVEL says otherwise): stdout carries the
// results, and every failed call is already a check with its message and fix.
import { type Command, type CommanderError, InvalidArgumentError, Option } from "commander";
import { logToStderr } from "@/lib/log";
import { type ApplyInput, runApply } from "./apply";
import { runCheck, runTargets } from "./check";
import { CliError, EXIT, type ExitCode } from "./errors";
import { createIo, type Io } from "./io";
import { PASSWORD_ENV, readCaFile, readClientSecret, readPassword } from "./secrets";
import { readTargets } from "./targets";

const BIN = "creatio-identity-wizard";
export const DEFAULT_CONCURRENCY = 4;
const MAX_CONCURRENCY = 32;

function concurrencyArgument(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_CONCURRENCY) {
    throw new InvalidArgumentError(`a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  return n;
}

interface ConnectionOptions {
  creatio?: string;
  user?: string;
  passwordFile?: string;
  isUrl?: string;
  clientId?: string;
  clientSecretFile?: string;
  fromAppsettings?: string;
  creatioCa?: string;
  isCa?: string;
  quiet?: boolean;
}

interface CheckOptions extends ConnectionOptions {
  targets?: string;
  concurrency: number;
  json?: boolean;
}

interface ApplyOptions extends ConnectionOptions {
  dryRun?: boolean;
  prove?: boolean;
  identityCheck: boolean;
}

const SECRETS_HELP = `
Secrets are never arguments (anyone on this machine can read a command's arguments):
  Creatio password  ${PASSWORD_ENV}, --password-file <file>, or a hidden prompt on a terminal
  client secret     --client-secret-file <file>, --from-appsettings <appsettings.json>, or standard input

Exit codes: 0 healthy (check) or all steps done (apply); 1 a check or a step failed; 2 could not run
(bad arguments, a missing password or file, Creatio refused the sign-in).
Colours are off with NO_COLOR=1 or when the output is not a terminal. Logs go to standard error, errors
only (LOG_LEVEL=info for one line per call to Creatio or the Identity Service).`;

const CHECK_EXAMPLES = `
Examples:
  # One Creatio: the status page as text (only read calls; nothing changes in Creatio)
  CREATIO_PASSWORD=... ${BIN} check --creatio https://creatio.example.com --user Supervisor

  # The report's JSON, e.g. for a nightly job; exit code 1 when a check failed
  ${BIN} check --creatio https://creatio.example.com --user Supervisor --password-file ~/.creatio-pw --json > report.json

  # Also test the client secret from this host (else the wizard's token check does not run)
  ${BIN} check --creatio https://creatio.example.com --user Supervisor --from-appsettings ./appsettings.json

  # Many instances, 8 at a time: a table (instance, verdict, first failing check, ms)
  ${BIN} check --targets instances.json --concurrency 8

instances.json (passwords stay in environment variables or files, never in the list):
  [
    { "name": "dev",  "creatio": "https://dev.example.com",  "user": "Supervisor", "passwordEnv": "DEV_PW" },
    { "name": "prod", "creatio": "https://prod.example.com", "user": "Supervisor", "passwordFile": "prod.pw" }
  ]
Optional per entry: "isUrl", "clientId", "clientSecretFile". Relative paths are relative to the list.
${SECRETS_HELP}`;

const APPLY_EXAMPLES = `
Examples:
  # See what would change (reads only)
  CREATIO_PASSWORD=... ${BIN} apply --creatio https://creatio.example.com --user Supervisor \\
    --is-url https://ids.example.com --client-id IdServiceUser --dry-run

  # Do the four steps; the client id and secret from the Identity Service's appsettings.json
  ${BIN} apply --creatio https://creatio.example.com --user Supervisor --password-file ~/.creatio-pw \\
    --is-url https://ids.example.com --from-appsettings /srv/identity/appsettings.json

  # The secret on standard input, then prove it end to end (a temporary app, created and deleted)
  vault read -field=secret kv/ids | ${BIN} apply --creatio https://creatio.example.com --user Supervisor \\
    --password-file ~/.creatio-pw --is-url https://ids.example.com --client-id IdServiceUser --prove

Running apply again changes nothing and says so. Before any write, the Identity Service is asked for a
token with the client id and secret from this host (--no-identity-check skips that when only Creatio's
server can reach it).
${SECRETS_HELP}`;

function addConnectionOptions(cmd: Command, required: boolean): Command {
  const creatio = new Option("--creatio <url>", "Creatio's address, as it opens in a browser");
  const user = new Option("--user <name>", "Creatio user who may change system settings (an administrator)");
  if (required) {
    creatio.makeOptionMandatory();
    user.makeOptionMandatory();
  }
  return cmd
    .addOption(creatio)
    .addOption(user)
    .option(
      "--password-file <file>",
      `file holding the password (else ${PASSWORD_ENV}, else a hidden prompt)`,
    );
}

function addIdentityOptions(cmd: Command, isUrlHelp: string): Command {
  return cmd
    .option("--is-url <url>", isUrlHelp)
    .option("--client-id <id>", "the Identity Service client Creatio uses (e.g. IdServiceUser)")
    .option("--client-secret-file <file>", "file holding the client secret")
    .option(
      "--from-appsettings <file>",
      "the Identity Service's appsettings.json: client id and secret from it",
    )
    .option(
      "--creatio-ca <file>",
      "CA certificate (PEM) that issued Creatio's certificate, if not a public one",
    )
    .option("--is-ca <file>", "CA certificate (PEM) that issued the Identity Service's certificate");
}

/** Runs a subcommand: prints a refusal without a stack trace, flushes stdout, exits with its code. */
async function run(io: Io, json: boolean, body: () => Promise<ExitCode>): Promise<void> {
  let code: ExitCode;
  try {
    code = await body();
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`${io.color.red("Could not run:")} ${e.message}`);
      io.err(`${io.color.bold("Fix:")} ${e.fix}`);
      if (json) io.out(JSON.stringify({ healthy: false, message: e.message, fix: e.fix }, null, 2));
      code = e.exitCode;
    } else {
      const name = e instanceof Error ? e.name : typeof e;
      io.err(`${io.color.red("The command stopped because of an internal error")} (${name}).`);
      io.err("Run it again; if it happens again, report it with the command you ran (without secrets).");
      if (process.env.WIZARD_DEBUG === "1" && e instanceof Error && e.stack) io.err(e.stack);
      code = EXIT.couldNotRun;
    }
  }
  // Let what was written reach a pipe before exiting (open keep-alive sockets would hold the process).
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  process.exit(code);
}

async function trustFrom(file: string | undefined, option: string) {
  return file ? { caPem: await readCaFile(file, option) } : undefined;
}

export function addCommands(program: Command): void {
  // Bad arguments exit 2 (help and version 0), not commander's 1.
  const exitOverride = (err: CommanderError) => {
    process.exit(err.exitCode === 0 ? 0 : EXIT.couldNotRun);
  };

  const check = program
    .command("check")
    .summary("run the status page's checks on one Creatio or many (read-only)")
    .description(
      "Run the status page's checks: Creatio from this host (DNS down to rights), the setup stored in Creatio, and the Identity Service from both sides. Prints the verdict, the diagnosis and every check with its fix. Only read calls; nothing changes in Creatio.",
    );
  addConnectionOptions(check, false);
  addIdentityOptions(check, "Identity Service to test from this host (default: the one Creatio holds)")
    .option("--targets <file>", "check every instance listed in a JSON file (instead of --creatio/--user)")
    .option(
      "--concurrency <n>",
      `with --targets: how many instances at a time (1-${MAX_CONCURRENCY})`,
      concurrencyArgument,
      DEFAULT_CONCURRENCY,
    )
    .option("--json", "print the report's JSON (with --targets: a list of every instance's report)")
    .option("-q, --quiet", "no progress; only the verdict and the first fix (with --targets: the table)")
    .addHelpText("after", CHECK_EXAMPLES)
    .exitOverride(exitOverride)
    .action(async (opts: CheckOptions) => {
      logToStderr("error");
      const io = createIo({ quiet: opts.quiet });
      await run(io, opts.json === true, async () => {
        if (opts.targets) {
          if (opts.creatio || opts.user) {
            throw new CliError(
              "--targets checks the instances of its list; --creatio and --user name one instance.",
              "Give either --targets <file> or --creatio <url> --user <name>.",
            );
          }
          const targets = await readTargets(opts.targets);
          return runTargets({ targets, concurrency: opts.concurrency, json: opts.json === true }, io);
        }
        if (!opts.creatio || !opts.user) {
          throw new CliError(
            "check needs --creatio <url> and --user <name> (or --targets <file>).",
            `Run \`${BIN} check --help\` for examples.`,
          );
        }
        const password = await readPassword(opts.user, { passwordFile: opts.passwordFile });
        const credentials = await readClientSecret(
          {
            clientSecretFile: opts.clientSecretFile,
            fromAppsettings: opts.fromAppsettings,
            clientId: opts.clientId,
          },
          { stdin: false },
        );
        return runCheck(
          {
            creatioUrl: opts.creatio,
            userName: opts.user,
            password,
            identityUrl: opts.isUrl,
            clientId: opts.clientId ?? credentials?.clientId ?? undefined,
            clientSecret: credentials?.clientSecret ?? null,
            creatioTrust: await trustFrom(opts.creatioCa, "--creatio-ca"),
            identityTrust: await trustFrom(opts.isCa, "--is-ca"),
            json: opts.json === true,
          },
          io,
        );
      });
    });

  const apply = program
    .command("apply")
    .summary("do the four steps on one Creatio, idempotently (--dry-run: plan only)")
    .description(
      "Do the wizard's four steps in order: enable OAuth20Integration for all employees, review the system settings, fill them in, create the default resource. Reads first; prints before each write what will change and after it what changed; writes nothing that is already so.",
    );
  addConnectionOptions(apply, true);
  addIdentityOptions(apply, "the Identity Service's address, as it opens in a browser")
    .option("--dry-run", "print the plan only; change nothing")
    .option("--prove", "then prove it end to end (step 5: a temporary app is created, used and deleted)")
    .option("--no-identity-check", "do not test the client id and secret from this host before writing")
    .option("-q, --quiet", "no progress lines; the plan and what changed are still printed")
    .addHelpText("after", APPLY_EXAMPLES)
    .exitOverride(exitOverride)
    .action(async (opts: ApplyOptions) => {
      logToStderr("error");
      const io = createIo({ quiet: opts.quiet });
      await run(io, false, async () => {
        if (!opts.isUrl) {
          throw new CliError("apply needs --is-url <url>.", "Give the Identity Service's address.");
        }
        const user = opts.user ?? "";
        const password = await readPassword(user, { passwordFile: opts.passwordFile });
        const credentials = await readClientSecret(
          {
            clientSecretFile: opts.clientSecretFile,
            fromAppsettings: opts.fromAppsettings,
            clientId: opts.clientId,
          },
          // A dry run reads no standard input: the secret is optional then (it only tests the token).
          { stdin: opts.dryRun !== true },
        );
        const clientId = opts.clientId ?? credentials?.clientId ?? null;
        if (!clientId) {
          throw new CliError(
            "apply needs the client id.",
            "Give --client-id <id>, or --from-appsettings <appsettings.json> to take it from the file.",
          );
        }
        const input: ApplyInput = {
          creatioUrl: opts.creatio ?? "",
          userName: user,
          password,
          identityUrl: opts.isUrl,
          clientId,
          clientSecret: credentials?.clientSecret ?? null,
          dryRun: opts.dryRun === true,
          prove: opts.prove === true,
          identityCheck: opts.identityCheck,
          creatioTrust: await trustFrom(opts.creatioCa, "--creatio-ca"),
          identityTrust: await trustFrom(opts.isCa, "--is-ca"),
        };
        return runApply(input, io);
      });
    });
}
