import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl, sendHtml, startServer, type TestServer } from "@/lib/creatio/test-support/servers";
import type { HealthCheckResult } from "@/lib/creatio/types";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_WRONG_CLIENT_SECRET,
  type DemoIdentityService,
  startDemoIdentityService,
} from "@/lib/demo/identity/server";
import { checkFromError } from "./check";
import { checkIdentityFromWizard, creatioViewGroup } from "./identity";
import { HEALTHY } from "./test-support";
import type { CheckGroup, Verdict } from "./types";
import { predatesHealthCheck } from "./version";

let identity: DemoIdentityService;
let htmlSite: TestServer;

beforeAll(async () => {
  identity = await startDemoIdentityService();
  htmlSite = await startServer((_req, res) =>
    sendHtml(res, 200, "<!DOCTYPE html><html><body>Creatio</body></html>"),
  );
});
afterAll(async () => {
  await Promise.all([identity?.close(), htmlSite?.close()]);
});

function verdicts(group: CheckGroup): Record<string, Verdict> {
  return Object.fromEntries(group.checks.map((c) => [c.id, c.verdict]));
}

describe("the wizard's view of the Identity Service", () => {
  it("passes every layer with the right client id and secret", async () => {
    const group = await checkIdentityFromWizard({
      url: identity.url,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
    });
    expect(verdicts(group)).toEqual({
      dns: "pass",
      tcp: "pass",
      tls: "pass",
      discovery: "pass",
      token: "pass",
    });
    const discovery = group.checks.find((c) => c.id === "discovery");
    expect(discovery?.details.facts["token endpoint"]).toBe(`${identity.url}/connect/token`);
    expect(discovery?.details.calls[0]).toMatchObject({ method: "GET", status: 200 });
  });

  it("a wrong secret fails the token layer with invalid_client", async () => {
    const group = await checkIdentityFromWizard({
      url: identity.url,
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_WRONG_CLIENT_SECRET,
    });
    const token = group.checks.find((c) => c.id === "token");
    expect(token).toMatchObject({ verdict: "fail", code: "identity:invalid-client" });
    expect(token?.details.calls.at(-1)?.error).toBe("identity:invalid-client");
  });

  it("without a secret the token layer does not run, and says why", async () => {
    const group = await checkIdentityFromWizard({ url: identity.url, clientId: DEMO_CLIENT_ID });
    const token = group.checks.find((c) => c.id === "token");
    expect(token?.verdict).toBe("not-run");
    expect(token?.message).toContain("Creatio never sends the stored one back");
    expect(group.verdict).toBe("pass");
  });

  it("a stopped service: TCP refused, discovery and token not run", async () => {
    const group = await checkIdentityFromWizard({
      url: await closedPortUrl(),
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      timeoutMs: 3_000,
    });
    expect(verdicts(group)).toEqual({
      dns: "pass",
      tcp: "fail",
      tls: "not-run",
      discovery: "not-run",
      token: "not-run",
    });
  });

  it("without the network layers (step 3's Test connection): a stopped service fails discovery itself", async () => {
    const group = await checkIdentityFromWizard({
      url: await closedPortUrl(),
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      timeoutMs: 3_000,
      network: false,
    });
    expect(verdicts(group)).toEqual({ discovery: "fail", token: "not-run" });
    const discovery = group.checks[0];
    expect(discovery?.code).toBe("identity:unreachable");
    expect(discovery?.message).toMatch(/cannot be reached from the wizard's server: .*refused/);
    expect(discovery?.fix).toMatch(/started/);
  });

  it("a web site instead of the Identity Service fails the discovery layer", async () => {
    const group = await checkIdentityFromWizard({
      url: htmlSite.url,
      clientId: DEMO_CLIENT_ID,
      clientSecret: "x",
    });
    expect(group.checks.find((c) => c.id === "discovery")?.code).toBe("identity:not-identity-service");
    expect(verdicts(group).token).toBe("not-run");
  });

  it("no address at all: nothing runs", async () => {
    const group = await checkIdentityFromWizard({ url: null });
    expect(new Set(Object.values(verdicts(group)))).toEqual(new Set(["not-run"]));
    expect(group.checks[0]?.message).toContain("OAuth20IdentityServerUrl is empty");
  });
});

describe("Creatio's view (the OAuth health check)", () => {
  const context = { version: "8.1.2.3842", runtime: "netfx" as const };

  it("healthy: every check passes", () => {
    const group = creatioViewGroup({ ...HEALTHY, isDefaultResourceRegistered: null }, context);
    expect(verdicts(group)).toEqual({
      "health-check": "pass",
      "settings-filled": "pass",
      reachable: "pass",
      token: "pass",
    });
  });

  it("empty settings: the layers below are not run, not failed", () => {
    const health: HealthCheckResult = {
      ...HEALTHY,
      httpStatus: 500,
      hasProblem: true,
      isSystemSettingsFilledIn: false,
      isIdentityServiceAvailable: false,
      isAccessTokenRetrievableForSystemActions: false,
      isDefaultResourceRegistered: false,
      message: "System setting OAuth20IdentityServerUrl is empty.",
    };
    const group = creatioViewGroup(health, context);
    expect(verdicts(group)).toEqual({
      // The row says whether the health check passes; that its endpoint answered is a detail.
      "health-check": "fail",
      "settings-filled": "fail",
      reachable: "not-run",
      token: "not-run",
      "default-resource": "not-run",
    });
    expect(group.checks.find((c) => c.id === "settings-filled")?.message).toBe(
      "System setting OAuth20IdentityServerUrl is empty.",
    );
    const row = group.checks.find((c) => c.id === "health-check");
    expect(row?.title).toBe("OAuth health check passes");
    expect(row?.message).toBe(
      "Creatio's OAuth health check is failing: the system settings are not filled in (the checks below say which part).",
    );
    expect(row?.details.facts.endpoint).toBe("answered HTTP 500 with its JSON result");
  });

  it("a passing health check passes its row, with the endpoint's answer as a detail", () => {
    const row = creatioViewGroup(HEALTHY, context).checks.find((c) => c.id === "health-check");
    expect(row?.verdict).toBe("pass");
    expect(row?.fix).toBeUndefined();
    expect(row?.details.facts.endpoint).toBe(`answered HTTP ${HEALTHY.httpStatus} with its JSON result`);
  });

  it("unreachable from Creatio, and a refused token", () => {
    const unreachable = creatioViewGroup({ ...HEALTHY, isIdentityServiceAvailable: false }, context);
    expect(verdicts(unreachable)).toMatchObject({ reachable: "fail", token: "not-run" });
    const refused = creatioViewGroup(
      { ...HEALTHY, isAccessTokenRetrievableForSystemActions: false },
      context,
    );
    expect(verdicts(refused)).toMatchObject({ reachable: "pass", token: "fail" });
  });

  it("absent on an old build: a warning naming the version, the rest not run", () => {
    const group = creatioViewGroup(
      { available: false, reason: "absent", httpStatus: 404 },
      { version: "8.0.10.1234", runtime: "netfx" },
    );
    expect(group.checks[0]?.verdict).toBe("warn");
    expect(group.checks[0]?.message).toContain(
      "Creatio 8.0.10.1234 has no OAuth health check (HTTP 404): it exists from 8.1.2",
    );
    expect(group.checks.slice(1).every((c) => c.verdict === "not-run")).toBe(true);
  });

  it("no answer at all: the request's failure stands for the group", () => {
    const error = checkFromError("health-check", "OAuth health check answers", {
      code: "network:timeout",
      message: "creatio did not answer within 10 seconds.",
      fix: "Check that Creatio is running.",
      calls: [],
    });
    const group = creatioViewGroup(null, { ...context, error });
    expect(verdicts(group)).toMatchObject({ "health-check": "fail", reachable: "not-run" });
  });

  it("knows which builds predate the health check", () => {
    expect(predatesHealthCheck("8.1.1.9999", "netfx")).toBe(true);
    expect(predatesHealthCheck("8.1.2.0", "netfx")).toBe(false);
    expect(predatesHealthCheck("8.3.1.0", "net")).toBe(true);
    expect(predatesHealthCheck("8.3.2.0", "net")).toBe(false);
    expect(predatesHealthCheck(null, "net")).toBeNull();
  });
});
