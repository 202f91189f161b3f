// What the `check` and `apply` subcommands print, and where. Results go to stdout (the diagnosis, the plan,
// what changed, --json); progress goes to stderr, as a spinner on a terminal and one plain line per step
// otherwise, so that `> file` or `| jq` gets the results only. Colours follow picocolors: off with NO_COLOR,
// when stdout is not a terminal, or with TERM=dumb.
import { spinner } from "@clack/prompts";
import pc from "picocolors";

export type Colors = Pick<typeof pc, "bold" | "dim" | "red" | "green" | "yellow" | "cyan">;

export interface Step {
  /** The step ended well; `message` replaces the one it started with. */
  done(message?: string): void;
  fail(message?: string): void;
}

export interface Io {
  /** One line of results on stdout. */
  out(line?: string): void;
  /** A message for the person at the terminal (stderr), shown even with --quiet. */
  err(line: string): void;
  /** Progress of one step (stderr): nothing with --quiet. */
  step(message: string): Step;
  readonly color: Colors;
  readonly quiet: boolean;
}

export interface IoOptions {
  quiet?: boolean;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  /** Default: picocolors' own decision (NO_COLOR, FORCE_COLOR, a terminal on stdout). */
  colors?: boolean;
}

const SILENT_STEP: Step = { done: () => undefined, fail: () => undefined };

export function createIo(options: IoOptions = {}): Io {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const color = pc.createColors(options.colors ?? pc.isColorSupported);
  const quiet = options.quiet === true;
  // A spinner redraws its line: only on a terminal, never on CI logs, never with NO_COLOR-style plain output.
  const animate = !quiet && stderr.isTTY === true && process.env.CI !== "true" && process.env.TERM !== "dumb";

  const step = (message: string): Step => {
    if (quiet) return SILENT_STEP;
    if (animate) {
      const s = spinner({ output: stderr, indicator: "timer" });
      s.start(message);
      return { done: (m) => s.stop(m ?? message), fail: (m) => s.error(m ?? message) };
    }
    stderr.write(`${message}\n`);
    return SILENT_STEP;
  };

  return {
    out: (line = "") => void stdout.write(`${line}\n`),
    err: (line) => void stderr.write(`${line}\n`),
    step,
    color,
    quiet,
  };
}
