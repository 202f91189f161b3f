// How the demo Creatio's server talks to the Identity Service: with the URL exactly as saved (a trailing
// slash gives `//connect/token`), through its own network view (hosts in `unreachableFromCreatio` fail
// as a firewall would) and its own trust store (the demo CA when `creatioTrustsIdentityCa`).

import type { JsonWebKey } from "node:crypto";
import { Agent, fetch } from "undici";
import {
  CLIENTS_REGISTER_PATH,
  CLIENTS_REMOVE_PATH,
  REGISTER_RESOURCE_PATH,
  REGISTER_SCOPES,
} from "../identity/constants";

export interface CreatioNetwork {
  unreachable: string[];
  /** Extra CA Creatio's server trusts (the demo CA), or undefined. */
  caPem?: string;
}

export type IdentityCallResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "unreachable" | "rejected" };

const TIMEOUT_MS = 5000;
const agents = new Map<string, Agent>();

function dispatcherFor(caPem: string | undefined): Agent | undefined {
  if (!caPem) return undefined;
  let agent = agents.get(caPem);
  if (!agent) {
    agent = new Agent({ connect: { ca: caPem } });
    agents.set(caPem, agent);
  }
  return agent;
}

/** Whether Creatio's server can open a connection to this URL's host at all. */
function blockedOrInvalid(url: string, network: CreatioNetwork): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return true;
  const defaultPort = parsed.protocol === "https:" ? "443" : "80";
  const hostPort = `${parsed.hostname}:${parsed.port || defaultPort}`.toLowerCase();
  return network.unreachable.some((entry) => {
    const wanted = entry.toLowerCase();
    return (
      wanted === hostPort || wanted === parsed.host.toLowerCase() || wanted === parsed.hostname.toLowerCase()
    );
  });
}

async function call(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  network: CreatioNetwork,
): Promise<{ status: number; text: string } | null> {
  if (blockedOrInvalid(url, network)) return null;
  try {
    const response = await fetch(url, {
      ...init,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      dispatcher: dispatcherFor(network.caPem),
    });
    return { status: response.status, text: await response.text() };
  } catch {
    // Refused, DNS, timeout, TLS: for Creatio all mean "cannot reach".
    return null;
  }
}

/** The service answers HTTP at its discovery address (any status). */
export async function identityServiceAnswers(savedUrl: string, network: CreatioNetwork): Promise<boolean> {
  return (await call(`${savedUrl}/.well-known/openid-configuration`, { method: "GET" }, network)) !== null;
}

/** client_credentials token for the scopes Creatio asks when it registers resources. */
export async function requestSystemToken(
  savedUrl: string,
  clientId: string,
  clientSecret: string,
  network: CreatioNetwork,
): Promise<IdentityCallResult<string>> {
  const answer = await call(
    `${savedUrl}/connect/token`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
        scope: REGISTER_SCOPES,
      }).toString(),
    },
    network,
  );
  if (!answer) return { ok: false, reason: "unreachable" };
  if (answer.status !== 200) return { ok: false, reason: "rejected" };
  try {
    const token = (JSON.parse(answer.text) as { access_token?: unknown }).access_token;
    return typeof token === "string" && token !== ""
      ? { ok: true, value: token }
      : { ok: false, reason: "rejected" };
  } catch {
    return { ok: false, reason: "rejected" };
  }
}

export async function registerResource(
  savedUrl: string,
  token: string,
  name: string,
  network: CreatioNetwork,
): Promise<IdentityCallResult<true>> {
  const answer = await call(
    `${savedUrl}${REGISTER_RESOURCE_PATH}`,
    {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ Name: name, DisplayName: "Default resource" }),
    },
    network,
  );
  if (!answer) return { ok: false, reason: "unreachable" };
  return answer.status >= 200 && answer.status < 300
    ? { ok: true, value: true }
    : { ok: false, reason: "rejected" };
}

export interface AppClientRequest {
  name: string;
  systemUserId: string;
  /** The resource the client may ask for; null when Creatio could not link it. */
  resource: string | null;
  grantType: string;
  visibleAfterMs: number;
}

/** AddClient's call to the Identity Service (docs/creatio-api.md §4.6): a client bound to a Creatio user. */
export async function registerAppClient(
  savedUrl: string,
  token: string,
  request: AppClientRequest,
  network: CreatioNetwork,
): Promise<IdentityCallResult<{ clientId: string; clientSecret: string }>> {
  const answer = await call(
    `${savedUrl}${CLIENTS_REGISTER_PATH}`,
    {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        ClientName: request.name,
        SysAdminUnitId: request.systemUserId,
        Resource: request.resource,
        GrantType: request.grantType,
        VisibleAfterMs: request.visibleAfterMs,
      }),
    },
    network,
  );
  if (!answer) return { ok: false, reason: "unreachable" };
  if (answer.status !== 200) return { ok: false, reason: "rejected" };
  try {
    const { ClientId, ClientSecret } = JSON.parse(answer.text) as {
      ClientId?: unknown;
      ClientSecret?: unknown;
    };
    return typeof ClientId === "string" && typeof ClientSecret === "string"
      ? { ok: true, value: { clientId: ClientId, clientSecret: ClientSecret } }
      : { ok: false, reason: "rejected" };
  } catch {
    return { ok: false, reason: "rejected" };
  }
}

/** DeleteClient's call: removes the client (a client already gone counts as removed). */
export async function removeAppClient(
  savedUrl: string,
  token: string,
  clientId: string,
  network: CreatioNetwork,
): Promise<IdentityCallResult<true>> {
  const answer = await call(
    `${savedUrl}${CLIENTS_REMOVE_PATH}`,
    {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ ClientId: clientId }),
    },
    network,
  );
  if (!answer) return { ok: false, reason: "unreachable" };
  return answer.status === 200 || answer.status === 404
    ? { ok: true, value: true }
    : { ok: false, reason: "rejected" };
}

/** The service's signing keys, as Creatio fetches them to verify bearer tokens (discovery, then jwks_uri). */
export async function fetchSigningKeys(
  savedUrl: string,
  network: CreatioNetwork,
): Promise<IdentityCallResult<JsonWebKey[]>> {
  const discovery = await call(`${savedUrl}/.well-known/openid-configuration`, { method: "GET" }, network);
  if (!discovery) return { ok: false, reason: "unreachable" };
  try {
    const { jwks_uri } = JSON.parse(discovery.text) as { jwks_uri?: unknown };
    if (typeof jwks_uri !== "string") return { ok: false, reason: "rejected" };
    const jwks = await call(jwks_uri, { method: "GET" }, network);
    if (!jwks) return { ok: false, reason: "unreachable" };
    const { keys } = JSON.parse(jwks.text) as { keys?: unknown };
    return Array.isArray(keys)
      ? { ok: true, value: keys as JsonWebKey[] }
      : { ok: false, reason: "rejected" };
  } catch {
    return { ok: false, reason: "rejected" };
  }
}
