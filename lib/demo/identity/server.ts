// The demo Identity Service: a real OAuth 2.0 server (oidc-provider) with the endpoints of Creatio's
// Identity Service: discovery, `/connect/token` (client_credentials), the system client `IdServiceUser`,
// its appsettings.json for show, and the resource-registration endpoint Creatio calls when it creates
// the default resource.

import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import Provider, { type ClientMetadata, type Configuration } from "oidc-provider";
import { listenOrExplain } from "../listen";
import { demoAppSettingsJson } from "./appsettings";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_NAME,
  DEMO_CLIENT_SECRET,
  type DemoIdentityClient,
  REGISTER_RESOURCE_PATH,
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

function providerConfiguration(clients: DemoIdentityClient[]): Configuration {
  return {
    adapter: memoryStore(),
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
    },
    ttl: { ClientCredentials: 3600, AccessToken: 3600 },
    jwks: { keys: [demoSigningJwk()] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    findAccount: async () => undefined,
  };
}

export async function startDemoIdentityService(
  options: DemoIdentityServiceOptions = {},
): Promise<DemoIdentityService> {
  const host = options.host ?? "127.0.0.1";
  const clients = options.clients ?? [{ clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET }];
  const registered: string[] = [];
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

  provider = new Provider(url, providerConfiguration(clients));
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
