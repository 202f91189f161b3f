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

/** Starts a command; `output()` is everything it printed so far, `exited` its exit code. */
export function launch(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], shell: isWindows });
  let output = "";
  child.stdout.on("data", (d) => {
    output += String(d);
  });
  child.stderr.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal)));
  return { child, exited, output: () => output };
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

/** SIGTERM, then the exit code (SIGKILL after `ms`, reported as "killed"). */
export async function stop(run, ms = 15_000) {
  run.child.kill("SIGTERM");
  const timer = setTimeout(() => run.child.kill("SIGKILL"), ms);
  const code = await run.exited;
  clearTimeout(timer);
  return code === "SIGKILL" ? "killed" : code;
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
