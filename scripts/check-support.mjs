// Helpers of the package and container checks: free loopback ports, child processes with their output,
// waiting for an address to answer, and a graceful stop. Loopback only.
import { spawn } from "node:child_process";
import net from "node:net";

export const isWindows = process.platform === "win32";

export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** An environment without the variables that would change where or how the wizard starts. */
export function cleanEnv(extra = {}) {
  const env = { ...process.env };
  for (const name of [
    "PORT",
    "HOSTNAME",
    "WIZARD_HOST",
    "WIZARD_ACCESS_PASSWORD",
    "WIZARD_DEMO",
    "DEMO_CREATIO_PORT",
    "DEMO_IDENTITY_PORT",
    "WIZARD_CONTAINER",
    "NODE_OPTIONS",
  ]) {
    delete env[name];
  }
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

/**
 * Starts a command; `output()` is everything it printed so far, `exited` its exit code. With `group`
 * (POSIX) it gets its own process group, which `stop` signals as a whole, as a terminal's Ctrl+C or a
 * service manager does: npm and npx do not pass SIGTERM on to the program they run.
 */
export function launch(command, args, options, group = false) {
  const child = spawn(command, args, {
    ...options,
    stdio: ["ignore", "pipe", "pipe"],
    shell: isWindows,
    detached: group && !isWindows,
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += String(d);
  });
  child.stderr.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  return { child, exited, output: () => output, group: group && !isWindows };
}

/** Polls `url` until it answers `status` (default 200); rejects after `ms` or when `run` exits. */
export async function waitFor(url, run, ms = 120_000, status = 200) {
  const deadline = Date.now() + ms;
  let ended = false;
  void run.exited.then(() => {
    ended = true;
  });
  while (Date.now() < deadline) {
    if (ended) throw new Error(`It stopped before ${url} answered:\n${run.output()}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status === status) return response;
      if (response.status >= 500) throw new Error(`${url} answered ${response.status}:\n${run.output()}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(url)) throw error;
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer ${status} within ${ms / 1000} s:\n${run.output()}`);
}

function signal(run, name) {
  try {
    if (run.group) process.kill(-run.child.pid, name);
    else run.child.kill(name);
  } catch {
    // already gone
  }
}

/** Whether any process of the run's group is still alive. */
export function groupAlive(run) {
  if (!run.group) return run.child.exitCode === null && run.child.signalCode === null;
  try {
    process.kill(-run.child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM (to the group, when it has one), then the exit code (SIGKILL after `ms`: "killed"). */
export async function stop(run, ms = 15_000) {
  signal(run, "SIGTERM");
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    signal(run, "SIGKILL");
  }, ms);
  const code = await run.exited;
  // The group's last process (the wizard under npm or npx) may end after the wrapper.
  while (run.group && groupAlive(run) && !killed) await new Promise((r) => setTimeout(r, 100));
  clearTimeout(timer);
  return killed ? "killed" : code;
}

/** Ends a run that failed a check, with everything it started. */
export function kill(run) {
  signal(run, "SIGKILL");
}

/** True when nothing answers at `url` any more. */
export async function isClosed(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
    return false;
  } catch {
    return true;
  }
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
  console.log(`  ok: ${message}`);
}

export const DEMO_BUTTON = "Use demo Creatio";

export function demoUrlsIn(output) {
  return [...output.matchAll(/Demo (?:Creatio|Identity Service):\s+(http:\/\/127\.0\.0\.1:\d+)/g)].map(
    (m) => m[1],
  );
}
