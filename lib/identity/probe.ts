import "server-only";
import * as oauth from "oauth4webapi";
import { normalizeIdentityUrl } from "@/lib/contract/url";
import type { CallRecord } from "@/lib/errors";
import { isWizardError, type WizardError, wizardError } from "@/lib/errors";
import type { TlsTrust } from "@/lib/transport";
import { CallRecorder, normalizeTrust, recordingFetch } from "@/lib/transport";

// Checks, from the wizard's host, what Creatio will need from the Identity Service: the discovery
// document and a client-credentials token. OAuth is done by oauth4webapi; its HTTP goes through
// the wizard's one transport (lib/transport: TLS trust, timeout, size cap, recording).

export interface ProbeOptions {
  trust?: TlsTrust;
  timeoutMs?: number;
  /** Calls are appended here; a new recorder when absent. */
  recorder?: CallRecorder;
}

export interface DiscoveryResult {
  issuer: string;
  /** False when the document names another issuer than the address typed (a proxy or a renamed host). */
  issuerMatches: boolean;
  tokenEndpoint: string;
  grantTypes: string[];
  jwksUri: string | null;
  calls: CallRecord[];
}

export interface TokenProbeResult {
  ok: true;
  /** Seconds the token would live. The token itself is dropped: the wizard only proves it can get one. */
  expiresIn: number | null;
  tokenType: string;
  scope: string | null;
  tokenEndpoint: string;
  calls: CallRecord[];
}

export const TOKEN_PATH = "/connect/token";

export function oauthOptions(url: string, recorder: CallRecorder, opts: ProbeOptions) {
  const fetch = recordingFetch({
    recorder,
    trust: normalizeTrust(opts.trust),
    timeoutMs: opts.timeoutMs,
    system: "identity",
  });
  return {
    [oauth.customFetch]: fetch as unknown as typeof globalThis.fetch,
    // Plain http is the operator's choice (an internal IIS site); oauth4webapi refuses it by default.
    [oauth.allowInsecureRequests]: new URL(url).protocol === "http:",
  };
}

/** Transport failures become identity:unreachable, keeping TLS errors (their fix differs) as they are. */
export function fromTransport(e: unknown, url: string, recorder: CallRecorder): never {
  if (isWizardError(e)) {
    if (
      e.code.startsWith("network:") &&
      e.code !== "network:too-large" &&
      e.code !== "network:target-refused"
    ) {
      const error = wizardError(
        "identity:unreachable",
        { system: "identity", url, reason: e.message },
        { cause: e },
      );
      error.calls = recorder.snapshot();
      throw error;
    }
    if (e.code === "network:too-large" || e.code === "network:redirect") {
      throw fail(recorder, "identity:not-identity-service", url);
    }
    e.calls = recorder.snapshot();
    throw e;
  }
  throw fail(recorder, "identity:unexpected", url, {
    serverMessage: e instanceof Error ? e.message : undefined,
  });
}

export function fail(
  recorder: CallRecorder,
  code: WizardError["code"],
  url: string,
  extra: { serverMessage?: string; status?: number } = {},
): WizardError {
  const error = wizardError(code, { system: "identity", url, ...extra });
  const last = recorder.list.at(-1);
  if (last && !last.error) last.error = code;
  error.calls = recorder.snapshot();
  return error;
}

export async function peek(response: Response): Promise<{ html: boolean; json: unknown }> {
  const text = await response.clone().text();
  const html =
    (response.headers.get("content-type") ?? "").includes("text/html") || text.trimStart().startsWith("<");
  if (html) return { html, json: undefined };
  try {
    return { html, json: JSON.parse(text) };
  } catch {
    return { html, json: undefined };
  }
}

function inputUrl(identityUrl: string): string {
  return normalizeIdentityUrl(identityUrl);
}

/** GET {IS}/.well-known/openid-configuration: is this the Identity Service, and is it alive? */
export async function fetchDiscovery(identityUrl: string, opts: ProbeOptions = {}): Promise<DiscoveryResult> {
  const base = inputUrl(identityUrl);
  const recorder = opts.recorder ?? new CallRecorder();
  let response: Response;
  try {
    response = await oauth.discoveryRequest(new URL(base), oauthOptions(base, recorder, opts));
  } catch (e) {
    fromTransport(e, base, recorder);
  }
  const { html, json } = await peek(response);
  if (html || response.status === 404 || (response.status === 200 && json === undefined)) {
    throw fail(recorder, "identity:not-identity-service", base);
  }
  if (response.status !== 200) {
    throw fail(recorder, "identity:unexpected", base, { status: response.status });
  }
  const claimed = (json as { issuer?: unknown } | null)?.issuer;
  if (typeof claimed !== "string" || !URL.canParse(claimed)) {
    throw fail(recorder, "identity:not-identity-service", base);
  }
  let metadata: oauth.AuthorizationServer;
  try {
    // The issuer is compared below, not required: behind a proxy it legitimately differs.
    metadata = await oauth.processDiscoveryResponse(new URL(claimed), response);
  } catch (e) {
    throw fail(recorder, "identity:unexpected", base, {
      serverMessage: e instanceof Error ? e.message : undefined,
    });
  }
  if (!metadata.token_endpoint) {
    throw fail(recorder, "identity:unexpected", base, {
      serverMessage: "The discovery document has no token_endpoint.",
    });
  }
  return {
    issuer: metadata.issuer,
    issuerMatches: metadata.issuer.replace(/\/+$/, "") === base,
    tokenEndpoint: metadata.token_endpoint,
    grantTypes: metadata.grant_types_supported ?? [],
    jwksUri: metadata.jwks_uri ?? null,
    calls: recorder.snapshot(),
  };
}

export interface TokenProbeInput extends ProbeOptions {
  identityUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes; absent: the client's default scopes. */
  scope?: string;
}

/**
 * POST {IS}/connect/token with grant_type=client_credentials, the pair in the form, exactly where
 * Creatio will send it (`{OAuth20IdentityServerUrl}/connect/token`).
 */
export async function requestClientCredentialsToken(input: TokenProbeInput): Promise<TokenProbeResult> {
  const base = inputUrl(input.identityUrl);
  const recorder = input.recorder ?? new CallRecorder();
  if (input.clientId.trim() === "" || input.clientSecret === "") {
    throw wizardError("input:invalid-field", {
      field: input.clientId.trim() === "" ? "Client ID" : "Client secret",
      problem: "Type the client id and the client secret to test them.",
    });
  }
  const tokenEndpoint = `${base}${TOKEN_PATH}`;
  const as: oauth.AuthorizationServer = { issuer: base, token_endpoint: tokenEndpoint };
  const client: oauth.Client = { client_id: input.clientId.trim() };
  let response: Response;
  try {
    response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(input.clientSecret),
      input.scope ? { scope: input.scope } : {},
      oauthOptions(base, recorder, input),
    );
  } catch (e) {
    fromTransport(e, base, recorder);
  }
  const { html, json } = await peek(response);
  if (html || response.status === 404 || json === undefined) {
    throw fail(recorder, "identity:not-identity-service", tokenEndpoint, { status: response.status });
  }
  const oauthError = (json as { error?: unknown; error_description?: unknown } | null) ?? {};
  if (response.status !== 200) {
    if (oauthError.error === "invalid_client") {
      throw fail(recorder, "identity:invalid-client", tokenEndpoint, { status: response.status });
    }
    const described = [oauthError.error, oauthError.error_description]
      .filter((x) => typeof x === "string")
      .join(": ");
    throw fail(recorder, "identity:unexpected", tokenEndpoint, {
      status: response.status,
      serverMessage: described || undefined,
    });
  }
  let token: oauth.TokenEndpointResponse;
  try {
    token = await oauth.processClientCredentialsResponse(as, client, response);
  } catch (e) {
    throw fail(recorder, "identity:unexpected", tokenEndpoint, {
      serverMessage: e instanceof Error ? e.message : undefined,
    });
  }
  return {
    ok: true,
    expiresIn: typeof token.expires_in === "number" ? token.expires_in : null,
    tokenType: token.token_type,
    scope: token.scope ?? null,
    tokenEndpoint,
    calls: recorder.snapshot(),
  };
}
