// A second wizard process (`next start` on the same build) with its own environment, for specs that
// need settings the shared e2e server does not have (an access password). Its output is kept so a
// spec can check what reached the log.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

// Playwright loads specs as CommonJS here (package.json has no "type": "module").
const ROOT = path.resolve(__dirname, "..", "..");
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
/** As scripts/start.ts does: each request's own client address for the access gate's lockout. */
const CLIENT_ADDRESS = path.join(ROOT, "scripts", "client-address.cjs");

export interface WizardServer {
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function waitUntilUp(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The second wizard exited with code ${child.exitCode}`);
    try {
      await fetch(url, { redirect: "manual" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`The second wizard did not answer at ${url}`);
}

/** Starts `next start` on a free loopback port with `env` added (the build must exist: the suite's server made it). */
export async function startWizardServer(env: Record<string, string>): Promise<WizardServer> {
  const port = await freePort();
  const args = ["--require", CLIENT_ADDRESS, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  try {
    await waitUntilUp(url, child, 30_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${output}`);
  }
  return { url, log: () => output, stop };
}
