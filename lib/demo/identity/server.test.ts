import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DemoPortError } from "../listen";
import { demoAppSettingsJson } from "./appsettings";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, REGISTER_SCOPES } from "./constants";
import { type DemoIdentityService, startDemoIdentityService } from "./server";

let service: DemoIdentityService;
beforeAll(async () => {
  service = await startDemoIdentityService();
});
afterAll(() => service.close());

function token(clientId: string, clientSecret: string, scope = REGISTER_SCOPES) {
  return fetch(`${service.url}/connect/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope,
    }),
  });
}

describe("demo Identity Service", () => {
  it("publishes discovery with the issuer, token endpoint, JWKS and client_credentials", async () => {
    const response = await fetch(`${service.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({ issuer: service.url, token_endpoint: `${service.url}/connect/token` });
    expect(discovery.grant_types_supported).toContain("client_credentials");
    const jwks = await fetch(String(discovery.jwks_uri));
    expect(((await jwks.json()) as { keys: unknown[] }).keys).toHaveLength(1);
  });

  it("issues a client_credentials token with Creatio's scopes", async () => {
    const response = await token(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      access_token: expect.any(String),
      expires_in: 3600,
      token_type: "Bearer",
      scope: REGISTER_SCOPES,
    });
  });

  it("accepts the pair in a Basic header too", async () => {
    const basic = Buffer.from(`${DEMO_CLIENT_ID}:${DEMO_CLIENT_SECRET}`).toString("base64");
    const response = await fetch(`${service.url}/connect/token`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: "client_credentials" }),
    });
    expect(response.status).toBe(200);
  });

  it.each([
    [DEMO_CLIENT_ID, "wrong-secret-wrong-secret-wrong-s"],
    ["SomeoneElse", DEMO_CLIENT_SECRET],
  ])("answers invalid_client for %s with a wrong pair", async (clientId, secret) => {
    const response = await token(clientId, secret);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: "invalid_client" });
  });

  it("registers a resource only with a bearer token carrying register_own_resource", async () => {
    const post = (authorization: string) =>
      fetch(`${service.url}/api/OwnedResources/register`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ Name: "ApplicationAccess_test" }),
      });
    expect((await post("Bearer not-a-token")).status).toBe(401);
    const { access_token } = (await (await token(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)).json()) as {
      access_token: string;
    };
    expect((await post(`Bearer ${access_token}`)).status).toBe(200);
    expect(service.registeredResources()).toEqual(["ApplicationAccess_test"]);
  });

  it("serves its appsettings.json with Clients as a JSON array serialized into a string", async () => {
    const response = await fetch(`${service.url}/__demo/appsettings.json`);
    const settings = (await response.json()) as Record<string, unknown>;
    expect(typeof settings.Clients).toBe("string");
    const clients = JSON.parse(settings.Clients as string) as Record<string, unknown>[];
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      ClientId: DEMO_CLIENT_ID,
      ClientName: expect.any(String),
      Secrets: [DEMO_CLIENT_SECRET],
      AllowedGrantTypes: expect.arrayContaining(["client_credentials"]),
      AllowedScopes: expect.arrayContaining(["register_own_resource", "IdentityServerApi"]),
    });
    expect(DEMO_CLIENT_SECRET).toHaveLength(32);
    expect(
      JSON.parse(demoAppSettingsJson({ clients: [{ clientId: "A", clientSecret: "B" }] })).Clients,
    ).toContain('"ClientId":"A"');
  });

  it("takes its own client list", async () => {
    const custom = await startDemoIdentityService({
      clients: [{ clientId: "OtherClient", clientSecret: "other-secret" }],
    });
    try {
      const ok = await fetch(`${custom.url}/connect/token`, {
        method: "POST",
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: "OtherClient",
          client_secret: "other-secret",
        }),
      });
      expect(ok.status).toBe(200);
    } finally {
      await custom.close();
    }
  });

  it("rejects a port in use with a message naming the port and the env var", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const attempt = startDemoIdentityService({ port });
      await expect(attempt).rejects.toBeInstanceOf(DemoPortError);
      await expect(attempt).rejects.toThrow(new RegExp(`Port ${port} is already in use.*DEMO_IDENTITY_PORT`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});
