import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_SECRET, type DemoTenantOverrides, type RunningDemo, startDemo } from "@/lib/demo";
import { bearerMatches, MONITOR_ENV, monitorToken, readMonitorConfig, runMonitor } from "./monitor";

const TOKEN = "monitor-token-0123456789abcdef";
const USER = "Monitor";
const PASSWORD = "Monitor-Pa55word/&=";

describe("monitorToken", () => {
  it("is off without a token, or with one shorter than 16 characters", () => {
    const off = monitorToken({});
    expect(off.ok).toBe(false);
    if (!off.ok) expect(off.message).toContain(MONITOR_ENV.token);
    expect(monitorToken({ [MONITOR_ENV.token]: "   " }).ok).toBe(false);
    const short = monitorToken({ [MONITOR_ENV.token]: "short-token" });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message).toContain("shorter than 16");
    expect(monitorToken({ [MONITOR_ENV.token]: TOKEN })).toEqual({ ok: true, token: TOKEN });
  });
});

describe("bearerMatches", () => {
  it("accepts exactly the token as a bearer token", () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(true);
  });

  it("refuses no header, another scheme, another token, a prefix of it and an empty one", () => {
    expect(bearerMatches(null, TOKEN)).toBe(false);
    expect(bearerMatches("", TOKEN)).toBe(false);
    expect(bearerMatches(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerMatches(TOKEN, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN.slice(0, -1)}`, TOKEN)).toBe(false);
    expect(bearerMatches("Bearer ", TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN} extra`, TOKEN)).toBe(false);
  });
});

describe("readMonitorConfig", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "monitor-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("names every missing variable, and never a value", async () => {
    const result = await readMonitorConfig({ [MONITOR_ENV.userName]: "Someone" });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(MONITOR_ENV.creatioUrl);
      expect(result.message).toContain(`${MONITOR_ENV.password} or ${MONITOR_ENV.passwordFile}`);
      expect(result.message).not.toContain(MONITOR_ENV.userName);
      expect(result.message).not.toContain("Someone");
    }
  });

  it("reads the password from a file, without the file's last line break", async () => {
    const file = path.join(dir, "password");
    await writeFile(file, `${PASSWORD}\n`);
    const result = await readMonitorConfig({
      [MONITOR_ENV.creatioUrl]: "https://creatio.example.com",
      [MONITOR_ENV.userName]: USER,
      [MONITOR_ENV.passwordFile]: file,
    });
    expect(result).toEqual({
      ok: true,
      config: {
        creatioUrl: "https://creatio.example.com",
        userName: USER,
        password: PASSWORD,
        clientSecret: null,
      },
    });
  });

  it("prefers the password variable to the file, and takes the optional client secret", async () => {
    const result = await readMonitorConfig({
      [MONITOR_ENV.creatioUrl]: "https://creatio.example.com",
      [MONITOR_ENV.userName]: USER,
      [MONITOR_ENV.password]: PASSWORD,
      [MONITOR_ENV.passwordFile]: path.join(dir, "does-not-exist"),
      [MONITOR_ENV.clientSecret]: "client-secret",
    });
    expect(result.ok && result.config).toMatchObject({ password: PASSWORD, clientSecret: "client-secret" });
  });

  it("says when the password file cannot be read, or is empty", async () => {
    const base = { [MONITOR_ENV.creatioUrl]: "https://c.example.com", [MONITOR_ENV.userName]: USER };
    const missing = await readMonitorConfig({ ...base, [MONITOR_ENV.passwordFile]: path.join(dir, "nope") });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.message).toContain("ENOENT");
    const emptyFile = path.join(dir, "empty");
    await writeFile(emptyFile, "\n");
    const empty = await readMonitorConfig({ ...base, [MONITOR_ENV.passwordFile]: emptyFile });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.message).toContain("is empty");
  });
});

describe("runMonitor against the demo", () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startDemo({ tlsIdentity: false });
  });
  afterAll(() => demo?.close());

  const monitorUser: DemoTenantOverrides = {
    users: {
      [USER]: { password: PASSWORD, loginCode: 0, canManageSysSettings: true, canManageSolution: true },
    },
  };
  const config = (baseUrl: string) => ({
    creatioUrl: baseUrl,
    userName: USER,
    password: PASSWORD,
    clientSecret: DEMO_CLIENT_SECRET,
  });
  const loginCalls = (id: string) => demo.creatio.snapshot(id).calls.filter((c) => c.path.endsWith("/Login"));

  it("200 with the JSON report for a healthy Creatio; no secret in it; nothing written", async () => {
    const tenant = demo.creatio.createTenant({ scenario: "already-connected", config: monitorUser });
    const outcome = await runMonitor(config(tenant.baseUrl));
    expect(outcome.status).toBe(200);
    const report = JSON.parse(outcome.body);
    expect(report).toMatchObject({ healthy: true, creatio: { url: tenant.baseUrl, userName: USER } });
    expect(outcome.body).not.toContain(PASSWORD);
    expect(outcome.body).not.toContain(DEMO_CLIENT_SECRET);
    const writes = demo.creatio
      .snapshot(tenant.id)
      .calls.filter((c) =>
        /(Insert|Update|Delete)Query|PostSysSettingsValues|AddDefaultResource/.test(c.path),
      );
    expect(writes).toEqual([]);
    expect(demo.creatio.snapshot(tenant.id).activeSessions).toBe(0);
  });

  it("503 with the report when Creatio's health check fails", async () => {
    const tenant = demo.creatio.createTenant({ scenario: "wrong-secret", config: monitorUser });
    const outcome = await runMonitor(config(tenant.baseUrl));
    expect(outcome.status).toBe(503);
    const report = JSON.parse(outcome.body);
    expect(report.healthy).toBe(false);
    expect(report.diagnoses.map((d: { id: string }) => d.id)).toContain("invalid-client");
  });

  it("503 with a message for an unusable address", async () => {
    const outcome = await runMonitor({ ...config("ftp://creatio.example.com"), clientSecret: null });
    expect(outcome.status).toBe(503);
    expect(JSON.parse(outcome.body)).toMatchObject({ healthy: false });
    expect(JSON.parse(outcome.body).message).toContain(MONITOR_ENV.creatioUrl);
  });

  it("requests that arrive during a run share it: one sign-in to Creatio", async () => {
    const tenant = demo.creatio.createTenant({ scenario: "already-connected", config: monitorUser });
    const [a, b] = await Promise.all([
      runMonitor(config(tenant.baseUrl)),
      runMonitor(config(tenant.baseUrl)),
    ]);
    expect(a).toBe(b);
    expect(loginCalls(tenant.id)).toHaveLength(1);
    await runMonitor(config(tenant.baseUrl));
    expect(loginCalls(tenant.id)).toHaveLength(2);
  });
});
