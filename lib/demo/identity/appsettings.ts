// The demo Identity Service's appsettings.json, shaped like the file Creatio ships with its Identity Service.
// Its `Clients` key is a JSON array serialized INTO A STRING (that is how the real file holds it), so a
// reader must parse twice.

import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_NAME,
  DEMO_CLIENT_SECRET,
  type DemoIdentityClient,
  SYSTEM_CLIENT_SCOPES,
} from "./constants";

export interface AppSettingsOptions {
  /** The clients to list; default: the demo system client. */
  clients?: DemoIdentityClient[];
  /** Creatio's address, used for the redirect URIs and CORS origins as in the guide's example. */
  creatioUrl?: string;
}

/** One entry of the `Clients` string, with the keys of the guide's example. */
function clientEntry(client: DemoIdentityClient, creatioUrl: string): Record<string, unknown> {
  return {
    ClientId: client.clientId,
    ClientName: client.clientName ?? DEMO_CLIENT_NAME,
    Secrets: [client.clientSecret],
    AllowedGrantTypes: ["implicit", "client_credentials"],
    RedirectUris: [creatioUrl, `${creatioUrl}/lib`, `${creatioUrl}/lib/`],
    PostLogoutRedirectUris: [creatioUrl],
    IdentityTokenLifetime: 300,
    AccessTokenLifetime: 3600,
    Properties: { AllowedQueryParameters: JSON.stringify(["invitationHash", "targetSubject"]) },
    AllowedScopes: [...SYSTEM_CLIENT_SCOPES],
  };
}

/** The whole appsettings.json text (pretty-printed, as an operator would see it in the file). */
export function demoAppSettingsJson(options: AppSettingsOptions = {}): string {
  const clients = options.clients ?? [{ clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET }];
  const creatioUrl = (options.creatioUrl ?? "http://localhost:8080").replace(/\/+$/, "");
  const settings = {
    Logging: { LogLevel: { Default: "Information", "Microsoft.AspNetCore": "Warning" } },
    AllowedHosts: "*",
    DbProvider: "Postgres",
    DatabaseConnectionString:
      "Server=localhost;Port=5432;Database=creatio;User ID=creatio;Password=<hidden>;",
    RedisConnection: "",
    X509CertificatePath: "C:\\inetpub\\IdentityService\\openssl.pfx",
    X509CertificatePassword: "<hidden>",
    AllowedCorsOrigins: JSON.stringify([creatioUrl]),
    Clients: JSON.stringify(clients.map((client) => clientEntry(client, creatioUrl))),
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}
