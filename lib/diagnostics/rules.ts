// One diagnosis rule per field problem of docs/creatio-api.md §6. Each rule is pure: it reads the
// checks of both vantage points, what was read from Creatio and the wizard's earlier errors, and answers a
// Diagnosis with its own message and fix, or null. No `server-only`: pages may run them on stored results.

import { isIpLiteral, meansThisMachine } from "@/lib/contract/addresses";
import type { CreatioRuntime } from "@/lib/creatio/types";
import type { ErrorCode } from "@/lib/errors";
import type {
  Check,
  CheckGroup,
  CheckGroupId,
  CheckId,
  CreatioState,
  Diagnosis,
  DiagnosisId,
  DiagnosticsRun,
  PastError,
} from "./types";
import { healthCheckMinimumVersion, predatesHealthCheck } from "./version";

export interface RuleInput {
  creatio: DiagnosticsRun["creatio"];
  /** The Identity Service address the wizard tested. */
  identityUrl: string | null;
  groups: CheckGroup[];
  state: CreatioState;
  /** Failures the wizard met earlier in this session (saving settings, creating the default resource). */
  history: PastError[];
}

export type Rule = (input: RuleInput) => Diagnosis | null;

// Reading the evidence ---------------------------------------------------------------------------------

function find(input: RuleInput, group: CheckGroupId, check: CheckId): Check | undefined {
  return input.groups.find((g) => g.id === group)?.checks.find((c) => c.id === check);
}

const ref = (group: CheckGroupId, check: CheckId) => `${group}/${check}`;

/** The check when it failed with a code that passes `test`, else null. */
function failedWith(check: Check | undefined, test: (code: ErrorCode) => boolean): Check | null {
  return check?.verdict === "fail" && check.code !== undefined && test(check.code) ? check : null;
}

function firstFailure(input: RuleInput, group: CheckGroupId): Check | undefined {
  return input.groups.find((g) => g.id === group)?.checks.find((c) => c.verdict === "fail");
}

function lastError<C extends ErrorCode>(
  input: RuleInput,
  codes: readonly C[],
): (PastError & { code: C }) | undefined {
  return [...input.history]
    .reverse()
    .find((e): e is PastError & { code: C } => (codes as readonly ErrorCode[]).includes(e.code));
}

function parse(url: string | null | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function portOf(url: URL): string {
  return url.port || (url.protocol === "https:" ? "443" : "80");
}

const isLoopback = (url: URL) => meansThisMachine(url.hostname);

const sameAddress = (a: string | null, b: string | null) =>
  (a ?? "").replace(/\/+$/, "").toLowerCase() === (b ?? "").replace(/\/+$/, "").toLowerCase();

/** What Creatio's server says about reaching the Identity Service: true, false, or null (no evidence). */
function creatioReachesIdentity(input: RuleInput): boolean | null {
  const health = input.state.health;
  if (
    health?.available &&
    health.isSystemSettingsFilledIn === true &&
    health.isIdentityServiceAvailable !== null
  ) {
    return health.isIdentityServiceAvailable;
  }
  if (lastError(input, ["resource:identity-unreachable"])) return false;
  return null;
}

/** Whether the wizard's host reaches the Identity Service: null when the evidence says neither (TLS, not run). */
function wizardReachesIdentity(input: RuleInput): boolean | null {
  const discovery = find(input, "identity-from-wizard", "discovery");
  if (discovery?.verdict === "pass" || discovery?.verdict === "warn") return true;
  const failed = firstFailure(input, "identity-from-wizard");
  if (failed?.code && (failed.code.startsWith("network:") || failed.code === "identity:unreachable"))
    return false;
  return null;
}

function creatioSaysTokenRefused(input: RuleInput): boolean {
  const h = input.state.health;
  return Boolean(
    h?.available &&
      h.isIdentityServiceAvailable === true &&
      h.isAccessTokenRetrievableForSystemActions === false,
  );
}

function savedUrl(input: RuleInput): string | null {
  return input.state.settings?.url ?? null;
}

function diagnosis(
  id: DiagnosisId,
  title: string,
  message: string,
  fix: string,
  evidence: string[],
): Diagnosis {
  return { id, title, message, fix, evidence };
}

const RUNTIME_NAMES: Record<CreatioRuntime, string> = { netfx: ".NET Framework", net: ".NET" };

// 1. Reachable from one side only --------------------------------------------------------------------------

export const identityUnreachableFromCreatio: Rule = (input) => {
  if (wizardReachesIdentity(input) !== true || creatioReachesIdentity(input) !== false) return null;
  const tested = input.identityUrl;
  const saved = savedUrl(input) ?? tested;
  const target = parse(saved);
  const sentences = [
    `The wizard's server reaches the Identity Service at ${tested}, but Creatio's server cannot reach ${saved ?? "it"}.`,
  ];
  if (saved && tested && !sameAddress(saved, tested)) {
    sentences.push(`Note that the wizard tested ${tested}, while OAuth20IdentityServerUrl holds ${saved}.`);
  }
  if (target && isLoopback(target)) {
    sentences.push(
      `OAuth20IdentityServerUrl uses ${target.hostname}, which on the Creatio server means the Creatio server itself.`,
    );
  }
  const host = target?.hostname ?? "the Identity Service's host";
  const port = target ? portOf(target) : "its port";
  const resolves =
    target && isIpLiteral(target.hostname) ? "" : `resolves ${host} (DNS or its hosts file) and `;
  let fix =
    `On the Creatio server, open ${saved ?? "the Identity Service address"}/.well-known/openid-configuration in a browser or with curl. ` +
    `If it does not open there, check that the Creatio server ${resolves}is allowed through the firewall to port ${port}. ` +
    "Use a host name or IP address of the Identity Service that the Creatio server reaches, not localhost, and save it in OAuth20IdentityServerUrl (step 3).";
  if (target?.protocol === "https:") {
    fix +=
      " If the page opens only after a certificate warning, install the Identity Service's CA certificate in the Creatio server's trusted root certificates.";
  }
  return diagnosis(
    "identity-unreachable-from-creatio",
    "The wizard reaches the Identity Service, Creatio does not",
    sentences.join(" "),
    fix,
    [ref("identity-from-wizard", "discovery"), ref("identity-from-creatio", "reachable")],
  );
};

export const identityUnreachableFromWizard: Rule = (input) => {
  if (wizardReachesIdentity(input) !== false || creatioReachesIdentity(input) !== true) return null;
  const failed = firstFailure(input, "identity-from-wizard");
  const target = parse(input.identityUrl);
  const sentences = [
    `Creatio's server reaches the Identity Service, but the wizard's server does not: ${failed?.message ?? "its checks failed."}`,
  ];
  if (target && isLoopback(target)) {
    sentences.push(`The address uses ${target.hostname}, which means a different machine for each server.`);
  }
  const where = target ? `${target.hostname}:${portOf(target)}` : "the Identity Service";
  return diagnosis(
    "identity-unreachable-from-wizard",
    "Creatio reaches the Identity Service, the wizard does not",
    sentences.join(" "),
    `Creatio works as it is: nothing needs changing there. For the wizard's own tests, let the wizard's server reach ${where} (DNS, firewall, VPN).`,
    [ref("identity-from-wizard", failed?.id ?? "dns"), ref("identity-from-creatio", "reachable")],
  );
};

// 2. Self-signed or untrusted certificate -----------------------------------------------------------------

const isTls = (code: ErrorCode) => code.startsWith("tls:");

const CREATIO_SERVER_TRUST =
  "Creatio's server must trust the Identity Service's certificate too: install its CA certificate (or the self-signed certificate itself) " +
  "in the Trusted Root Certification Authorities store of the Creatio server's Local Computer account (on Linux or Docker, in the system CA bundle), then restart the Creatio site.";

export const certificateNotTrusted: Rule = (input) => {
  const messages: string[] = [];
  const fixes: string[] = [];
  const evidence: string[] = [];
  const creatioTls = failedWith(find(input, "creatio", "tls"), isTls);
  if (creatioTls) {
    messages.push(`Creatio's HTTPS certificate is not trusted by the wizard's server: ${creatioTls.message}`);
    fixes.push(creatioTls.fix ?? "");
    evidence.push(ref("creatio", "tls"));
  }
  const identityTls = find(input, "identity-from-wizard", "tls");
  const identityTlsFailed = failedWith(identityTls, isTls);
  if (identityTlsFailed) {
    messages.push(
      `The Identity Service's HTTPS certificate is not trusted by the wizard's server: ${identityTlsFailed.message}`,
    );
    fixes.push(identityTlsFailed.fix ?? "", CREATIO_SERVER_TRUST);
    evidence.push(ref("identity-from-wizard", "tls"));
  } else if (identityTls?.verdict === "pass" && creatioReachesIdentity(input) === false) {
    // The wizard trusts it only because the operator said so, or it is self-signed: Creatio's server
    // most likely does not.
    const facts = identityTls.details.facts;
    const privatelyTrusted =
      facts["self-signed"] === true || facts["trusted through"] !== "public authorities";
    if (privatelyTrusted && facts["trusted through"] !== undefined) {
      messages.push(
        "The Identity Service uses a certificate that only a CA or fingerprint given to the wizard makes trusted, and Creatio's server cannot reach the Identity Service: most likely it does not trust that certificate.",
      );
      fixes.push(CREATIO_SERVER_TRUST);
      evidence.push(ref("identity-from-wizard", "tls"), ref("identity-from-creatio", "reachable"));
    }
  }
  if (messages.length === 0) return null;
  return diagnosis(
    "certificate-not-trusted",
    "HTTPS certificate not trusted",
    messages.join(" "),
    fixes.filter((f) => f !== "").join(" "),
    evidence,
  );
};

// 3. invalid_client after an appsettings.json edit ---------------------------------------------------------

/** Why a changed appsettings.json has no effect, and the clean-up that makes it count. */
const CLIENTS_COPY =
  "the Identity Service is using an older copy: it copied the Clients value of its appsettings.json into its database when it first started, and ignores later edits of that file. " +
  "In its database, delete the rows in Clients, ClientScopes, ClientSecrets and ClientClaims, then restart the Identity Service site so that it copies the current Clients again.";
const SAVE_PAIR =
  "save the same client id and secret in OAuth20IdentityServerClientId and OAuth20IdentityServerClientSecret (step 3)";

export const invalidClient: Rule = (input) => {
  if (trailingSlash(input) || tokenFromCreatioUrl(input)) return null; // those explain a refused token better
  const token = find(input, "identity-from-wizard", "token");
  const title = "The Identity Service refuses the client id and secret (invalid_client)";
  const evidence = [ref("identity-from-wizard", "token")];
  if (creatioSaysTokenRefused(input)) evidence.push(ref("identity-from-creatio", "token"));
  const refusedToWizard = failedWith(token, (c) => c === "identity:invalid-client");
  if (refusedToWizard) {
    const clientId = refusedToWizard.details.facts["client id"];
    const who = typeof clientId === "string" ? `the client id ${clientId}` : "the client id";
    const both = creatioSaysTokenRefused(input) ? " Creatio's health check sees the same refusal." : "";
    return diagnosis(
      "invalid-client",
      title,
      `The Identity Service refused ${who} and its secret (invalid_client) when the wizard asked for a token.${both}`,
      `Compare the client id and secret with the Clients value of the Identity Service's appsettings.json. If they match, ${CLIENTS_COPY} Then ${SAVE_PAIR}.`,
      evidence,
    );
  }
  const refused =
    creatioSaysTokenRefused(input) || lastError(input, ["resource:bad-credentials"]) !== undefined;
  if (!refused) return null;
  if (token?.verdict === "pass" && sameAddress(input.identityUrl, savedUrl(input))) {
    return diagnosis(
      "invalid-client",
      title,
      "The client id and secret the wizard tested work, but the Identity Service refuses the pair saved in Creatio.",
      "Save the client id and secret again in step 3 (Fill out the system settings): OAuth20IdentityServerClientSecret holds another secret than the one tested.",
      evidence,
    );
  }
  return diagnosis(
    "invalid-client",
    title,
    "Creatio reaches the Identity Service, but the service refuses the client id and secret saved in Creatio, so Creatio gets no access token for system actions.",
    `Take the client id and secret from the Clients value of the Identity Service's appsettings.json and ${SAVE_PAIR}. If Creatio still gets no token, ${CLIENTS_COPY}`,
    creatioSaysTokenRefused(input)
      ? [ref("identity-from-creatio", "token")]
      : [ref("setup", "default-resource")],
  );
};

// 4. The Identity Service site does not start ----------------------------------------------------------------

function serverErrorStatus(check: Check | undefined): number | null {
  if (check?.verdict !== "fail") return null;
  const status = check.details.calls.at(-1)?.status ?? null;
  return status !== null && status >= 500 ? status : null;
}

export const identityServiceNotStarted: Rule = (input) => {
  if (creatioReachesIdentity(input) === true) return null;
  const tcp = find(input, "identity-from-wizard", "tcp");
  const discovery = find(input, "identity-from-wizard", "discovery");
  const refused = failedWith(tcp, (c) => c === "network:refused") !== null;
  const status = serverErrorStatus(discovery);
  if (!refused && status === null) return null;
  const target = parse(input.identityUrl);
  const where = target ? `${target.hostname}:${portOf(target)}` : "the Identity Service's address";
  const both =
    creatioReachesIdentity(input) === false ? " Creatio's health check cannot reach it either." : "";
  const message = refused
    ? `Nothing answers at ${where}: the Identity Service site is stopped or could not start.${both}`
    : `The Identity Service site answers HTTP ${status}: it is installed but does not run (IIS shows "HTTP Error 500.30 - ASP.NET Core app failed to start" in this case).${both}`;
  return diagnosis(
    "identity-service-not-started",
    "The Identity Service does not run",
    message,
    `Start the site (IIS Manager, or the Docker container) and open ${input.identityUrl ?? "its address"}/.well-known/openid-configuration on that server. ` +
      "If IIS shows HTTP Error 500.30, the reason is in the Windows Event Log (Application) or the site's stdout log; the usual causes are a wrong certificate path or password in appsettings.json, " +
      'a certificate whose private key type the service cannot use, and "Load User Profile" set to False in the application pool\'s Advanced Settings (set it to True, then recycle the pool).',
    [ref("identity-from-wizard", refused ? "tcp" : "discovery")],
  );
};

// 5. Trailing slash in OAuth20IdentityServerUrl ---------------------------------------------------------------

function trailingSlash(input: RuleInput): string | null {
  const url = savedUrl(input);
  return url && /\/\s*$/.test(url) ? url.trim() : null;
}

export const trailingSlashRule: Rule = (input) => {
  const url = trailingSlash(input);
  if (!url) return null;
  const trimmed = url.replace(/\/+$/, "");
  return diagnosis(
    "trailing-slash",
    "OAuth20IdentityServerUrl ends with a slash",
    `OAuth20IdentityServerUrl ends with a slash (${url}), so Creatio asks for tokens at ${url}/connect/token, with a double slash, which the Identity Service does not answer.`,
    `Save the address without the trailing slash, ${trimmed}, in step 3 (the wizard stores it that way).`,
    [ref("setup", "settings")],
  );
};

// 6. Token asked from the Creatio URL ----------------------------------------------------------------------------

/** Whether `url` is the Creatio site itself (same origin, at or below its path). */
function isCreatioAddress(url: string | null, creatioUrl: string): boolean {
  const a = parse(url);
  const b = parse(creatioUrl);
  if (!a || !b || a.origin !== b.origin) return false;
  const base = b.pathname.replace(/\/+$/, "");
  return base === "" || a.pathname === base || a.pathname.startsWith(`${base}/`);
}

function tokenFromCreatioUrl(input: RuleInput): { message: string; evidence: string[] } | null {
  const saved = savedUrl(input);
  if (isCreatioAddress(saved, input.creatio.url)) {
    return {
      message: `OAuth20IdentityServerUrl points at Creatio itself (${saved}): a token request there returns Creatio's web page, not a token.`,
      evidence: [ref("setup", "settings")],
    };
  }
  if (isCreatioAddress(input.identityUrl, input.creatio.url)) {
    return {
      message: `The Identity Service address (${input.identityUrl}) is Creatio's own address: a token request there returns Creatio's web page, not a token.`,
      evidence: [ref("identity-from-wizard", "discovery")],
    };
  }
  const notIdentity = (id: CheckId) =>
    failedWith(find(input, "identity-from-wizard", id), (c) => c === "identity:not-identity-service") !==
    null;
  const which = notIdentity("discovery") ? "discovery" : notIdentity("token") ? "token" : null;
  if (which) {
    return {
      message: `Asking ${input.identityUrl} for ${which === "token" ? "a token" : "the discovery document"} returned a web page instead of the Identity Service's JSON: the address belongs to another site, most often Creatio itself.`,
      evidence: [ref("identity-from-wizard", which)],
    };
  }
  return null;
}

export const tokenFromCreatioUrlRule: Rule = (input) => {
  const found = tokenFromCreatioUrl(input);
  if (!found) return null;
  return diagnosis(
    "token-from-creatio-url",
    "The Identity Service address is not the Identity Service",
    found.message,
    "Use the Identity Service's own address (its IIS site, often on port 8090, or its Docker container): it answers /.well-known/openid-configuration with JSON. Save it in OAuth20IdentityServerUrl (step 3).",
    found.evidence,
  );
};

// 7. Feature enabled, section not visible ---------------------------------------------------------------------------

export const featureCache: Rule = (input) => {
  const feature = input.state.feature;
  if (!feature?.exists || feature.allEmployeesState !== 1 || feature.currentUserState !== 0) return null;
  return diagnosis(
    "feature-cache",
    "Feature enabled, but Creatio still shows it off",
    `The additional feature OAuth20Integration is on for All employees, but Creatio still reports it off for ${input.creatio.userName ?? "the signed-in user"}: its feature cache holds the old state, so the OAuth 2.0 integrated applications section stays hidden.`,
    'Run step 1 again ("Enable for all users"): it clears the feature cache. Then refresh every open Creatio page (F5) before looking for the section in the System Designer. If Creatio still shows it off, restart the Creatio site, which clears all caches.',
    [ref("setup", "feature")],
  );
};

// 8. Default resource creation fails ---------------------------------------------------------------------------------

const RESOURCE_CODES = [
  "resource:identity-unreachable",
  "resource:bad-credentials",
  "resource:oauth-disabled",
  "resource:multiple-defaults",
  "resource:failed",
  "rights:solution",
] as const satisfies readonly ErrorCode[];

type ResourceCode = (typeof RESOURCE_CODES)[number];

function quoteCreatio(text: string | undefined): string {
  return text ? ` Creatio said: "${text}"` : "";
}

const RESOURCE_CAUSES: Record<
  Exclude<ResourceCode, "resource:multiple-defaults">,
  (e: PastError) => [string, string]
> = {
  "resource:identity-unreachable": (e) => [
    `Creating the default resource failed because Creatio's server could not reach the Identity Service.${quoteCreatio(e.creatioMessage)}`,
    "Make the address in OAuth20IdentityServerUrl reachable from the Creatio server (DNS, firewall, certificate, no localhost), check that Creatio's health check says the Identity Service is available, then run step 4 again.",
  ],
  "resource:bad-credentials": (e) => [
    `Creating the default resource failed because the Identity Service refused Creatio's client id and secret.${quoteCreatio(e.creatioMessage)}`,
    `Take the client id and secret from the Clients value of the Identity Service's appsettings.json and ${SAVE_PAIR}. If the Identity Service still refuses them, ${CLIENTS_COPY} Then run step 4 again.`,
  ],
  "rights:solution": (e) => [
    `Creating the default resource failed because the signed-in user lacks the "Can manage solution" (CanManageSolution) permission.${quoteCreatio(e.creatioMessage)}`,
    'Ask an administrator to grant "Can manage solution" (CanManageSolution) in Operation permissions, or connect as a system administrator, then run step 4 again.',
  ],
  "resource:oauth-disabled": (e) => [
    `Creating the default resource failed because OAuth 2.0 is switched off in Creatio's application configuration.${quoteCreatio(e.creatioMessage)}`,
    'Ask the server administrator to set Feature-EnableOAuth20Integration to "true" in the appSettings of Creatio\'s configuration file (Web.config on .NET Framework, Terrasoft.WebHost.dll.config on .NET), restart the site, then run step 4 again.',
  ],
  "resource:failed": (e) => [
    `Creating the default resource failed for a reason the wizard does not recognise.${quoteCreatio(e.creatioMessage)}`,
    "Check the three system settings and Creatio's application log for the error, then run step 4 again.",
  ],
};

export const defaultResourceFailed: Rule = (input) => {
  const resources = input.state.defaultResources;
  const past = lastError(input, RESOURCE_CODES);
  if (
    (resources && resources.count > 1) ||
    (past?.code === "resource:multiple-defaults" && resources?.count !== 1)
  ) {
    const names = resources?.names.length ? ` (${resources.names.join(", ")})` : "";
    return diagnosis(
      "default-resource-failed",
      "More than one default resource",
      `Creatio has ${resources?.count ?? "more than one"} default resources${names}, so saving OAuth 2.0 integrated applications fails with "More than one default resource found".`,
      "Creatio does not allow deleting resources: contact Creatio support to remove the extra default resource. Do not run step 4 again.",
      [ref("setup", "default-resource")],
    );
  }
  if (!past || past.code === "resource:multiple-defaults" || resources?.count === 1) return null;
  const [message, fix] = RESOURCE_CAUSES[past.code](past);
  return diagnosis("default-resource-failed", "The default resource could not be created", message, fix, [
    ref("setup", "default-resource"),
  ]);
};

// 9. Missing rights ------------------------------------------------------------------------------------------------------

const RIGHT_TEXT = {
  "rights:sys-settings": {
    name: '"Can manage system settings" (CanManageSysSettings)',
    needs: "the three system settings cannot be saved",
    check: "rights-sys-settings",
  },
  "rights:solution": {
    name: '"Can manage solution" (CanManageSolution)',
    needs: "the default resource cannot be created",
    check: "rights-solution",
  },
} as const;

export const missingRights: Rule = (input) => {
  const missing = (Object.keys(RIGHT_TEXT) as (keyof typeof RIGHT_TEXT)[]).filter((code) => {
    const check = find(input, "creatio", RIGHT_TEXT[code].check);
    return check?.code === code || input.history.some((e) => e.code === code);
  });
  if (missing.length === 0) return null;
  const user = input.creatio.userName ?? "The signed-in user";
  const names = missing.map((code) => RIGHT_TEXT[code].name).join(" and ");
  const needs = missing.map((code) => RIGHT_TEXT[code].needs).join(", and ");
  return diagnosis(
    "missing-rights",
    "Missing operation permissions",
    `${user} lacks the system operation permission ${names}, so ${needs}.`,
    `Ask an administrator to grant ${missing.length > 1 ? "them" : "it"} in System Designer > Operation permissions (open the operation by its code and add this user or one of its roles with access), or connect as a system administrator. Then sign in to the wizard again.`,
    missing.map((code) => ref("creatio", RIGHT_TEXT[code].check)),
  );
};

// 10. Health check absent on old or .NET builds ------------------------------------------------------------------------------

export const healthCheckAbsent: Rule = (input) => {
  const health = input.state.health;
  if (!health || health.available) return null;
  const { version, runtime } = input.creatio;
  const minimum = healthCheckMinimumVersion(runtime);
  const old = predatesHealthCheck(version, runtime) === true;
  const status = health.httpStatus ? `HTTP ${health.httpStatus}` : "no answer";
  const build = [version, runtime ? `on ${RUNTIME_NAMES[runtime]}` : null].filter(Boolean).join(" ");
  const message = old
    ? `Creatio ${build} has no OAuth health check (${status}): it exists from 8.1.2, and on .NET from 8.3.2.`
    : health.reason === "unauthorized" || health.reason === "login-redirect"
      ? `Creatio${build ? ` ${build}` : ""} asked for a sign-in before answering its OAuth health check (${status}).`
      : `Creatio${build ? ` ${build}` : ""} did not answer its OAuth health check (api/OAuthHealthCheck: ${status}).`;
  return diagnosis(
    "health-check-absent",
    "No OAuth health check on this Creatio",
    message,
    "Nothing is broken by this. The wizard's own checks of the Identity Service (discovery document and token) stand in for Creatio's view; " +
      "Creatio's own view shows only when it uses the Identity Service, for example when step 4 creates the default resource. " +
      `Updating Creatio to ${minimum} or later adds the health check.`,
    [ref("identity-from-creatio", "health-check")],
  );
};

/** Every rule, in the order diagnoses are shown: connection first, then setup, then information. */
export const RULES: readonly Rule[] = [
  identityServiceNotStarted,
  identityUnreachableFromCreatio,
  identityUnreachableFromWizard,
  certificateNotTrusted,
  tokenFromCreatioUrlRule,
  trailingSlashRule,
  invalidClient,
  defaultResourceFailed,
  missingRights,
  featureCache,
  healthCheckAbsent,
];

export function diagnose(input: RuleInput): Diagnosis[] {
  return RULES.map((rule) => rule(input)).filter((d): d is Diagnosis => d !== null);
}
