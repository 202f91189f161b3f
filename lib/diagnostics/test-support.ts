// Builders for the rule tests: a baseline where everything passes (one healthy, connected Creatio seen
// from both sides), and small edits of it that play one field problem each.
import type { HealthCheckResult } from "@/lib/creatio/types";
import { makeGroup } from "./check";
import type { RuleInput } from "./rules";
import type { Check, CheckGroupId, CheckId, FactValue, Verdict } from "./types";

export const CREATIO_URL = "https://creatio.example.com";
export const IDENTITY_URL = "https://is.example.com:8090";

export const HEALTHY: Extract<HealthCheckResult, { available: true }> = {
  available: true,
  httpStatus: 200,
  hasProblem: false,
  isSystemSettingsFilledIn: true,
  isIdentityServiceAvailable: true,
  isAccessTokenRetrievableForSystemActions: true,
  isDefaultResourceRegistered: true,
  message: null,
};

export function check(
  id: CheckId,
  verdict: Verdict = "pass",
  extra: Partial<Omit<Check, "details">> & {
    facts?: Record<string, FactValue>;
    calls?: Check["details"]["calls"];
  } = {},
): Check {
  const { facts, calls, ...rest } = extra;
  return {
    id,
    title: id,
    verdict,
    message: `${id}: ${verdict}`,
    ms: 1,
    ...rest,
    details: { calls: calls ?? [], facts: facts ?? {} },
  };
}

const PUBLIC_TLS = { "trusted through": "public authorities", "self-signed": false };

/** Everything passes: the connection works from both sides and the setup is complete. */
export function baseline(): RuleInput {
  return {
    creatio: { url: CREATIO_URL, runtime: "netfx", version: "8.1.2.3842", userName: "Supervisor" },
    identityUrl: IDENTITY_URL,
    groups: [
      makeGroup("creatio", "Creatio", [
        check("dns"),
        check("tcp"),
        check("tls", "pass", { facts: PUBLIC_TLS }),
        check("http"),
        check("creatio"),
        check("runtime"),
        check("login"),
        check("csrf", "pass", { facts: { "CSRF header": "BPMCSRF" } }),
        check("rights-sys-settings"),
        check("rights-solution"),
      ]),
      makeGroup("setup", "Setup", [check("feature"), check("settings"), check("default-resource")]),
      makeGroup("identity-from-wizard", "Wizard view", [
        check("dns"),
        check("tcp"),
        check("tls", "pass", { facts: PUBLIC_TLS }),
        check("discovery"),
        check("token", "pass", { facts: { "client id": "IdServiceUser" } }),
      ]),
      makeGroup("identity-from-creatio", "Creatio view", [
        check("health-check"),
        check("settings-filled"),
        check("reachable"),
        check("token"),
      ]),
    ],
    state: {
      settings: { url: IDENTITY_URL, clientId: "IdServiceUser", secret: "set", missingCodes: [], legacy: [] },
      feature: {
        code: "OAuth20Integration",
        exists: true,
        featureId: "00000000-0000-0000-0000-000000000001",
        allEmployeesState: 1,
        currentUserState: 1,
      },
      defaultResources: { count: 1, names: ["ApplicationAccess_0123456789abcdef0123456789abcdef"] },
      health: HEALTHY,
    },
    history: [],
  };
}

/** `input` with one check replaced (the group's verdict recomputed). */
export function withCheck(input: RuleInput, groupId: CheckGroupId, replacement: Check): RuleInput {
  return {
    ...input,
    groups: input.groups.map((g) =>
      g.id === groupId
        ? makeGroup(
            g.id,
            g.title,
            g.checks.map((c) => (c.id === replacement.id ? replacement : c)),
          )
        : g,
    ),
  };
}

/** `input` whose Identity Service check `failedId` failed with `code`, and the layers below not run. */
export function wizardIdentityFails(
  input: RuleInput,
  failedId: CheckId,
  code: Check["code"],
  extra = {},
): RuleInput {
  const order: CheckId[] = ["dns", "tcp", "tls", "discovery", "token"];
  const at = order.indexOf(failedId);
  let out = input;
  order.forEach((id, i) => {
    if (i === at) out = withCheck(out, "identity-from-wizard", check(id, "fail", { code, ...extra }));
    if (i > at) out = withCheck(out, "identity-from-wizard", check(id, "not-run"));
  });
  return out;
}

export function withHealth(input: RuleInput, health: Partial<HealthCheckResult> | null): RuleInput {
  return {
    ...input,
    state: {
      ...input.state,
      health: health === null ? null : ({ ...HEALTHY, ...health } as HealthCheckResult),
    },
  };
}
