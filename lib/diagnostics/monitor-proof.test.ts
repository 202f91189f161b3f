import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_CLIENT_SECRET, type DemoTenantOverrides, type RunningDemo, startDemo } from "@/lib/demo";
import type { DemoScenario } from "@/lib/demo/types";
import { proveForMonitor } from "@/lib/wizard/proof-run";
import { runMonitor } from "./monitor";
import type { DiagnosticsRun } from "./types";

// `/api/status?prove=1` against the demo: the proof runs after the read-only checks (off by default), its
// hops join the JSON report, a failed proof is a 503, no temporary app is left, and neither the app's
// token nor its secret is in the answer. The real calls are only watched (to know what must not leak).

const seen = vi.hoisted(() => ({ secrets: [] as string[], tokens: [] as string[] }));

vi.mock("@/lib/creatio/integration-apps", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/creatio/integration-apps")>();
  return {
    ...original,
    addIntegrationApp: async (...args: Parameters<typeof original.addIntegrationApp>) => {
      const app = await original.addIntegrationApp(...args);
      seen.secrets.push(app.clientSecret);
      return app;
    },
  };
});
vi.mock("@/lib/identity/app-token", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/identity/app-token")>();
  return {
    ...original,
    requestAppToken: async (...args: Parameters<typeof original.requestAppToken>) => {
      const token = await original.requestAppToken(...args);
      seen.tokens.push(token.accessToken);
      return token;
    },
  };
});

const USER = "Monitor";
const PASSWORD = "Monitor-Pa55word/&=";

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

function tenant(scenario: DemoScenario, password = PASSWORD) {
  const t = demo.creatio.createTenant({ scenario, config: monitorUser });
  const config = { creatioUrl: t.baseUrl, userName: USER, password, clientSecret: DEMO_CLIENT_SECRET };
  const prove = (run: DiagnosticsRun) =>
    proveForMonitor(
      {
        creatioUrl: config.creatioUrl,
        userName: USER,
        password,
        applicationUrl: "http://127.0.0.1:3000",
        timeoutMs: 5000,
      },
      run,
    );
  const proofApps = () =>
    demo.creatio.snapshot(t.id).oauthApps.filter((app) => app.name.startsWith("IS wizard proof"));
  const writes = () =>
    demo.creatio
      .snapshot(t.id)
      .calls.filter((c) =>
        /(Insert|Update|Delete)Query|AddClient|DeleteClient|PostSysSettingsValues/.test(c.path),
      );
  return { t, config, prove, proofApps, writes };
}

type Report = {
  healthy: boolean;
  groups: { id: string; verdict: string; checks: { id: string; verdict: string; message: string }[] }[];
};

function expectNothingSecret(body: string) {
  expect(seen.secrets.length + seen.tokens.length).toBeGreaterThan(0);
  for (const value of [...seen.secrets, ...seen.tokens, PASSWORD, DEMO_CLIENT_SECRET]) {
    expect(body.includes(value), "a secret or token in the answer").toBe(false);
  }
  expect(body).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
}

describe("runMonitor with the proof (?prove=1) against the demo", () => {
  it("200 with the proof's hops in the report; the app is deleted; no token or secret in the answer", async () => {
    const { config, prove, proofApps } = tenant("already-connected");
    const outcome = await runMonitor(config, { prove });
    const report = JSON.parse(outcome.body) as Report;
    expect(outcome.status).toBe(200);
    expect(report.healthy).toBe(true);
    const group = report.groups.find((g) => g.id === "proof");
    expect(group?.verdict).toBe("pass");
    expect(group?.checks.map((c) => [c.id, c.verdict])).toEqual([
      ["proof-rights", "pass"],
      ["proof-user", "pass"],
      ["proof-create", "pass"],
      ["proof-token", "pass"],
      ["proof-accepted", "pass"],
      ["proof-delete", "pass"],
    ]);
    expect(group?.checks[4]?.message).toContain(`as ${USER}`);
    expect(proofApps()).toEqual([]);
    expectNothingSecret(outcome.body);
  });

  it("503 when Creatio rejects the Identity Service's tokens; the report says so; no app is left", async () => {
    const { config, prove, proofApps } = tenant("tokens-rejected");
    const outcome = await runMonitor(config, { prove });
    expect(outcome.status).toBe(503);
    const report = JSON.parse(outcome.body) as Report & {
      failedRequests: { group: string; check: string; curl: string }[];
    };
    expect(report.healthy).toBe(false);
    const accepted = report.groups
      .find((g) => g.id === "proof")
      ?.checks.find((c) => c.id === "proof-accepted");
    expect(accepted?.verdict).toBe("fail");
    const curl = report.failedRequests.find((r) => r.check === "proof-accepted")?.curl;
    expect(curl).toContain("Bearer <ACCESS_TOKEN>");
    expect(proofApps()).toEqual([]);
    expectNothingSecret(outcome.body);
  });

  it("without ?prove=1 the same Creatio gets no proof and no write", async () => {
    const { config, writes } = tenant("tokens-rejected");
    const outcome = await runMonitor(config);
    const report = JSON.parse(outcome.body) as Report;
    expect(outcome.status).toBe(200);
    expect(report.groups.map((g) => g.id)).not.toContain("proof");
    expect(writes()).toEqual([]);
  });

  it("a failed sign-in leaves the proof not run: the password is not sent a second time", async () => {
    const { config, prove, t, proofApps } = tenant("already-connected", "not-the-password");
    const outcome = await runMonitor(config, { prove });
    expect(outcome.status).toBe(503);
    const group = (JSON.parse(outcome.body) as Report).groups.find((g) => g.id === "proof");
    expect(group?.checks.every((c) => c.verdict === "not-run")).toBe(true);
    expect(group?.checks[0]?.message).toContain("could not sign in");
    const logins = demo.creatio.snapshot(t.id).calls.filter((c) => c.path.endsWith("/Login"));
    expect(logins).toHaveLength(1);
    expect(proofApps()).toEqual([]);
  });

  it("monitors asking at once with the proof share one run: one temporary app, one sign-out each", async () => {
    const { config, prove, t } = tenant("already-connected");
    const [a, b] = await Promise.all([runMonitor(config, { prove }), runMonitor(config, { prove })]);
    expect(a).toBe(b);
    const adds = demo.creatio.snapshot(t.id).calls.filter((c) => c.path.endsWith("/AddClient"));
    expect(adds).toHaveLength(1);
    expect(demo.creatio.snapshot(t.id).activeSessions).toBe(0);
  });
});
