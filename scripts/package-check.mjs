// `npm run test:package` (part of `npm test`): the two ways the wizard reaches a machine without a
// development install, each started and stopped for real.
//  1. The release tarball: `npm run package`, `npm install ./<tgz>` in an empty folder, `npx
//     creatio-identity-wizard --port <free>`, the connect page with the demo, a graceful stop.
//  2. A built clone: a copy of this tree with its dist/, `npm ci --omit=dev`, `npm start`, same checks.
// Prints the figures of the release: tarball size, installed size, time from `npx` to the first 200.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  check,
  cleanEnv,
  DEMO_BUTTON,
  demoUrlsIn,
  freePort,
  groupAlive,
  isClosed,
  isWindows,
  kill,
  launch,
  stop,
  waitFor,
} from "./check-support.mjs";
import { makePackage } from "./package.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = isWindows ? "npm.cmd" : "npm";
const npx = isWindows ? "npx.cmd" : "npx";

function sizeOf(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Starts a command that should serve the wizard on `port`, checks the page, stops it gracefully. */
async function serveAndStop(what, command, args, cwd, port) {
  const started = performance.now();
  const run = launch(command, args, { cwd, env: cleanEnv({ PORT: String(port) }) }, true);
  try {
    const response = await waitFor(`http://127.0.0.1:${port}/`, run, 300_000);
    const firstOk = performance.now() - started;
    const html = await response.text();
    check(html.includes(DEMO_BUTTON), `${what}: the connect page offers "${DEMO_BUTTON}"`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    check(health.status === 200, `${what}: /api/health answers 200`);
    const demos = demoUrlsIn(run.output());
    check(demos.length === 2, `${what}: the demo Creatio and Identity Service started`);
    // npm and npx themselves end on the signal (code 143 or the signal's name); the wizard under them
    // must finish, not be killed, and leave nothing running.
    const code = await stop(run);
    check(code !== "killed" && !groupAlive(run), `${what}: SIGTERM stops it and all it started (${code})`);
    for (const url of [`http://127.0.0.1:${port}`, ...demos]) {
      check(await isClosed(url), `${what}: ${url} is closed after the stop`);
    }
    return firstOk;
  } catch (error) {
    kill(run);
    throw error;
  }
}

async function releasePackage() {
  console.log("Release package:");
  const tarball = await makePackage();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wizard-install-"));
  try {
    // An empty folder; --offline proves the package needs no registry.
    execFileSync(npm, ["install", tarball, "--offline", "--no-audit", "--no-fund", "--loglevel=error"], {
      cwd: dir,
      stdio: "inherit",
      shell: isWindows,
    });
    const installed = path.join(dir, "node_modules");
    const names = fs.readdirSync(installed).filter((n) => !n.startsWith("."));
    check(
      names.length === 1 && names[0] === "creatio-identity-wizard",
      "the tarball installs alone (no dependency)",
    );
    const bin = path.join(installed, "creatio-identity-wizard", "bin", "creatio-identity-wizard.mjs");
    const version = execFileSync(process.execPath, [bin, "--version"], { encoding: "utf8" }).trim();
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
    check(version === pkg.version, `--version prints ${pkg.version}`);
    const help = execFileSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    check(/--port/.test(help) && /--host/.test(help), "--help lists --port and --host");
    const port = await freePort();
    const ms = await serveAndStop(
      "npx creatio-identity-wizard",
      npx,
      ["creatio-identity-wizard", "--port", String(port)],
      dir,
      port,
    );
    return {
      tarball: fs.statSync(tarball).size,
      installed: sizeOf(installed),
      firstOkMs: Math.round(ms),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const NOT_COPIED = new Set([
  "node_modules",
  ".next",
  ".git",
  "test-results",
  "playwright-report",
  "blob-report",
]);

async function builtClone() {
  console.log("Built clone with production dependencies only:");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "wizard-clone-"));
  try {
    fs.cpSync(root, dir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => {
        const rel = path.relative(root, src);
        const top = rel.split(path.sep)[0];
        return !NOT_COPIED.has(top) && !rel.endsWith(".tgz");
      },
    });
    execFileSync(
      npm,
      ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"],
      {
        cwd: dir,
        stdio: "inherit",
        shell: isWindows,
      },
    );
    check(
      !fs.existsSync(path.join(dir, "node_modules", "typescript")),
      "no development dependency is installed",
    );
    const port = await freePort();
    await serveAndStop("npm start (built clone)", npm, ["start"], dir, port);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

try {
  const figures = await releasePackage();
  await builtClone();
  console.log(
    `\nRelease figures: tarball ${mb(figures.tarball)}, installed ${mb(figures.installed)}, ` +
      `npx to first 200: ${(figures.firstOkMs / 1000).toFixed(1)} s (this machine, ${os.cpus().length} cores).`,
  );
} catch (error) {
  console.error(`\n  Package check failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
