// The minimum run lives in a child process (minimum-run.ts): lib/creatio imports `server-only`,
// which only the `react-server` export condition resolves to an empty module outside Next. The
// child stays up and takes one run per line, so runs interleave with the wizard's.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { BENCH_DIR, ROOT } from "./config";
import { BenchError } from "./errors";
import { ERROR_MARKER, type MinimumInput, type MinimumOutput, RESULT_MARKER } from "./minimum-protocol";

export class MinimumWorker {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string | Error) => void)[] = [];
  private stderr = "";

  constructor() {
    this.child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(BENCH_DIR, "minimum-run.ts")],
      { cwd: ROOT, env: { ...process.env, BENCH_MINIMUM_WORKER: "1" } },
    );
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    const lines = createInterface({ input: this.child.stdout });
    lines.on("line", (line) => {
      if (line.startsWith(RESULT_MARKER) || line.startsWith(ERROR_MARKER)) this.waiting.shift()?.(line);
    });
    const gone = (why: string) => {
      const error = new BenchError(
        `The minimum run stopped (${why}). ${this.stderr.trim().split("\n").slice(-5).join("\n")}`,
      );
      for (const resolve of this.waiting.splice(0)) resolve(error);
    };
    this.child.on("error", (e) => gone(e.message));
    this.child.on("exit", (code, signal) => gone(signal ?? `exit code ${code}`));
  }

  run(input: MinimumInput): Promise<MinimumOutput> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        if (line instanceof Error) return reject(line);
        if (line.startsWith(ERROR_MARKER)) {
          const message = JSON.parse(line.slice(ERROR_MARKER.length)) as string;
          return reject(new BenchError(`The minimum run failed on ${input.scenario}: ${message}`));
        }
        resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as MinimumOutput);
      });
      this.child.stdin.write(`${JSON.stringify(input)}\n`);
    });
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.stdin.end();
  }
}
