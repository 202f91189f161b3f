// The `creatio-identity-wizard` command (bundled into dist/cli.mjs by scripts/build.mjs). Without a
// subcommand it starts the wizard; `check` and `apply` (lib/cli/commands.ts) script the same checks and
// steps for many instances.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { addCommands } from "./commands";
import { DEFAULT_HOST, DEFAULT_PORT, HOST_ENV, StartError, type StartHooks, startWizard } from "./start";

/** Set by the bundler from package.json. */
declare const __WIZARD_VERSION__: string | undefined;
export const VERSION = typeof __WIZARD_VERSION__ === "string" ? __WIZARD_VERSION__ : "0.0.0-dev";

function portArgument(value: string): string {
  if (!/^\d+$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError("a port number from 0 to 65535");
  return value;
}

export function createProgram(bundleDir: string, hooks: StartHooks = {}): Command {
  const program = new Command("creatio-identity-wizard")
    .description("Setup wizard that connects the Creatio Identity Service to an on-site Creatio.")
    .version(VERSION, "-v, --version", "print the version")
    .helpOption("-h, --help", "show this help")
    .option("-p, --port <port>", `port to listen on (env PORT, default ${DEFAULT_PORT})`, portArgument)
    .option(
      "-H, --host <address>",
      `address to listen on (env ${HOST_ENV}, default ${DEFAULT_HOST}); any other than loopback needs WIZARD_ACCESS_PASSWORD`,
    )
    .addHelpText(
      "after",
      "\nEvery environment variable of the README works too (WIZARD_DEMO, WIZARD_SESSION_SECRET, WIZARD_ACCESS_PASSWORD, LOG_LEVEL, ...).\n" +
        "Without a command it starts the wizard. `check` and `apply` script the same checks and steps: run\n" +
        "`creatio-identity-wizard check --help` or `creatio-identity-wizard apply --help` for examples.",
    )
    .action(async (options: { port?: string; host?: string }) => {
      await startWizard(options, bundleDir, hooks);
    });
  addCommands(program);
  return program;
}

/** Runs the command line; a refusal prints its message (no stack trace) and exits 1. */
export async function run(argv: string[] = process.argv, hooks: StartHooks = {}): Promise<void> {
  const bundleDir = path.dirname(fileURLToPath(import.meta.url));
  try {
    await createProgram(bundleDir, hooks).parseAsync(argv);
  } catch (error) {
    if (error instanceof StartError) {
      console.error(`\n  ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
