import "server-only";
import { checkIdentityUrl } from "@/lib/contract/url";
import type { CreatioRuntime, HealthCheckResult, TlsTrust } from "@/lib/creatio/types";
import { isWizardError } from "@/lib/errors";
import { fetchDiscovery, requestClientCredentialsToken } from "@/lib/identity/probe";
import { CallRecorder, normalizeTrust } from "@/lib/transport";
import {
  cascade,
  checkFromError,
  type Layer,
  makeCheck,
  makeGroup,
  notRun,
  runLayers,
  type SyncLayer,
  since,
} from "./check";
import { dnsLayer, endpointOf, probeTimeoutMs, tcpLayer, tlsLayer } from "./network";
import type { Check, CheckGroup } from "./types";
import { healthCheckMinimumVersion, predatesHealthCheck } from "./version";

// The two vantage points on the Identity Service: what the wizard's host reaches (DNS, TCP, TLS,
// discovery document, client-credentials token) and what Creatio's server reaches (its OAuth health
// check). Shown side by side; the rules compare them.

export const WIZARD_VIEW_TITLE = "Identity Service, seen from the wizard's server";
export const CREATIO_VIEW_TITLE = "Identity Service, seen from Creatio's server (OAuth health check)";

export interface IdentityFromWizardInput {
  /** The Identity Service root; null when none is known (then nothing runs). */
  url: string | null;
  clientId?: string | null;
  /** Only the wizard's own copy (a form or env): Creatio never returns the stored secret. */
  clientSecret?: string | null;
  trust?: TlsTrust;
  timeoutMs?: number;
  /**
   * false: only the discovery document and the token, as step 3's "Test connection" shows them (their
   * own errors name a DNS, TCP or TLS failure). Default true: DNS, TCP and TLS as layers of their own.
   */
  network?: boolean;
}

// The titles are the wizard's accessible names for these checks (support docs and e2e tests use them).
export const IDENTITY_WIZARD_TITLES = {
  dns: "DNS",
  tcp: "TCP connection",
  tls: "TLS certificate",
  discovery: "Identity Service answers from the wizard host",
  token: "Client ID and secret get a token (from the wizard host)",
} as const;
const TITLES = IDENTITY_WIZARD_TITLES;

function discoveryLayer(url: string, trust: TlsTrust | undefined, timeoutMs: number): Layer {
  const title = TITLES.discovery;
  return {
    id: "discovery",
    title,
    run: async () => {
      const started = performance.now();
      const recorder = new CallRecorder();
      try {
        const doc = await fetchDiscovery(url, { trust, timeoutMs, recorder });
        const facts = {
          issuer: doc.issuer,
          "token endpoint": doc.tokenEndpoint,
          "grant types": doc.grantTypes.join(" ") || null,
        };
        const lacksGrant = doc.grantTypes.length > 0 && !doc.grantTypes.includes("client_credentials");
        if (lacksGrant) {
          return makeCheck("discovery", title, {
            verdict: "warn",
            message:
              "The Identity Service answers, but its discovery document does not offer the client_credentials grant.",
            fix: "Creatio needs client_credentials: check AllowedGrantTypes of the client in the Identity Service's appsettings.json.",
            ms: since(started),
            calls: doc.calls,
            facts,
          });
        }
        return makeCheck("discovery", title, {
          verdict: "pass",
          message: `The Identity Service answers its discovery document (issuer ${doc.issuer}).`,
          ms: since(started),
          calls: doc.calls,
          facts: { ...facts, ...(doc.issuerMatches ? {} : { "issuer differs from the address": true }) },
        });
      } catch (e) {
        if (!isWizardError(e)) throw e;
        return checkFromError("discovery", title, e.toUserFacing(), { ms: since(started) });
      }
    },
  };
}

function tokenLayer(
  input: IdentityFromWizardInput,
  url: string,
  trust: TlsTrust | undefined,
  timeoutMs: number,
): Layer {
  const title = TITLES.token;
  return {
    id: "token",
    title,
    run: async () => {
      const clientId = input.clientId?.trim() ?? "";
      if (clientId === "") return notRun("token", title, "no client id is known to the wizard.");
      if (!input.clientSecret) {
        return notRun(
          "token",
          title,
          "the wizard has no copy of the client secret (Creatio never sends the stored one back), and Creatio's health check tests the stored one. To test a secret from here, enter it in step 3 and press Test connection.",
        );
      }
      const started = performance.now();
      try {
        const token = await requestClientCredentialsToken({
          identityUrl: url,
          clientId,
          clientSecret: input.clientSecret,
          trust,
          timeoutMs,
        });
        return makeCheck("token", title, {
          verdict: "pass",
          message: `The Identity Service issued a token to ${clientId}${token.expiresIn ? ` (valid ${token.expiresIn} s)` : ""}.`,
          ms: since(started),
          calls: token.calls,
          facts: {
            "client id": clientId,
            "token endpoint": token.tokenEndpoint,
            "token type": token.tokenType,
          },
        });
      } catch (e) {
        if (!isWizardError(e)) throw e;
        return checkFromError("token", title, e.toUserFacing(), {
          ms: since(started),
          facts: { "client id": clientId },
        });
      }
    },
  };
}

/** The wizard host's view: DNS, TCP, TLS, discovery, token. A failed layer stops the ones below. */
export async function checkIdentityFromWizard(input: IdentityFromWizardInput): Promise<CheckGroup> {
  const network = input.network ?? true;
  const ids = network
    ? (["dns", "tcp", "tls", "discovery", "token"] as const)
    : (["discovery", "token"] as const);
  const checked = input.url ? checkIdentityUrl(input.url) : null;
  if (!checked?.ok) {
    const reason =
      checked && !checked.ok
        ? `the Identity Service address is not usable: ${checked.problem}`
        : "no Identity Service address is known (OAuth20IdentityServerUrl is empty and none was typed).";
    return makeGroup(
      "identity-from-wizard",
      WIZARD_VIEW_TITLE,
      ids.map((id) => notRun(id, TITLES[id], reason)),
    );
  }
  const url = checked.url;
  const trust = normalizeTrust(input.trust);
  const timeoutMs = input.timeoutMs ?? probeTimeoutMs();
  const ep = endpointOf(url, "identity");
  const checks = await runLayers([
    ...(network ? [dnsLayer(ep, timeoutMs), tcpLayer(ep, timeoutMs), tlsLayer(ep, trust, timeoutMs)] : []),
    discoveryLayer(url, trust, timeoutMs),
    tokenLayer(input, url, trust, timeoutMs),
  ]);
  return makeGroup("identity-from-wizard", WIZARD_VIEW_TITLE, checks);
}

// Creatio's view ----------------------------------------------------------------------------------------

export interface CreatioViewContext {
  version: string | null;
  runtime: CreatioRuntime | null;
  /** Why the health check was not asked (e.g. not signed in); used when `health` is null. */
  notAskedReason?: string;
  /** Calls and time of the health-check request. */
  calls?: Check["details"]["calls"];
  ms?: number;
  /** The health-check request got no answer (network, TLS): this failed check stands for it. */
  error?: Check | null;
}

const CREATIO_IDS = ["health-check", "settings-filled", "reachable", "token", "default-resource"] as const;
// The wizard's accessible names for Creatio's view (support docs and e2e tests use them).
export const CREATIO_VIEW_TITLES = {
  // Whether Creatio's health check passes; whether its endpoint answers is a detail of this row.
  "health-check": "OAuth health check passes",
  "settings-filled": "System settings filled in (Creatio's view)",
  reachable: "Identity Service reachable from Creatio",
  token: "Token for system actions (Creatio's view)",
  "default-resource": "Default resource registered (Creatio's view)",
} as const;
const CREATIO_TITLES = CREATIO_VIEW_TITLES;

/** Creatio calls the Identity Service from its own server: where to look when it cannot. */
const FIX_UNREACHABLE_FROM_CREATIO =
  "Creatio calls the Identity Service from its own server, not from your browser. On the Creatio server, open " +
  "the URL saved in OAuth20IdentityServerUrl followed by /.well-known/openid-configuration: check the DNS name, " +
  "the firewall, and that the URL does not say localhost unless the Identity Service runs on the Creatio server " +
  "itself. With HTTPS, the Creatio server must trust the Identity Service's certificate. If the site answers " +
  'HTTP 500.30, it cannot start: check its certificate path and key type, and turn on "Load User Profile" in its ' +
  "IIS application pool.";

/** invalid_client for Creatio's pair: compare, and the database copy of Clients that ignores later edits. */
const FIX_TOKEN =
  "Compare OAuth20IdentityServerClientId and OAuth20IdentityServerClientSecret with the Clients value of the " +
  "Identity Service's appsettings.json and save them again in step 3. The service copied Clients into its " +
  "database at first start and ignores later edits of appsettings.json: to change them, delete the rows in " +
  "Clients, ClientScopes, ClientSecrets and ClientClaims in its database and restart the site.";

function absentMessage(
  health: Extract<HealthCheckResult, { available: false }>,
  ctx: CreatioViewContext,
): string {
  const status = health.httpStatus ? ` (HTTP ${health.httpStatus})` : "";
  const old = predatesHealthCheck(ctx.version, ctx.runtime);
  if (old) {
    return `Creatio ${ctx.version} has no OAuth health check${status}: it exists from ${healthCheckMinimumVersion(ctx.runtime)}${ctx.runtime === "net" ? " on .NET" : ""}.`;
  }
  switch (health.reason) {
    case "absent":
      return `Creatio does not offer the OAuth health check (api/OAuthHealthCheck answered${status || " nothing"}).`;
    case "unauthorized":
    case "login-redirect":
      return `Creatio asked the wizard to sign in before answering its OAuth health check${status}.`;
    case "html":
      return `The OAuth health check answered a web page instead of its JSON result${status}.`;
    default:
      return `The OAuth health check gave an answer the wizard cannot read${status}.`;
  }
}

/** Whether the health check's endpoint answered, as a detail of its row. */
function endpointFact(status: number | null, json: boolean): string {
  if (status === null) return "no answer";
  return `answered HTTP ${status}${json ? " with its JSON result" : ""}`;
}

/** Creatio's view as a group of checks: settings filled, then reachable, then token, then resource. */
export function creatioViewGroup(health: HealthCheckResult | null, ctx: CreatioViewContext): CheckGroup {
  const calls = ctx.calls ?? [];
  const ms = ctx.ms ?? 0;
  if (ctx.error) {
    const failed = {
      ...ctx.error,
      title: CREATIO_TITLES["health-check"],
      ms,
      details: { ...ctx.error.details, calls, facts: { ...ctx.error.details.facts, endpoint: "no answer" } },
    };
    return makeGroup("identity-from-creatio", CREATIO_VIEW_TITLE, [
      failed,
      ...cascade(
        CREATIO_IDS.slice(1).map((id) => ({ id, title: CREATIO_TITLES[id], make: () => failed })),
        failed,
      ),
    ]);
  }
  if (!health) {
    const reason = ctx.notAskedReason ?? "the wizard is not signed in to Creatio.";
    return makeGroup(
      "identity-from-creatio",
      CREATIO_VIEW_TITLE,
      CREATIO_IDS.map((id) => notRun(id, CREATIO_TITLES[id], reason)),
    );
  }
  if (!health.available) {
    const checks: Check[] = [
      makeCheck("health-check", CREATIO_TITLES["health-check"], {
        verdict: "warn",
        message: absentMessage(health, ctx),
        fix: "The wizard's own checks of the Identity Service stand in for it. Creatio's view of the Identity Service shows only when Creatio uses it (creating the default resource).",
        ms,
        calls,
        facts: { endpoint: endpointFact(health.httpStatus, false), reason: health.reason },
      }),
      ...CREATIO_IDS.slice(1).map((id) =>
        notRun(id, CREATIO_TITLES[id], "this Creatio gives no OAuth health check result."),
      ),
    ];
    return makeGroup("identity-from-creatio", CREATIO_VIEW_TITLE, checks);
  }
  const message = health.message ?? undefined;
  const failing = [
    health.isSystemSettingsFilledIn === false ? "the system settings are not filled in" : null,
    health.isIdentityServiceAvailable === false ? "Creatio's server cannot reach the Identity Service" : null,
    health.isAccessTokenRetrievableForSystemActions === false
      ? "Creatio gets no token for system actions"
      : null,
  ].filter((s): s is string => s !== null);
  // The first failing part explains the others (the checks below run as layers): name only that one.
  const what = failing[0] ? `: ${failing[0]}` : "";
  const answered = makeCheck("health-check", CREATIO_TITLES["health-check"], {
    verdict: health.hasProblem ? "fail" : "pass",
    message: health.hasProblem
      ? `Creatio's OAuth health check is failing${what} (the checks below say which part).`
      : "Creatio's OAuth health check passes: it reports no problem.",
    fix: health.hasProblem ? "Follow the fix of the first failed check below." : undefined,
    ms,
    calls,
    facts: { endpoint: endpointFact(health.httpStatus, true), HasProblem: health.hasProblem },
    // Creatio's words belong to the row they explain; here only when no row below fails.
    serverMessage:
      health.isSystemSettingsFilledIn === false ||
      health.isIdentityServiceAvailable === false ||
      health.isAccessTokenRetrievableForSystemActions === false
        ? undefined
        : message,
  });
  const steps: {
    id: (typeof CREATIO_IDS)[number];
    value: boolean | null;
    pass: string;
    fail: string;
    fix: string;
  }[] = [
    {
      id: "settings-filled",
      value: health.isSystemSettingsFilledIn,
      pass: "Creatio has values in OAuth20IdentityServerUrl, OAuth20IdentityServerClientId and OAuth20IdentityServerClientSecret.",
      fail: message ?? "Creatio says one or more of the three system settings are empty.",
      fix: "Fill them out in step 3 (Fill out the system settings) and save.",
    },
    {
      id: "reachable",
      value: health.isIdentityServiceAvailable,
      pass: "Creatio's server reaches the Identity Service at OAuth20IdentityServerUrl.",
      fail: "Creatio's server cannot reach the Identity Service at the URL in OAuth20IdentityServerUrl.",
      fix: FIX_UNREACHABLE_FROM_CREATIO,
    },
    {
      id: "token",
      value: health.isAccessTokenRetrievableForSystemActions,
      pass: "Creatio gets an access token with the client id and secret it holds.",
      fail: "The Identity Service gives Creatio no token with the client ID and secret saved in Creatio (no access token for system actions).",
      fix: FIX_TOKEN,
    },
  ];
  const layered: SyncLayer[] = steps.map((step) => ({
    id: step.id,
    title: CREATIO_TITLES[step.id],
    make: () =>
      step.value === null
        ? makeCheck(step.id, CREATIO_TITLES[step.id], {
            verdict: "warn",
            message: "Creatio's health check did not report this.",
          })
        : makeCheck(step.id, CREATIO_TITLES[step.id], {
            verdict: step.value ? "pass" : "fail",
            message: step.value ? step.pass : step.fail,
            fix: step.fix,
            serverMessage: step.value ? undefined : message,
          }),
  }));
  if (health.isDefaultResourceRegistered !== null) {
    layered.push({
      id: "default-resource",
      title: CREATIO_TITLES["default-resource"],
      make: () =>
        makeCheck("default-resource", CREATIO_TITLES["default-resource"], {
          verdict: health.isDefaultResourceRegistered ? "pass" : "warn",
          message: health.isDefaultResourceRegistered
            ? "Creatio reports its default resource as registered."
            : "Creatio reports no registered default resource yet.",
          fix: "Create the default resource in step 4.",
        }),
    });
  }
  return makeGroup("identity-from-creatio", CREATIO_VIEW_TITLE, [answered, ...cascade(layered)]);
}
