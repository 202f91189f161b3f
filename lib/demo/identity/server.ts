// The demo Identity Service: a real OAuth 2.0 server (oidc-provider) with the endpoints of Creatio's
// Identity Service: discovery, `/connect/token` (client_credentials), the system client `IdServiceUser`,
// its appsettings.json for show, and the resource-registration endpoint Creatio calls when it creates
// the default resource.

import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import Provider, {
  type Adapter,
  type AdapterFactory,
  type ClientMetadata,
  type Configuration,
  errors,
} from "oidc-provider";
import { listenOrExplain } from "../listen";
import { demoAppSettingsJson } from "./appsettings";
import { APP_CLIENT_PROPERTIES, handleClients, tokenRequestForApp } from "./clients";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_NAME,
  DEMO_CLIENT_SECRET,
  type DemoIdentityClient,
  REGISTER_RESOURCE_PATH,
  RESOURCE_URN_PREFIX,
  SYS_ADMIN_UNIT_CLAIM,
  SYSTEM_CLIENT_SCOPES,
} from "./constants";
import { memoryStore } from "./memory-store";
import { handleRegisterResource } from "./resources";
import { demoSigningJwk } from "./signing-key";

export {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_WRONG_CLIENT_SECRET,
  type DemoIdentityClient,
} from "./constants";

export interface DemoIdentityServiceOptions {
  host?: string;
  port?: number;
  clients?: DemoIdentityClient[];
  tls?: { keyPem: string; certPem: string };
  /** Env var that sets the port, named in the error when the port is taken. */
  portEnvVar?: string;
}

export interface DemoIdentityService {
  url: string;
  /** Names of the resources Creatio registered here (for tests and the trainer). */
  registeredResources(): string[];
  close(): Promise<void>;
}

function clientMetadata(client: DemoIdentityClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.clientName ?? DEMO_CLIENT_NAME,
    grant_types: ["client_credentials"],
    response_types: [],
    redirect_uris: [],
    // Basic and post are interchangeable in oidc-provider; Creatio posts the pair in the form.
    token_endpoint_auth_method: "client_secret_post",
    scope: SYSTEM_CLIENT_SCOPES.join(" "),
  };
}

function providerConfiguration(clients: DemoIdentityClient[], store: AdapterFactory): Configuration {
  return {
    adapter: store,
    clients: clients.map(clientMetadata),
    // Creatio's Identity Service (IdentityServer) answers at these paths.
    routes: {
      token: "/connect/token",
      jwks: "/.well-known/openid-configuration/jwks",
      authorization: "/connect/authorize",
      userinfo: "/connect/userinfo",
      end_session: "/connect/endsession",
      revocation: "/connect/revocation",
      introspection: "/connect/introspect",
    },
    scopes: ["openid", "offline_access", ...SYSTEM_CLIENT_SCOPES],
    features: {
      clientCredentials: { enabled: true },
      devInteractions: { enabled: false },
      introspection: { enabled: true },
      revocation: { enabled: true },
      // App clients get JWT access tokens for their Creatio resource: aud and scope = the resource name.
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx, client) => {
          const resource = client?.metadata().creatio_resource;
          return typeof resource === "string" && resource !== ""
            ? `${RESOURCE_URN_PREFIX}${resource}`
            : (undefined as unknown as string);
        },
        getResourceServerInfo: (_ctx, indicator) => {
          if (!indicator.startsWith(RESOURCE_URN_PREFIX)) throw new errors.InvalidTarget();
          const name = indicator.slice(RESOURCE_URN_PREFIX.length);
          return { scope: name, audience: name, accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } };
        },
        useGrantedResource: () => true,
      },
    },
    extraTokenClaims: (ctx, token) => {
      const user = ctx.oidc.client?.metadata().sys_admin_unit_id;
      return token.kind === "ClientCredentials" && typeof user === "string"
        ? { [SYS_ADMIN_UNIT_CLAIM]: user }
        : undefined;
    },
    ttl: { ClientCredentials: 3600, AccessToken: 3600 },
    // App clients (docs/creatio-api.md §4.6) keep the Creatio resource and user they were created for.
    extraClientMetadata: { properties: [...APP_CLIENT_PROPERTIES] },
    jwks: { keys: [demoSigningJwk()] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    findAccount: async () => undefined,
  };
}

/**
 * `/connect/token`: an app client asking without `scope` gets its resource (as IdentityServer does), or
 * `invalid_scope` when Creatio could not link the resource to it; everything else goes to the provider
 * unchanged. The body read here is handed on as `req.body`, which oidc-provider accepts.
 */
async function tokenRequest(
  appClients: Adapter,
  callback: http.RequestListener,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const form = new URLSearchParams(text);
    const clientId = form.get("client_id");
    const stored = clientId
      ? ((await appClients.find(clientId)) as Record<string, unknown> | undefined)
      : undefined;
    // IdentityServer answers unauthorized_client for a client without this grant type.
    const grants = Array.isArray(stored?.grant_types) ? (stored.grant_types as string[]) : [];
    if (
      stored?.creatio_app &&
      form.get("grant_type") === "client_credentials" &&
      !grants.includes("client_credentials")
    ) {
      res.writeHead(400, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ error: "unauthorized_client" }));
      return;
    }
    if (stored?.creatio_app && !stored.creatio_resource && !form.has("scope")) {
      res.writeHead(400, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ error: "invalid_scope" }));
      return;
    }
    const rewritten = await tokenRequestForApp(appClients, form);
    const body = (rewritten ?? form).toString();
    (req as http.IncomingMessage & { body?: string }).body = body;
    req.headers["content-length"] = String(Buffer.byteLength(body));
    callback(req, res);
  } catch {
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ error: "server_error" }));
    }
  }
}

export async function startDemoIdentityService(
  options: DemoIdentityServiceOptions = {},
): Promise<DemoIdentityService> {
  const host = options.host ?? "127.0.0.1";
  const clients = options.clients ?? [{ clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET }];
  const registered: string[] = [];
  const store = memoryStore();
  // The same entries as the provider's own "Client" model: app clients registered here are found there.
  const appClients = store("Client");
  let provider: Provider | undefined;
  let providerCallback: http.RequestListener | undefined;

  const listener: http.RequestListener = (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "GET" && path === "/__demo/appsettings.json") {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(demoAppSettingsJson({ clients }));
      return;
    }
    if (provider && path === REGISTER_RESOURCE_PATH) {
      void handleRegisterResource(provider, req, res, registered);
      return;
    }
    if (provider && path?.startsWith("/api/Clients/")) {
      void handleClients(provider, appClients, req, res, path);
      return;
    }
    if (provider && providerCallback && req.method === "POST" && path === "/connect/token") {
      void tokenRequest(appClients, providerCallback, req, res);
      return;
    }
    if (!providerCallback) {
      res.writeHead(503).end();
      return;
    }
    providerCallback(req, res);
  };

  const server = options.tls
    ? https.createServer({ key: options.tls.keyPem, cert: options.tls.certPem }, listener)
    : http.createServer(listener);
  const port = await listenOrExplain(server, {
    host,
    port: options.port ?? 0,
    what: "the demo Identity Service",
    envVar: options.portEnvVar ?? "DEMO_IDENTITY_PORT",
  });
  const url = `${options.tls ? "https" : "http"}://${host.includes(":") ? `[${host}]` : host}:${port}`;

  provider = new Provider(url, providerConfiguration(clients, store));
  providerCallback = provider.callback() as unknown as http.RequestListener;

  return {
    url,
    registeredResources: () => [...registered],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
