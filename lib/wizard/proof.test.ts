import { describe, expect, it } from "vitest";
import type { CreatedApp, IntegrationApp } from "@/lib/creatio";
import type { CallRecord } from "@/lib/creatio/types";
import { type ErrorCode, WizardError } from "@/lib/errors";
import type { AppToken } from "@/lib/identity/app-token";
import { type ProofDeps, runProof } from "./proof";

// The flow against an in-memory Creatio: whatever hop fails after the app exists, no app is left (or the
// clean-up says which one is left and offers a retry).

const USER = { id: "7f3b869f-34f3-4f20-ab4d-7480a5fdf647", name: "Supervisor", type: 4 };
const RESOURCE = "ApplicationAccess_0123";
const NAME = "IS wizard proof 2025-01-01T00:00:00Z";

const err = (code: ErrorCode) => new WizardError(code, `failed: ${code}`, "fix it");

type Fault =
  | "rights"
  | "no-default"
  | "user"
  | "create-nothing"
  | "create-no-scope"
  | "token"
  | "token-invalid-client-once"
  | "bearer"
  | "delete"
  | "delete-once"
  | "none";

function fakeCreatio(fault: Fault) {
  const apps: (IntegrationApp & { secret: string })[] = [];
  const calls: CallRecord[] = [];
  let deleteFailures = fault === "delete" ? Number.POSITIVE_INFINITY : fault === "delete-once" ? 1 : 0;
  let tokenFailures = fault === "token-invalid-client-once" ? 1 : 0;
  const record = (method: string) =>
    calls.push({ method, url: `http://creatio.test/${method}`, status: 200, ms: 1 });
  const creatio: ProofDeps["creatio"] = {
    calls,
    async canExecuteOperation() {
      record("rights");
      return fault !== "rights";
    },
    async getDefaultResources() {
      record("resources");
      return fault === "no-default" ? { count: 0, names: [] } : { count: 1, names: [RESOURCE] };
    },
    async findProofUser() {
      record("user");
      if (fault === "user") throw err("proof:no-user");
      return USER;
    },
    async findIntegrationApps(match) {
      record("select");
      return apps
        .filter((a) => ("name" in match ? a.name === match.name : a.name.startsWith(match.prefix)))
        .map(({ secret: _s, ...app }) => app);
    },
    async addIntegrationApp(input): Promise<CreatedApp> {
      record("add");
      if (fault === "create-nothing") throw err("proof:identity-refused");
      const app = {
        id: `id-${apps.length}`,
        name: input.name,
        clientId: `client-${apps.length}`,
        secret: "s3cret",
      };
      apps.push(app);
      if (fault === "create-no-scope") throw err("proof:no-scope");
      return { name: app.name, clientId: app.clientId, clientSecret: app.secret };
    },
    async deleteIntegrationApp(app) {
      record("delete");
      if (deleteFailures > 0) {
        deleteFailures -= 1;
        throw err("proof:delete-failed");
      }
      const index = apps.findIndex((a) => a.clientId === app.clientId);
      if (index < 0) return "already-gone";
      apps.splice(index, 1);
      return "deleted";
    },
    async bearerRead(accessToken) {
      record("bearer");
      expect(accessToken).toBe("jwt");
      if (fault === "bearer") throw err("proof:token-rejected");
      return { asUser: USER };
    },
  };
  const identityCalls: CallRecord[] = [];
  const requestToken = async (): Promise<AppToken> => {
    identityCalls.push({ method: "POST", url: "http://is.test/connect/token", status: 200, ms: 1 });
    if (fault === "token") throw err("proof:token-invalid-scope");
    if (tokenFailures > 0) {
      tokenFailures -= 1;
      throw err("proof:token-invalid-client");
    }
    return {
      accessToken: "jwt",
      expiresIn: 3600,
      scope: RESOURCE,
      claims: { audience: [RESOURCE], scope: [RESOURCE], sysAdminUnitId: USER.id, opaque: false },
    };
  };
  return { apps, creatio, identityCalls, requestToken };
}

function deps(fault: Fault, keep = false) {
  const fake = fakeCreatio(fault);
  const sleeps: number[] = [];
  const d: ProofDeps = {
    creatio: fake.creatio,
    identityCalls: fake.identityCalls,
    requestToken: fake.requestToken,
    appName: NAME,
    applicationUrl: "https://localhost",
    keep,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
  return { d, fake, sleeps };
}

const verdicts = (run: Awaited<ReturnType<typeof runProof>>) =>
  Object.fromEntries(run.checks.map((c) => [c.id, c.verdict]));

describe("runProof", () => {
  it("passes every hop and leaves no app", async () => {
    const { d, fake } = deps("none");
    const run = await runProof(d);
    expect(run.passed).toBe(true);
    expect(run.checks.map((c) => c.verdict)).toEqual(["pass", "pass", "pass", "pass", "pass", "pass"]);
    expect(run.checks[4]?.message).toContain("as Supervisor");
    expect(fake.apps).toEqual([]);
    expect(run.kept).toBeNull();
    // Nothing the operator sees holds the token or the secret.
    expect(JSON.stringify(run)).not.toMatch(/jwt|s3cret/);
  });

  it("keeps the app when asked, and only then hands out its secret", async () => {
    const { d, fake } = deps("none", true);
    const run = await runProof(d);
    expect(run.passed).toBe(true);
    expect(fake.apps).toHaveLength(1);
    expect(run.kept).toEqual({ name: NAME, clientId: "client-0", clientSecret: "s3cret" });
    expect(JSON.stringify(run.checks)).not.toMatch(/s3cret|jwt/);
  });

  it.each([
    ["rights", "proof-rights", "rights:solution"],
    ["no-default", "proof-rights", "proof:no-default-resource"],
    ["user", "proof-user", "proof:no-user"],
  ] as const)("%s: stops before creating anything", async (fault, hop, code) => {
    const { d, fake } = deps(fault);
    const run = await runProof(d);
    expect(run.passed).toBe(false);
    const failed = run.checks.find((c) => c.verdict === "fail");
    expect(failed?.id).toBe(hop);
    expect(failed?.code).toBe(code);
    expect(verdicts(run)["proof-create"]).toBe("not-run");
    expect(fake.creatio.calls.map((c) => c.method)).not.toContain("add");
    expect(fake.apps).toEqual([]);
  });

  it.each([
    ["create-nothing", "proof-create", "proof:identity-refused"],
    ["create-no-scope", "proof-create", "proof:no-scope"],
    ["token", "proof-token", "proof:token-invalid-scope"],
    ["bearer", "proof-accepted", "proof:token-rejected"],
  ] as const)("%s: fails at its hop and the clean-up leaves no app", async (fault, hop, code) => {
    const { d, fake } = deps(fault, true);
    const run = await runProof(d);
    expect(run.passed).toBe(false);
    const failed = run.checks.find((c) => c.verdict === "fail");
    expect(failed?.id).toBe(hop);
    expect(failed?.code).toBe(code);
    // Keep is ignored after a failure: the app is deleted and verified gone.
    expect(verdicts(run)["proof-delete"]).toBe("pass");
    expect(fake.apps).toEqual([]);
    expect(run.kept).toBeNull();
    expect(run.leftovers).toEqual([]);
    expect(fake.creatio.calls.at(-1)?.method).toBe("select");
  });

  it("retries invalid_client once after about 2 s", async () => {
    const { d, fake, sleeps } = deps("token-invalid-client-once");
    const run = await runProof(d);
    expect(run.passed).toBe(true);
    expect(sleeps).toEqual([2000]);
    expect(fake.identityCalls).toHaveLength(2);
  });

  it("a failed deletion names the app left behind", async () => {
    const { d, fake } = deps("delete");
    const run = await runProof(d);
    expect(run.passed).toBe(false);
    const deletion = run.checks.find((c) => c.id === "proof-delete");
    expect(deletion?.verdict).toBe("fail");
    expect(deletion?.code).toBe("proof:delete-failed");
    expect(deletion?.message).toContain(NAME);
    expect(deletion?.fix).toContain("OAuth 2.0 integrated applications");
    expect(run.leftovers.map((a) => a.name)).toEqual([NAME]);
    expect(fake.apps).toHaveLength(1);
  });

  it("a failed deletion after a failed hop still reports both", async () => {
    const fake = fakeCreatio("bearer");
    let failDelete = true;
    const original = fake.creatio.deleteIntegrationApp;
    fake.creatio.deleteIntegrationApp = async (app) => {
      if (failDelete) {
        failDelete = false;
        throw err("proof:delete-failed");
      }
      return original(app);
    };
    const run = await runProof({
      creatio: fake.creatio,
      identityCalls: fake.identityCalls,
      requestToken: fake.requestToken,
      appName: NAME,
      applicationUrl: "https://localhost",
      keep: false,
    });
    expect(verdicts(run)["proof-accepted"]).toBe("fail");
    expect(verdicts(run)["proof-delete"]).toBe("fail");
    expect(run.leftovers).toHaveLength(1);
  });

  it("a token or app secret a server echoes back is redacted from the hops", async () => {
    const fake = fakeCreatio("none");
    fake.creatio.bearerRead = async (accessToken) => {
      throw new WizardError("proof:token-rejected", `Rejected ${accessToken}.`, "fix it", {
        creatioMessage: `{"error":"invalid_token","token":"${accessToken}","client_secret":"s3cret"}`,
      });
    };
    const run = await runProof({
      creatio: fake.creatio,
      identityCalls: fake.identityCalls,
      requestToken: fake.requestToken,
      appName: NAME,
      applicationUrl: "https://localhost",
      keep: false,
    });
    const accepted = run.checks.find((c) => c.id === "proof-accepted");
    expect(accepted?.verdict).toBe("fail");
    expect(accepted?.details.serverMessage).toContain("<REDACTED>");
    expect(JSON.stringify(run)).not.toMatch(/jwt|s3cret/);
    expect(fake.apps).toEqual([]);
  });
});
