// `npm start`: build when needed, bring up the embedded demo Creatio and Identity Service on
// loopback (unless WIZARD_DEMO=off), then run `next start` with their addresses in its env.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkStartAccess } from "../lib/access/config";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME && process.env.HOSTNAME !== "" ? process.env.HOSTNAME : "127.0.0.1";
const demoOn = (process.env.WIZARD_DEMO ?? "on") !== "off";

function fail(message: string): never {
  console.error(`\n  ${message}\n`);
  process.exit(1);
}

/** Newest modification time under the folders the build reads. */
function newestSourceMtime(): number {
  let newest = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(root, dir));
  for (const file of ["next.config.mjs", "package-lock.json", "proxy.ts"]) {
    const full = path.join(root, file);
    if (existsSync(full)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceMtime()) return;
  console.log("Building the wizard (first start or changed sources)…");
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) fail("The build failed: see the messages above.");
}

function assertPortFree(p: number, host: string, envName: string): Promise<void> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRINUSE") {
        fail(
          `Port ${p} on ${host} is already in use. Stop what uses it, or choose another port: ${envName}=<port> npm start`,
        );
      }
      fail(`Cannot listen on ${host}:${p} (${err.code ?? err.message}). Set ${envName} to a free port.`);
    });
    probe.listen(p, host, () => probe.close(() => resolve()));
  });
}

async function main() {
  // Before anything else (the build takes minutes): a wizard reachable from the network holds a
  // Creatio administrator's session, so it never starts there without an access password.
  const access = checkStartAccess(hostname, process.env);
  if (!access.ok) fail(access.message);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`PORT must be a port number, not "${process.env.PORT}".`);
  await assertPortFree(port, hostname, "PORT");
  buildIfNeeded();

  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  let closeDemo: (() => Promise<void>) | undefined;
  if (demoOn) {
    const { startDemo } = await import("../lib/demo/index");
    const demo = await startDemo({
      host: "127.0.0.1",
      creatioPort: Number(process.env.DEMO_CREATIO_PORT ?? 0),
      identityPort: Number(process.env.DEMO_IDENTITY_PORT ?? 0),
    }).catch((err: Error) => fail(err.message));
    env.DEMO_CREATIO_URL = demo.creatioUrl;
    env.DEMO_IDENTITY_URL = demo.identityUrl;
    closeDemo = () => demo.close();
    console.log(`Demo Creatio:          ${demo.creatioUrl}`);
    console.log(`Demo Identity Service: ${demo.identityUrl}`);
  }

  const next: ChildProcess = spawn(
    process.execPath,
    [
      // Each request's own client address, for the access gate's per-client lockout.
      "--require",
      path.join(root, "scripts", "client-address.cjs"),
      require.resolve("next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      hostname,
    ],
    { cwd: root, stdio: "inherit", env },
  );
  console.log(`Wizard: http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`);
  if (access.locked)
    console.log("Access password: required (WIZARD_ACCESS_PASSWORD); the browser asks for it once.");

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    next.kill("SIGTERM");
    await closeDemo?.().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  next.on("exit", (code) => void stop(code ?? 0));
}

void main();
