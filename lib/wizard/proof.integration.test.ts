import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openCreatio } from "@/lib/creatio/client";
import { connect } from "@/lib/creatio/test-support/demo";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type RunningDemo, startDemo } from "@/lib/demo";
import type { DemoProofConfig, DemoTenantOverrides } from "@/lib/demo/types";
import { proveConnection } from "./proof-run";

// Step 5 against the embedded demo, on both runtimes: the proof passes, each failure of
// docs/creatio-api.md §4.6 gives its diagnosis at its hop, and afterwards no `IS wizard proof` app is left
// (one with "Keep this app").

let demo: RunningDemo;
beforeAll(async () => {
  demo = await startDemo({ tlsIdentity: false });
});
afterAll(() => demo?.close());

const RUNTIMES = [
  { runtime: "netfx", version: "8.2.1.1234" },
  { runtime: "net", version: "8.3.2.4321" },
] as const;

async function prove(
  runtime: (typeof RUNTIMES)[number],
  proof: Partial<DemoProofConfig> = {},
  extra: DemoTenantOverrides = {},
  keep = false,
) {
  const tenant = demo.creatio.createTenant({
    config: {
      ...runtime,
      allEmployeesFeatureState: 1,
      defaultResources: 1,
      settings: { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
      proof,
      ...extra,
    },
  });
  const { state } = await connect(tenant.baseUrl);
  const client = openCreatio(state, { timeoutMs: 5000 });
  const run = await proveConnection(client, {
    keep,
    applicationUrl: "https://localhost",
    sleep: async () => new Promise((resolve) => setTimeout(resolve, 50)),
  });
  const apps = demo.creatio.snapshot(tenant.id).oauthApps.filter((a) => a.name.startsWith("IS wizard proof"));
  const failed = run.checks.find((c) => c.verdict === "fail");
  return { run, apps, failed, calls: client.calls };
}

describe.each(RUNTIMES)("the proof on $runtime", (runtime) => {
  it("passes in one run and leaves no app", async () => {
    const { run, apps } = await prove(runtime);
    expect(run.checks.map((c) => [c.id, c.verdict])).toEqual([
      ["proof-rights", "pass"],
      ["proof-user", "pass"],
      ["proof-create", "pass"],
      ["proof-token", "pass"],
      ["proof-accepted", "pass"],
      ["proof-delete", "pass"],
    ]);
    expect(run.checks[4]?.message).toContain("as Supervisor");
    expect(apps).toEqual([]);
  });

  it("keeps exactly one app with its secret when asked", async () => {
    const { run, apps } = await prove(runtime, {}, {}, true);
    expect(run.passed).toBe(true);
    expect(apps).toHaveLength(1);
    expect(run.kept?.clientId).toBe(apps[0]?.clientId);
    expect(run.kept?.clientSecret).toMatch(/.{20,}/);
  });

  it.each<[string, Partial<DemoProofConfig>, DemoTenantOverrides, string, string]>([
    ["stale keys (401 challenge)", { staleKeys: true }, {}, "proof-accepted", "proof:token-rejected"],
    ["stale keys (401)", { staleKeys: true, rejection: "401" }, {}, "proof-accepted", "proof:token-rejected"],
    ["stale keys (403)", { staleKeys: true, rejection: "403" }, {}, "proof-accepted", "proof:token-rejected"],
    [
      "stale keys (login redirect)",
      { staleKeys: true, rejection: "login-redirect" },
      {},
      "proof-accepted",
      "proof:token-rejected",
    ],
    [
      "stale keys (HTML 200)",
      { staleKeys: true, rejection: "html-200" },
      {},
      "proof-accepted",
      "proof:token-rejected",
    ],
    [
      "stale keys (success:false)",
      { staleKeys: true, rejection: "success-false" },
      {},
      "proof-accepted",
      "proof:token-rejected",
    ],
    ["clock skew", { clockSkewSeconds: 7200 }, {}, "proof-accepted", "proof:token-rejected"],
    [
      "proxy strips Authorization",
      { proxyStripsAuthorization: true },
      {},
      "proof-accepted",
      "proof:token-rejected",
    ],
    [
      "bound user cannot read",
      { boundUserCannotRead: true },
      {},
      "proof-accepted",
      "proof:user-lacks-rights",
    ],
    ["junction failure", { junctionFails: true }, {}, "proof-create", "proof:no-scope"],
    [
      "unauthorized_client",
      { clientGrantType: "authorization_code" },
      {},
      "proof-token",
      "proof:token-unauthorized-client",
    ],
    [
      "invalid_client for longer than the retry",
      { clientVisibleAfterMs: 30_000 },
      {},
      "proof-token",
      "proof:token-invalid-client",
    ],
    ["no default resource", {}, { defaultResources: 0 }, "proof-rights", "proof:no-default-resource"],
    ["two default resources", {}, { defaultResources: 2 }, "proof-rights", "resource:multiple-defaults"],
    ["server switch off", {}, { oauthConfigSwitch: false }, "proof-create", "resource:oauth-disabled"],
    [
      "IS unreachable from Creatio",
      {},
      { unreachableFromCreatio: ["127.0.0.1"] },
      "proof-create",
      "resource:identity-unreachable",
    ],
  ])("%s: fails at its hop and leaves no app", async (_name, proof, extra, hop, code) => {
    const { failed, apps, run } = await prove(runtime, proof, extra, true);
    expect(failed?.id).toBe(hop);
    expect(failed?.code).toBe(code);
    expect(run.kept).toBeNull();
    expect(apps).toEqual([]);
  });

  it("an operator without CanManageSolution is stopped before anything is created", async () => {
    const { failed, apps, calls } = await prove(
      runtime,
      {},
      {
        users: {
          Supervisor: {
            password: "Supervisor",
            loginCode: 0,
            canManageSysSettings: true,
            canManageSolution: false,
          },
        },
      },
    );
    expect(failed?.code).toBe("rights:solution");
    expect(calls.map((c) => c.url)).not.toContainEqual(expect.stringContaining("AddClient"));
    expect(apps).toEqual([]);
  });

  it("the audience is not Creatio's default resource: warned at the token, rejected by Creatio", async () => {
    const { run, apps } = await prove(runtime, { audienceMismatch: true });
    expect(run.checks.find((c) => c.id === "proof-token")?.verdict).toBe("warn");
    expect(run.checks.find((c) => c.id === "proof-accepted")?.code).toBe("proof:token-rejected");
    expect(apps).toEqual([]);
  });

  it.each(["missing-404", "missing-fault"] as const)(
    "DeleteClient %s: the DeleteQuery fallback deletes the app",
    async (deleteClient) => {
      const { run, apps, calls } = await prove(runtime, { deleteClient });
      expect(run.passed).toBe(true);
      expect(calls.map((c) => c.url)).toContainEqual(expect.stringContaining("DeleteQuery"));
      expect(apps).toEqual([]);
    },
  );

  it("unwrapped answers are accepted", async () => {
    const { run, apps } = await prove(runtime, { answerWrapping: "unwrapped" });
    expect(run.passed).toBe(true);
    expect(apps).toEqual([]);
  });

  it("deletion refused: the page is told which app is left", async () => {
    const { run, apps } = await prove(runtime, { deleteClient: "missing-404", deleteQueryAllowed: false });
    expect(run.checks.find((c) => c.id === "proof-delete")?.code).toBe("proof:delete-failed");
    expect(run.leftovers).toHaveLength(1);
    expect(apps).toHaveLength(1);
  });
});
