import net from "node:net";
import { Agent, fetch as undiciFetch } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type RunningDemo, startDemo } from "./index";
import { TenantClient } from "./test-support";

let demo: RunningDemo;
beforeAll(async () => {
  demo = await startDemo();
});
afterAll(() => demo.close());

async function takenPort(): Promise<{ port: number; release(): Promise<void> }> {
  const blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
  return {
    port: (blocker.address() as net.AddressInfo).port,
    release: () => new Promise<void>((resolve) => blocker.close(() => resolve())),
  };
}

describe("startDemo", () => {
  it("starts Creatio wired to the Identity Service", async () => {
    const { baseUrl, identityService } = demo.creatio.createTenant({
      scenario: "already-connected",
    });
    expect(identityService.url).toBe(demo.identityUrl);
    const client = new TenantClient(baseUrl);
    await client.login();
    const health = await client.request("GET", "/0/api/OAuthHealthCheck");
    expect(health.status).toBe(200);
  });

  it("rejects a Creatio port in use with a message naming the port and DEMO_CREATIO_PORT", async () => {
    const taken = await takenPort();
    try {
      await expect(startDemo({ creatioPort: taken.port, tlsIdentity: false })).rejects.toThrow(
        new RegExp(`Port ${taken.port} is already in use.*DEMO_CREATIO_PORT`),
      );
    } finally {
      await taken.release();
    }
  });

  it("reads ports from the environment and rejects a value that is not a port", async () => {
    const previous = process.env.DEMO_IDENTITY_PORT;
    process.env.DEMO_IDENTITY_PORT = "eighty";
    try {
      await expect(startDemo({ tlsIdentity: false })).rejects.toThrow(
        /DEMO_IDENTITY_PORT must be a port number/,
      );
    } finally {
      if (previous === undefined) delete process.env.DEMO_IDENTITY_PORT;
      else process.env.DEMO_IDENTITY_PORT = previous;
    }
  });
});

describe("self-signed HTTPS Identity Service", () => {
  it("is untrusted by the wizard's side until it trusts the demo CA, while Creatio's server trusts it", async () => {
    const created = demo.creatio.createTenant({ scenario: "self-signed-identity" });
    expect(created.identityService.url).toBe(demo.tlsIdentityUrl);
    expect(created.identityCaPem).toContain("BEGIN CERTIFICATE");
    const discovery = `${created.identityService.url}/.well-known/openid-configuration`;
    await expect(undiciFetch(discovery)).rejects.toThrow();
    const trusted = await undiciFetch(discovery, {
      dispatcher: new Agent({ connect: { ca: created.identityCaPem } }),
    });
    expect(trusted.status).toBe(200);

    const client = new TenantClient(created.baseUrl);
    await client.login();
    await client.post("/0/DataService/json/SyncReply/PostSysSettingsValues", {
      isPersonal: false,
      sysSettingsValues: {
        OAuth20IdentityServerUrl: created.identityService.url,
        OAuth20IdentityServerClientId: DEMO_CLIENT_ID,
        OAuth20IdentityServerClientSecret: DEMO_CLIENT_SECRET,
      },
    });
    expect((await client.request("GET", "/0/api/OAuthHealthCheck")).status).toBe(200);
  });

  it("is unavailable for Creatio when its server does not trust the demo CA", async () => {
    const created = demo.creatio.createTenant({
      scenario: "self-signed-identity",
      config: {
        creatioTrustsIdentityCa: false,
        settings: { url: demo.tlsIdentityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
      },
    });
    const client = new TenantClient(created.baseUrl);
    await client.login();
    const health = await client.request("GET", "/0/api/OAuthHealthCheck");
    expect(await health.json()).toMatchObject({ IsIdentityServiceAvailable: false });
  });
});
