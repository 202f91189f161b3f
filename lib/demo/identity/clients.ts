// The app clients Creatio creates for "OAuth 2.0 integrated applications" (docs/creatio-api.md §4.6):
// Creatio's AddClient asks this service (with its system client's token) to register a client bound to
// a Creatio user and allowed the default resource's scope; DeleteClient asks to remove it. The clients
// live in oidc-provider's own store (model "Client"), so `/connect/token` issues real tokens for them:
// JWTs signed with the service's key, `aud` and `scope` = the resource name, and `prop:SysAdminUnitId`.

import { randomBytes } from "node:crypto";
import type http from "node:http";
import type Provider from "oidc-provider";
import type { Adapter } from "oidc-provider";
import { CLIENTS_REGISTER_PATH, CLIENTS_REMOVE_PATH, MANAGE_CLIENTS_SCOPE } from "./constants";

/** Extra client metadata the provider keeps for app clients. */
export const APP_CLIENT_PROPERTIES = ["creatio_resource", "sys_admin_unit_id", "creatio_app"] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function authorized(provider: Provider, req: http.IncomingMessage): Promise<boolean> {
  const [scheme, value] = (req.headers.authorization ?? "").split(" ");
  if (scheme?.toLowerCase() !== "bearer" || !value) return false;
  const token = await provider.ClientCredentials.find(value);
  return !!token && !token.isExpired && (token.scope ?? "").split(" ").includes(MANAGE_CLIENTS_SCOPE);
}

interface RegisterRequest {
  ClientName: string;
  SysAdminUnitId: string;
  /** The resource (scope) the client may ask for; null when Creatio could not link it (junction error). */
  Resource: string | null;
  GrantType: string;
  /** Demo only: the client becomes known to the token endpoint after this many ms (replication lag). */
  VisibleAfterMs?: number;
}

function parseRegister(body: unknown): RegisterRequest | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.ClientName !== "string" || b.ClientName === "") return null;
  if (typeof b.SysAdminUnitId !== "string" || !GUID.test(b.SysAdminUnitId)) return null;
  if (b.Resource !== null && typeof b.Resource !== "string") return null;
  const grant = typeof b.GrantType === "string" && b.GrantType !== "" ? b.GrantType : "client_credentials";
  const delay = typeof b.VisibleAfterMs === "number" && b.VisibleAfterMs > 0 ? b.VisibleAfterMs : 0;
  return {
    ClientName: b.ClientName,
    SysAdminUnitId: b.SysAdminUnitId.toLowerCase(),
    Resource: b.Resource as string | null,
    GrantType: grant,
    VisibleAfterMs: Math.min(delay, 60_000),
  };
}

function metadataFor(request: RegisterRequest, clientId: string, clientSecret: string) {
  const credentials = request.GrantType === "client_credentials";
  return {
    client_id: clientId,
    client_secret: clientSecret,
    client_name: request.ClientName,
    grant_types: credentials ? ["client_credentials"] : ["authorization_code"],
    response_types: credentials ? [] : ["code"],
    redirect_uris: credentials ? [] : ["https://localhost/callback"],
    token_endpoint_auth_method: "client_secret_post",
    // Only the static scope `openid`: the service's own scopes (IdentityServerApi...) stay out of reach;
    // the resource's scope comes with the resource indicator (server.ts).
    scope: "openid",
    creatio_app: true,
    creatio_resource: request.Resource,
    sys_admin_unit_id: request.SysAdminUnitId,
  };
}

/** `POST /api/Clients/register` and `/api/Clients/remove`; answers false for any other path. */
export async function handleClients(
  provider: Provider,
  adapter: Adapter,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
): Promise<boolean> {
  if (path !== CLIENTS_REGISTER_PATH && path !== CLIENTS_REMOVE_PATH) return false;
  try {
    if (req.method !== "POST") {
      sendJson(res, 405, { error: "method_not_allowed" });
      return true;
    }
    if (!(await authorized(provider, req))) {
      sendJson(res, 401, { error: "invalid_token" });
      return true;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      sendJson(res, 400, { error: "invalid_request", error_description: "Body is not JSON." });
      return true;
    }
    if (path === CLIENTS_REMOVE_PATH) {
      const clientId = (body as { ClientId?: unknown } | null)?.ClientId;
      if (typeof clientId !== "string" || clientId === "") {
        sendJson(res, 400, { error: "invalid_request", error_description: "ClientId is required." });
        return true;
      }
      const existed = (await adapter.find(clientId)) !== undefined;
      await adapter.destroy(clientId);
      sendJson(res, existed ? 200 : 404, existed ? { success: true } : { error: "not_found" });
      return true;
    }
    const request = parseRegister(body);
    if (!request) {
      sendJson(res, 400, {
        error: "invalid_request",
        error_description: "ClientName, SysAdminUnitId and Resource are required.",
      });
      return true;
    }
    // Creatio-style ids: 32 hex characters for the id, a 32-character secret.
    const clientId = randomBytes(16).toString("hex").toUpperCase();
    const clientSecret = randomBytes(24).toString("base64url");
    const metadata = metadataFor(request, clientId, clientSecret);
    const store = () => adapter.upsert(clientId, metadata as never, 0);
    if (request.VisibleAfterMs) setTimeout(() => void store(), request.VisibleAfterMs).unref();
    else await store();
    sendJson(res, 200, { ClientId: clientId, ClientSecret: clientSecret });
  } catch {
    if (!res.headersSent) sendJson(res, 500, { error: "server_error" });
  }
  return true;
}

/**
 * IdentityServer grants every allowed scope when a client_credentials request names none; oidc-provider
 * grants none. For app clients the token request is given the client's resource as `scope` (and the
 * matching resource indicator), so the answer carries `scope` as Creatio's service answers it.
 */
export async function tokenRequestForApp(
  appClients: Adapter,
  form: URLSearchParams,
): Promise<URLSearchParams | null> {
  if (form.get("grant_type") !== "client_credentials" || form.has("scope")) return null;
  const clientId = form.get("client_id");
  if (!clientId) return null;
  const stored = (await appClients.find(clientId)) as Record<string, unknown> | undefined;
  if (!stored?.creatio_app || typeof stored.creatio_resource !== "string") return null;
  const next = new URLSearchParams(form);
  next.set("scope", stored.creatio_resource);
  return next;
}
