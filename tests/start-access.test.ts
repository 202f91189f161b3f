// `npm start` (scripts/start.mjs, running lib/cli/start.ts) refuses to listen on a network address
// without an access password, before it builds anything. The listen address is WIZARD_HOST: a
// container's HOSTNAME never decides it.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

interface Run {
  code: number | null;
  output: string;
}

function start(env: Record<string, string>, args: string[] = []): Promise<Run> {
  const base = { ...process.env };
  delete base.WIZARD_ACCESS_PASSWORD;
  delete base.HOSTNAME;
  delete base.WIZARD_HOST;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["scripts/start.mjs", ...args], {
      cwd: ROOT,
      env: { ...base, WIZARD_DEMO: "off", NODE_ENV: "production", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => {
      output += String(d);
    });
    child.stderr.on("data", (d) => {
      output += String(d);
    });
    // Whatever happens, never let a real build or server run on from here.
    const guard = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(guard);
      resolve({ code, output });
    });
  });
}

const held: net.Server[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe("npm start access check", () => {
  it("refuses WIZARD_HOST=0.0.0.0 without WIZARD_ACCESS_PASSWORD: exit 1, a clear message, no build", async () => {
    const run = await start({ WIZARD_HOST: "0.0.0.0", PORT: "0" });
    expect(run.code).toBe(1);
    expect(run.output).toContain("0.0.0.0");
    expect(run.output).toContain("WIZARD_ACCESS_PASSWORD");
    expect(run.output).toMatch(/at least 12 characters/);
    expect(run.output).not.toMatch(/Building/);
    expect(run.output).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("refuses a too-short access password without printing it", async () => {
    const run = await start({ WIZARD_HOST: "0.0.0.0", PORT: "0", WIZARD_ACCESS_PASSWORD: "short-pw" });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/shorter than 12 characters/);
    expect(run.output).not.toContain("short-pw");
    expect(run.output).not.toMatch(/Building/);
  });

  it("with a long enough password it passes the access check (and stops at the next one: a taken port)", async () => {
    const server = net.createServer();
    held.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    const run = await start({
      WIZARD_HOST: "127.0.0.1",
      PORT: String(port),
      WIZARD_ACCESS_PASSWORD: "a-long-enough-passphrase",
    });
    expect(run.code).toBe(1);
    expect(run.output).not.toContain("WIZARD_ACCESS_PASSWORD");
    expect(run.output).toContain(`Port ${port}`);
    expect(run.output).not.toContain("a-long-enough-passphrase");
  });

  it("ignores a container's HOSTNAME: without WIZARD_HOST it takes 127.0.0.1 (and stops at the taken port)", async () => {
    const server = net.createServer();
    held.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    const run = await start({ HOSTNAME: "3f2a9c1b7d4e", PORT: String(port) });
    expect(run.code).toBe(1);
    expect(run.output).not.toContain("3f2a9c1b7d4e");
    expect(run.output).toContain(`Port ${port} on 127.0.0.1`);
  });

  it("--host on the command line overrides WIZARD_HOST and is checked the same way", async () => {
    const run = await start({ WIZARD_HOST: "127.0.0.1", PORT: "0" }, ["--host", "0.0.0.0"]);
    expect(run.code).toBe(1);
    expect(run.output).toContain("would listen on 0.0.0.0");
  });
});
