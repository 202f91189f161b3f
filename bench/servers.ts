// The bench's own servers: the wizard as `npm start` runs it (scripts/start.ts: build when stale, the
// demo servers, `next start`), and a plain `next start` for the blank page. Each runs in its own
// process group, so stopping it stops its children too.
import { type ChildProcess, spawn } from "node:child_process";
import { BenchError } from "./errors";

export interface RunningServer {
  url: string;
  /** The process started (its children run under it). */
  pid?: number;
  /** The last lines the server printed, for error messages. */
  tail(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  what: string;
  command: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Polled until it answers. */
  url: string;
  timeoutMs: number;
  /** Called with each line the server prints (progress of a build, for example). */
  onLine?: (line: string) => void;
}

/** Process groups of the servers still running: signalled synchronously when the bench exits. */
const liveGroups = new Set<number>();

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Sends SIGTERM to every server still running, at once; safe inside an `exit` handler. */
export function stopAllNow(): void {
  for (const pid of liveGroups) signalGroup(pid, "SIGTERM");
}
process.on("exit", stopAllNow);

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
    const pid = child.pid;
    const killer = setTimeout(() => signalGroup(pid, "SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(killer);
      liveGroups.delete(pid);
      resolve();
    });
    signalGroup(pid, "SIGTERM");
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
    await res.arrayBuffer();
    return res.status < 500;
  } catch {
    return false;
  }
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const [command, ...args] = options.command;
  if (!command) throw new BenchError(`No command to start ${options.what}.`);
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid !== undefined) {
    const pid = child.pid;
    liveGroups.add(pid);
    child.once("exit", () => liveGroups.delete(pid));
  }
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() === "") continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      options.onLine?.(line);
    }
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const tail = () => lines.slice(-15).join("\n");
  const server: RunningServer = { url: options.url, pid: child.pid, tail, stop: () => stopGroup(child) };

  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new BenchError(`${options.what} stopped before answering. Its last output:\n${tail()}`);
    }
    if (await answers(options.url)) return server;
    await new Promise((r) => setTimeout(r, 250));
  }
  await server.stop();
  throw new BenchError(
    `${options.what} did not answer at ${options.url} within ${options.timeoutMs / 1000} s. Its last output:\n${tail()}`,
  );
}
