import { X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closedPortUrl,
  fixture,
  sendHtml,
  startServer,
  type TestServer,
} from "@/lib/creatio/test-support/servers";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_WRONG_CLIENT_SECRET,
  type DemoIdentityService,
  startDemoIdentityService,
} from "@/lib/demo/identity/server";
import { isWizardError, type WizardError } from "@/lib/errors";
import { CallRecorder } from "@/lib/transport";
import { fetchDiscovery, requestClientCredentialsToken } from "./probe";

let identity: DemoIdentityService;
let caSigned: DemoIdentityService;
let selfSigned: DemoIdentityService;
let htmlSite: TestServer;
let silent: TestServer;

beforeAll(async () => {
  identity = await startDemoIdentityService();
  caSigned = await startDemoIdentityService({
    tls: { keyPem: fixture("server.key"), certPem: fixture("server.pem") },
  });
  selfSigned = await startDemoIdentityService({
    tls: { keyPem: fixture("selfsigned.key"), certPem: fixture("selfsigned.pem") },
  });
  htmlSite = await startServer((_req, res) =>
    sendHtml(res, 200, "<!DOCTYPE html><html><body>Creatio</body></html>"),
  );
  silent = await startServer(() => {
    /* never answers */
  });
});
afterAll(async () => {
  await Promise.all([identity, caSigned, selfSigned, htmlSite, silent].map((s) => s?.close()));
});

async function failure(p: Promise<unknown>): Promise<WizardError> {
  try {
    await p;
  } catch (e) {
    if (isWizardError(e)) return e;
    throw e;
  }
  throw new Error("expected a WizardError");
}

const token = (extra: Partial<Parameters<typeof requestClientCredentialsToken>[0]> = {}) =>
  requestClientCredentialsToken({
    identityUrl: identity.url,
    clientId: DEMO_CLIENT_ID,
    clientSecret: DEMO_CLIENT_SECRET,
    ...extra,
  });

describe("fetchDiscovery", () => {
  it("reads the discovery document and records the call", async () => {
    const result = await fetchDiscovery(`${identity.url}/`);
    expect(result).toMatchObject({
      issuer: identity.url,
      issuerMatches: true,
      tokenEndpoint: `${identity.url}/connect/token`,
      jwksUri: expect.stringContaining(identity.url),
    });
    expect(result.grantTypes).toContain("client_credentials");
    expect(result.calls).toEqual([
      {
        method: "GET",
        url: `${identity.url}/.well-known/openid-configuration`,
        status: 200,
        ms: expect.any(Number),
      },
    ]);
  });

  it("a site that answers HTML (the Creatio URL typed instead) -> identity:not-identity-service", async () => {
    const e = await failure(fetchDiscovery(htmlSite.url));
    expect(e.code).toBe("identity:not-identity-service");
    expect(e.fix).toMatch(/not the Creatio address/);
    expect(e.calls[0]).toMatchObject({ status: 200, error: "identity:not-identity-service" });
  });

  it("closed port -> identity:unreachable, saying why", async () => {
    const e = await failure(fetchDiscovery(await closedPortUrl()));
    expect(e.code).toBe("identity:unreachable");
    expect(e.message).toMatch(/refused the connection/);
    expect(e.fix).toMatch(/500\.30/);
  });

  it("unknown host -> identity:unreachable (DNS)", async () => {
    const e = await failure(fetchDiscovery("https://identity.wizard-test.invalid:8090"));
    expect(e.code).toBe("identity:unreachable");
    expect(e.message).toMatch(/could not be found \(DNS\)/);
  });

  it("a server that never answers -> identity:unreachable (timeout)", async () => {
    const e = await failure(fetchDiscovery(silent.url, { timeoutMs: 300 }));
    expect(e.code).toBe("identity:unreachable");
    expect(e.message).toMatch(/did not answer/);
  });

  it("bad input -> input:invalid-url, nothing sent", async () => {
    const recorder = new CallRecorder();
    const e = await failure(fetchDiscovery("ftp://identity.example.com", { recorder }));
    expect(e.code).toBe("input:invalid-url");
    expect(recorder.list).toEqual([]);
  });
});

describe("requestClientCredentialsToken", () => {
  it("gets a token where Creatio will ask for one; the token and secret are never kept", async () => {
    const result = await token();
    expect(result).toEqual({
      ok: true,
      expiresIn: 3600,
      tokenType: "bearer",
      scope: null,
      tokenEndpoint: `${identity.url}/connect/token`,
      calls: [{ method: "POST", url: `${identity.url}/connect/token`, status: 200, ms: expect.any(Number) }],
    });
    expect(JSON.stringify(result)).not.toContain(DEMO_CLIENT_SECRET);
  });

  it("asks for the scopes Creatio asks for", async () => {
    const result = await token({ scope: "register_own_resource IdentityServerApi" });
    expect(result.scope?.split(" ").sort()).toEqual(["IdentityServerApi", "register_own_resource"]);
  });

  it.each([
    ["a wrong secret", { clientSecret: DEMO_WRONG_CLIENT_SECRET }],
    ["an unknown client", { clientId: "SomeoneElse" }],
  ])("%s -> identity:invalid-client with the database fix", async (_label, extra) => {
    const e = await failure(token(extra));
    expect(e.code).toBe("identity:invalid-client");
    expect(e.fix).toMatch(/ClientSecrets/);
    expect(e.calls[0]).toMatchObject({ method: "POST", error: "identity:invalid-client" });
    expect(JSON.stringify(e.toUserFacing())).not.toContain(DEMO_WRONG_CLIENT_SECRET);
  });

  it("a scope the client may not have -> identity:unexpected with the server's words", async () => {
    const e = await failure(token({ scope: "offline_access" }));
    expect(e.code).toBe("identity:unexpected");
    expect(e.message).toMatch(/invalid_scope/);
  });

  it("the Creatio URL typed instead -> identity:not-identity-service", async () => {
    const e = await failure(token({ identityUrl: htmlSite.url }));
    expect(e.code).toBe("identity:not-identity-service");
  });

  it("closed port -> identity:unreachable", async () => {
    expect((await failure(token({ identityUrl: await closedPortUrl() }))).code).toBe("identity:unreachable");
  });

  it("an empty client id or secret is refused before any call", async () => {
    const recorder = new CallRecorder();
    expect((await failure(token({ clientId: " ", recorder }))).code).toBe("input:invalid-field");
    expect((await failure(token({ clientSecret: "", recorder }))).code).toBe("input:invalid-field");
    expect(recorder.list).toEqual([]);
  });

  it("shares a recorder with the discovery probe", async () => {
    const recorder = new CallRecorder();
    await fetchDiscovery(identity.url, { recorder });
    await token({ recorder });
    expect(recorder.list.map((c) => `${c.method} ${c.status}`)).toEqual(["GET 200", "POST 200"]);
  });
});

describe("HTTPS Identity Service: trust per connection", () => {
  it("a private CA -> tls:untrusted with the certificate; works once the CA is trusted", async () => {
    const e = await failure(fetchDiscovery(caSigned.url));
    expect(e.code).toBe("tls:untrusted");
    expect(e.certificate?.issuer).toContain("Wizard test CA");
    const trust = { caPem: fixture("ca.pem") };
    expect((await fetchDiscovery(caSigned.url, { trust })).issuer).toBe(caSigned.url);
    expect((await token({ identityUrl: caSigned.url, trust })).expiresIn).toBe(3600);
  });

  it("a self-signed certificate -> tls:self-signed; works once its fingerprint is pinned", async () => {
    const e = await failure(token({ identityUrl: selfSigned.url }));
    expect(e.code).toBe("tls:self-signed");
    const fingerprint256 = new X509Certificate(fixture("selfsigned.pem")).fingerprint256;
    expect(e.certificate?.fingerprint256).toBe(fingerprint256);
    const result = await token({ identityUrl: selfSigned.url, trust: { fingerprint256 } });
    expect(result.ok).toBe(true);
  });
});
