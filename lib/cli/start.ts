// The wizard's server: check where it may listen, bring up the embedded demo Creatio and Identity
// Service on loopback (unless WIZARD_DEMO=off), then run the prebuilt Next.js standalone server with
// their addresses in its environment. The same code runs for `npx creatio-identity-wizard`,
// `npm start` (scripts/start.mjs) and the container. Plain Node APIs only (no shell, no POSIX-only
// call), so it runs on Windows as on Linux.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { checkStartAccess } from "../access/config";

/** The wizard's own listen address. A container's HOSTNAME (its id) never decides it. */
export const HOST_ENV = "WIZARD_HOST";
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 3000;
/** How long in-flight requests may take to finish on a stop before the server is ended. */
export const STOP_GRACE_MS = 5_000;

export interface StartOptions {
  port?: string;
  host?: string;
}

export interface StartHooks {
  /** `npm start` on a clone: build here when the sources changed (after the checks, before the demo). */
  ensureBuilt?: () => Promise<void> | void;
}

export class StartError extends Error {}

function fail(message: string): never {
  throw new StartError(message);
}

export function resolveHost(option: string | undefined, env: NodeJS.ProcessEnv): string {
  const value = option ?? env[HOST_ENV];
  return value !== undefined && value.trim() !== "" ? value.trim() : DEFAULT_HOST;
}

export function resolvePort(option: string | undefined, env: NodeJS.ProcessEnv): number {
  const raw = option ?? env.PORT;
  if (raw === undefined || raw.trim() === "") return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || port > 65535) {
    fail(`The port must be a number from 0 to 65535, not "${raw}" (--port or PORT).`);
  }
  return port;
}

function assertPortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        new StartError(
          err.code === "EADDRINUSE"
            ? `Port ${port} on ${host} is already in use. Stop what uses it, or choose another port: --port <port> (or PORT=<port>).`
            : `Cannot listen on ${host}:${port} (${err.code ?? err.message}). Choose another address or port: --host, --port (or ${HOST_ENV}, PORT).`,
        ),
      );
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** The folder of the prebuilt standalone server: `app/` beside the running bundle (dist/cli.mjs). */
export function appDir(bundleDir: string): string {
  return path.join(bundleDir, "app");
}

function urlHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** Starts everything; resolves once the server process is running. Throws StartError on a refusal. */
export async function startWizard(
  options: StartOptions,
  bundleDir: string,
  hooks: StartHooks = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const host = resolveHost(options.host, env);
  const port = resolvePort(options.port, env);
  // Before anything else (a build takes minutes): a wizard reachable from the network holds a
  // Creatio administrator's session, so it never starts there without an access password.
  const access = checkStartAccess(host, env);
  if (!access.ok) fail(access.message);
  await assertPortFree(port, host);
  await hooks.ensureBuilt?.();

  const server = path.join(appDir(bundleDir), "server.js");
  if (!existsSync(server)) {
    fail(
      `The prebuilt wizard is missing (${server}). In a clone, run "npm run build"; otherwise reinstall the package.`,
    );
  }

  const childEnv: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    // Next's standalone server reads HOSTNAME: set it from the wizard's own choice, always.
    HOSTNAME: host,
  };
  let closeDemo: (() => Promise<void>) | undefined;
  if ((env.WIZARD_DEMO ?? "on") !== "off") {
    const { startDemo } = await import("../demo/index");
    const demo = await startDemo({ host: "127.0.0.1" }).catch((err: Error) => fail(err.message));
    childEnv.DEMO_CREATIO_URL = demo.creatioUrl;
    childEnv.DEMO_IDENTITY_URL = demo.identityUrl;
    closeDemo = () => demo.close();
    console.log(`Demo Creatio:          ${demo.creatioUrl}`);
    console.log(`Demo Identity Service: ${demo.identityUrl}`);
  }

  // Each request's own client address, for the access gate's per-client lockout (client-address.cjs).
  const preload = path.join(appDir(bundleDir), "client-address.cjs");
  const child: ChildProcess = spawn(process.execPath, ["--require", preload, server], {
    cwd: appDir(bundleDir),
    stdio: "inherit",
    env: childEnv,
  });
  console.log(`Wizard: http://${urlHost(host)}:${port}`);
  if (access.locked)
    console.log("Access password: required (WIZARD_ACCESS_PASSWORD); the browser asks for it once.");

  let exited = false;
  const childExit = new Promise<number>((resolve) => {
    child.on("exit", (code, signal) => {
      exited = true;
      resolve(code ?? (signal ? 0 : 1));
    });
  });

  let stopping = false;
  const stop = async (reason: "signal" | "child") => {
    if (stopping) return;
    stopping = true;
    let code = 0;
    if (reason === "signal") {
      // Next stops accepting connections and finishes the requests in flight; past the grace time
      // the server is ended.
      if (!exited) child.kill("SIGTERM");
      const timer = setTimeout(() => {
        if (!exited) child.kill("SIGKILL");
      }, STOP_GRACE_MS);
      await childExit;
      clearTimeout(timer);
    } else {
      code = await childExit;
    }
    await closeDemo?.().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop("signal"));
  process.on("SIGTERM", () => void stop("signal"));
  void childExit.then(() => stop("child"));
}
