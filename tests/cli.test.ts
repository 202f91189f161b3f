// The command line's `apply` and `check`, built as the package builds them (esbuild, scripts/build-lib.mjs)
// and run as a child process against the demo Creatio and Identity Services started here, on loopback.
// Every run is also searched for the Creatio password and the client secret: in its output, in its logs
// (LOG_LEVEL=debug, on stderr) and in its argument list as `ps` shows it.
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataOf, tenantCalls } from "@/lib/creatio/test-support/demo";
import {
  type DemoIdentityService,
  type DemoTenantCreated,
  demoAppSettingsJson,
  type RunningDemo,
  startDemo,
  startDemoIdentityService,
} from "@/lib/demo";

const ROOT = path.resolve(import.meta.dirname, "..");
const USER = "cli.admin";
const PASSWORD = `Pw-${randomBytes(12).toString("hex")}`;
const CLIENT_ID = "cli-system";
const SECRET = `Sec${randomBytes(16).toString("hex")}`.slice(0, 32);
const SECRETS = [PASSWORD, SECRET];
/** Nothing listens here (a port of this agent's range that nothing opens). */
const DOWN_URL = "http://127.0.0.1:3699/t/down";
/** Calls that change something in Creatio (docs/creatio-api.md §4.2-4.4). */
const WRITES =
  /PostSysSettingsValues|AddDefaultResource|InsertQuery|UpdateQuery|DeleteQuery|CreateFeature|ClearFeaturesCache/;

let dir: string;
let bin: string;
let demo: RunningDemo;
/** The Identity Service the applied tenant uses; stopped by the last test. */
let identity: DemoIdentityService;
let applied: DemoTenantCreated;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The child's arguments as `ps` showed them while it ran. */
  argv: string;
}

function psArgs(child: ChildProcess): string {
  const pid = String(child.pid);
  try {
    return execFileSync("ps", ["-o", "args=", "-p", pid], { encoding: "utf8" });
  } catch {
    // No ps (or the child already ended): the kernel's own record, where there is one.
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
    } catch {
      return "";
    }
  }
}

/** Runs the built command line; checks that no secret appears anywhere it shows. */
async function cli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; password?: string | null } = {},
): Promise<Run> {
  const run = await spawnCli(args, options);
  // ps saw this child (else the search of its arguments would prove nothing).
  expect(run.argv).toContain(bin);
  for (const secret of SECRETS) {
    expect(run.stdout).not.toContain(secret);
    expect(run.stderr).not.toContain(secret);
    expect(run.argv).not.toContain(secret);
  }
  return run;
}

function spawnCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; password?: string | null } = {},
): Promise<Run> {
  // Only what the command needs: no variable of this test process (or of the machine) leaks in.
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? "",
    NO_COLOR: "1",
    // Every log line the command can write, so that the search below covers them.
    LOG_LEVEL: "debug",
    ...(options.password === null ? {} : { CREATIO_PASSWORD: options.password ?? PASSWORD }),
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      env: env as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const argv = psArgs(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += String(d);
    });
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    child.stdin.end(options.stdin ?? "");
    const guard = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, argv });
    });
  });
}

function freshTenant(): DemoTenantCreated {
  return demo.creatio.createTenant({
    scenario: "fresh-8.1-netfx",
    config: {
      users: {
        [USER]: { password: PASSWORD, loginCode: 0, canManageSysSettings: true, canManageSolution: true },
      },
    },
  });
}

function applyArgs(tenant: DemoTenantCreated, ...extra: string[]): string[] {
  return ["apply", "--creatio", tenant.baseUrl, "--user", USER, "--is-url", identity.url, ...extra];
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "wizard-cli-"));
  const outfile = path.join(dir, "cli.mjs");
  // The same bundle as `npm run build` makes (dist/cli.mjs), written here instead.
  const build = spawnSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { bundleCli } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "scripts", "build-lib.mjs")).href)};
       await bundleCli(${JSON.stringify(ROOT)}, { outfile: ${JSON.stringify(outfile)} });`,
    ],
    { cwd: ROOT, encoding: "utf8" },
  );
  expect(build.stderr).toBe("");
  expect(build.status).toBe(0);
  // What bin/creatio-identity-wizard.mjs does with dist/cli.mjs.
  bin = path.join(dir, "bin.mjs");
  fs.writeFileSync(bin, 'const { run } = await import("./cli.mjs");\nawait run(process.argv);\n');
  fs.writeFileSync(path.join(dir, "password.txt"), `${PASSWORD}\n`);
  fs.writeFileSync(path.join(dir, "secret.txt"), `${SECRET}\n`);
  demo = await startDemo({ tlsIdentity: false });
  identity = await startDemoIdentityService({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }] });
  fs.writeFileSync(
    path.join(dir, "appsettings.json"),
    demoAppSettingsJson({ clients: [{ clientId: CLIENT_ID, clientSecret: SECRET }] }),
  );
  applied = freshTenant();
}, 120_000);

afterAll(async () => {
  await identity?.close();
  await demo?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("apply", () => {
  it("--dry-run prints the plan of all four steps and changes nothing", async () => {
    const tenant = freshTenant();
    const before = dataOf(demo.creatio.snapshot(tenant.id));
    const run = await cli(
      applyArgs(tenant, "--client-id", CLIENT_ID, "--client-secret-file", "secret.txt", "--dry-run"),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Would change: turn on OAuth20Integration for All employees");
    expect(run.stdout).toContain(`Would change: OAuth20IdentityServerUrl: (empty) -> ${identity.url}`);
    expect(run.stdout).toContain(`Would change: OAuth20IdentityServerClientId: (empty) -> ${CLIENT_ID}`);
    expect(run.stdout).toContain("Would change: create Creatio's default resource");
    expect(run.stdout).toContain("Dry run: nothing was changed in Creatio.");
    expect(dataOf(demo.creatio.snapshot(tenant.id))).toEqual(before);
    expect(tenantCalls(demo, tenant.id).filter((c) => WRITES.test(c))).toEqual([]);
  }, 90_000);

  it("does the four steps, printing before each write what will change and after it what changed", async () => {
    // The secret on standard input, the password from CREATIO_PASSWORD.
    const run = await cli(applyArgs(applied, "--client-id", CLIENT_ID), { stdin: `${SECRET}\n` });
    expect(run.code).toBe(0);
    const out = run.stdout;
    const order = [
      "Step 1, Enable OAuth 2.0 integration",
      "Will change: turn on OAuth20Integration for All employees",
      "Changed: inserted the All employees row (on)",
      "Step 2, Review system settings",
      "Step 3, Fill out the system settings",
      `Will change: OAuth20IdentityServerUrl: (empty) -> ${identity.url}`,
      "Will change: OAuth20IdentityServerClientSecret: write the given secret",
      "Changed: saved OAuth20IdentityServerUrl, OAuth20IdentityServerClientId, OAuth20IdentityServerClientSecret (read back: URL and client id match",
      "Step 4, Create default resource",
      "Will change: create Creatio's default resource",
      "Changed: created the default resource",
      "Done: 3 changes; all four steps are done.",
      "[ok] Creatio's OAuth health check passes.",
    ];
    let at = -1;
    for (const line of order) {
      const next = out.indexOf(line, at + 1);
      expect(next, `"${line}" after position ${at} in:\n${out}`).toBeGreaterThan(at);
      at = next;
    }
    const snapshot = demo.creatio.snapshot(applied.id);
    expect(snapshot.featureRows.some((r) => r.state === 1)).toBe(true);
    expect(snapshot.settings).toEqual({ url: identity.url, clientId: CLIENT_ID, secretSet: true });
    expect(snapshot.defaultResources).toHaveLength(1);
    expect(identity.registeredResources()).toHaveLength(1);
  }, 90_000);

  it("a second run changes nothing and says so (appsettings.json and a password file this time)", async () => {
    const before = dataOf(demo.creatio.snapshot(applied.id));
    const callsBefore = tenantCalls(demo, applied.id).length;
    const run = await cli(
      applyArgs(applied, "--from-appsettings", "appsettings.json", "--password-file", "password.txt"),
      { password: null },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("Will change");
    expect(run.stdout).not.toContain("Changed:");
    expect(run.stdout.match(/Nothing to change\. /g)).toHaveLength(4);
    expect(run.stdout).toContain("Nothing to change: all four steps were already done.");
    // The logs (LOG_LEVEL=debug here) went to stderr, one JSON line per call: searched for secrets above.
    expect(run.stderr).toContain('"event":"outbound"');
    expect(run.stdout).not.toContain('"event":"outbound"');
    expect(dataOf(demo.creatio.snapshot(applied.id))).toEqual(before);
    const newCalls = tenantCalls(demo, applied.id).slice(callsBefore);
    expect(newCalls.length).toBeGreaterThan(0);
    expect(newCalls.filter((c) => WRITES.test(c))).toEqual([]);
  }, 90_000);

  it("--prove runs step 5 after the steps: a temporary app, its token, Creatio accepts it, deleted", async () => {
    const run = await cli(
      applyArgs(applied, "--client-id", CLIENT_ID, "--client-secret-file", "secret.txt", "--prove"),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Step 5, Prove it end to end");
    expect(run.stdout).toContain("[ok] Creatio accepted the token");
    expect(run.stdout).toContain("[ok] Temporary app deleted");
    expect(demo.creatio.snapshot(applied.id).oauthApps).toEqual([]);
  }, 90_000);

  it("a wrong secret stops before any write: exit 1, the failed token check, nothing changed", async () => {
    const tenant = freshTenant();
    const before = dataOf(demo.creatio.snapshot(tenant.id));
    const run = await cli(applyArgs(tenant, "--client-id", CLIENT_ID), {
      stdin: "NotTheSecret-0123456789abcdefghij\n",
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("[x]  Client ID and secret get a token (from the wizard host)");
    expect(run.stdout).toContain("nothing was changed in Creatio");
    expect(dataOf(demo.creatio.snapshot(tenant.id))).toEqual(before);
  }, 90_000);

  it("cannot run without a password, a client id, or with a refused sign-in: exit 2 and why", async () => {
    const noPassword = await cli(applyArgs(applied, "--client-id", CLIENT_ID), {
      password: null,
      stdin: SECRET,
    });
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain(`No Creatio password for ${USER}.`);
    expect(noPassword.stderr).toContain("A password is never accepted as an argument.");

    const noClient = await cli(applyArgs(applied, "--client-secret-file", "secret.txt"));
    expect(noClient.code).toBe(2);
    expect(noClient.stderr).toContain("apply needs the client id.");

    const refused = await cli(
      applyArgs(applied, "--client-id", CLIENT_ID, "--client-secret-file", "secret.txt"),
      {
        password: "not-the-password",
      },
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Creatio rejected the sign-in.");

    // Commander refuses an option it does not know: there is no --password.
    const unknown = await cli([...applyArgs(applied, "--client-id", CLIENT_ID), "--password", "typed-here"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown option '--password'");
  }, 90_000);
});

describe("check", () => {
  it("exits 0 after apply, with the verdict, the steps and every check on stdout", async () => {
    const run = await cli(["check", "--creatio", applied.baseUrl, "--user", USER]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Connected: all four steps are done and no check failed.");
    expect(run.stdout).toContain("[ok] 4. Create default resource: Done.");
    expect(run.stdout).toContain("[ok] Token for system actions (Creatio's view)");
    // Progress went to stderr, not into the results.
    expect(run.stdout).not.toContain("Checking ");

    const json = await cli(["check", "--creatio", applied.baseUrl, "--user", USER, "--json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({
      format: expect.any(String),
      healthy: true,
      creatio: { url: applied.baseUrl },
    });
    expect(report.steps.map((s: { state: string }) => s.state)).toEqual(["done", "done", "done", "done"]);
  }, 90_000);

  it("--targets: two healthy instances and one down give the table and exit 1", async () => {
    const connected = demo.creatio.createTenant({ scenario: "already-connected" });
    const targets = [
      { name: "applied", creatio: applied.baseUrl, user: USER, passwordFile: "password.txt" },
      { name: "connected", creatio: connected.baseUrl, user: "Supervisor", passwordEnv: "CONNECTED_PW" },
      // A loopback port where nothing listens: Creatio is down.
      { name: "down", creatio: DOWN_URL, user: USER, passwordEnv: "DOWN_PW" },
    ];
    fs.writeFileSync(path.join(dir, "targets.json"), JSON.stringify(targets));
    const run = await cli(["check", "--targets", "targets.json", "--concurrency", "2"], {
      password: null,
      env: { CONNECTED_PW: "Supervisor", DOWN_PW: PASSWORD },
    });
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(/^Instance\s+Verdict\s+First failing check\s+ms$/);
    expect(lines.find((l) => l.startsWith("applied "))).toMatch(/^applied\s+healthy\s+-\s+\d+$/);
    expect(lines.find((l) => l.startsWith("connected "))).toMatch(/^connected\s+healthy\s+-\s+\d+$/);
    expect(lines.find((l) => l.startsWith("down "))).toMatch(
      /^down\s+failed\s+Creatio: TCP connection\s+\d+$/,
    );
    // Below the table: the failing instance's verdict and first fix.
    expect(run.stdout).toContain(`down (${DOWN_URL})\n  1 check failed`);

    const json = await cli(["check", "--targets", "targets.json", "--json"], {
      password: null,
      env: { CONNECTED_PW: "Supervisor", DOWN_PW: PASSWORD },
    });
    expect(json.code).toBe(1);
    const all = JSON.parse(json.stdout) as { name: string; verdict: string; report: { healthy: boolean } }[];
    expect(all.map((r) => [r.name, r.verdict, r.report.healthy])).toEqual([
      ["applied", "healthy", true],
      ["connected", "healthy", true],
      ["down", "failed", false],
    ]);
  }, 90_000);

  it("a targets file with a password in it is refused: exit 2", async () => {
    fs.writeFileSync(
      path.join(dir, "bad-targets.json"),
      JSON.stringify([{ name: "x", creatio: applied.baseUrl, user: USER, password: "inline" }]),
    );
    const run = await cli(["check", "--targets", "bad-targets.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("a targets file never holds a password or secret");
  }, 30_000);

  it("exits 1 with the Identity Service stopped, the diagnosis on stdout", async () => {
    await identity.close();
    const run = await cli(["check", "--creatio", applied.baseUrl, "--user", USER]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Diagnosis");
    expect(run.stdout).toContain("The Identity Service does not run");
    expect(run.stdout).toMatch(/Fix: Start the site/);
    expect(run.stdout).toContain("[x]  Identity Service reachable from Creatio");

    const quiet = await cli(["check", "--creatio", applied.baseUrl, "--user", USER, "--quiet"]);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout.trim().split("\n")).toHaveLength(2);
    expect(quiet.stdout).toContain("Diagnosis: The Identity Service does not run");
    expect(quiet.stderr).not.toContain("Checking ");
  }, 90_000);
});
