import { X509Certificate } from "node:crypto";
import https from "node:https";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closedPortUrl,
  fixture,
  sendJson,
  startServer,
  type TestServer,
} from "@/lib/creatio/test-support/servers";
import {
  type DemoTlsMaterial,
  generateDemoTls,
  generateSelfSignedCertificate,
} from "@/lib/demo/identity/tls";
import { dnsLayer, endpointOf, tcpLayer, tlsLayer } from "./network";
import type { Check } from "./types";

// TLS verdicts against local HTTPS servers: the checked-in test certificates (lib/creatio/test-fixtures),
// a fresh CA made by the demo's certificate generator, and a certificate that expires in a few days.

const ok = (_req: unknown, res: Parameters<typeof sendJson>[0]) => sendJson(res, 200, { ok: true });

let caSigned: TestServer;
let selfSigned: TestServer;
let expired: TestServer;
let wrongHost: TestServer;
let plainHttp: TestServer;
let demoTls: DemoTlsMaterial;
let demoCaSigned: { url: string; close(): Promise<void> };
let expiringSoon: { url: string; fingerprint: string; close(): Promise<void> };

async function startHttps(cert: string, key: string) {
  const server = https.createServer({ cert, key }, (_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A self-signed certificate for 127.0.0.1 valid for 3 days (made like the demo's certificates). */
async function shortLivedCertificate(): Promise<{ cert: string; key: string; fingerprint: string }> {
  const { certPem, keyPem } = await generateSelfSignedCertificate(["127.0.0.1"], 3);
  return { cert: certPem, key: keyPem, fingerprint: new X509Certificate(certPem).fingerprint256 };
}

beforeAll(async () => {
  caSigned = await startServer(ok, { cert: "server.pem", key: "server.key" });
  selfSigned = await startServer(ok, { cert: "selfsigned.pem", key: "selfsigned.key" });
  expired = await startServer(ok, { cert: "expired.pem", key: "expired.key" });
  wrongHost = await startServer(ok, { cert: "wronghost.pem", key: "wronghost.key" });
  plainHttp = await startServer(ok);
  const generated = await generateDemoTls(["127.0.0.1"]);
  if (!generated) throw new Error("the demo could not make its CA and certificate");
  demoTls = generated;
  demoCaSigned = await startHttps(demoTls.certPem, demoTls.keyPem);
  const short = await shortLivedCertificate();
  expiringSoon = { ...(await startHttps(short.cert, short.key)), fingerprint: short.fingerprint };
});
afterAll(async () => {
  await Promise.all(
    [caSigned, selfSigned, expired, wrongHost, plainHttp, demoCaSigned, expiringSoon].map((s) => s?.close()),
  );
});

function tlsCheck(url: string, trust?: { caPem?: string; fingerprint256?: string }): Promise<Check> {
  return tlsLayer(endpointOf(url, "identity"), trust, 5_000).run();
}

describe("TLS verdicts", () => {
  it("a certificate from a CA the wizard was given passes, with issuer, expiry and fingerprint", async () => {
    const check = await tlsCheck(caSigned.url, { caPem: fixture("ca.pem") });
    expect(check.verdict).toBe("pass");
    expect(check.details.facts.issuer).toContain("Wizard test CA");
    expect(check.details.facts["valid to"]).toMatch(/^21\d\d-/);
    expect(check.details.facts["trusted through"]).toBe("public authorities and the CA certificate you gave");
    expect(check.details.certificate?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it("the same certificate without that CA is untrusted", async () => {
    const check = await tlsCheck(caSigned.url);
    expect(check.verdict).toBe("fail");
    expect(check.code).toBe("tls:untrusted");
    expect(check.fix).toContain("certificate authority");
    expect(check.details.certificate?.issuer).toContain("Wizard test CA");
  });

  it("a self-signed certificate fails as self-signed, and passes once its fingerprint is pinned", async () => {
    const check = await tlsCheck(selfSigned.url);
    expect(check.code).toBe("tls:self-signed");
    expect(check.details.facts["self-signed"]).toBe(true);
    const fingerprint = check.details.certificate?.fingerprint256 ?? "";
    const pinned = await tlsCheck(selfSigned.url, { fingerprint256: fingerprint });
    expect(pinned.verdict).toBe("pass");
    expect(pinned.details.facts["trusted through"]).toBe("pinned certificate (SHA-256 fingerprint)");
  });

  it("a pinned fingerprint that does not match fails as a pin mismatch", async () => {
    const other = (await tlsCheck(caSigned.url)).details.certificate?.fingerprint256 ?? "";
    const check = await tlsCheck(selfSigned.url, { fingerprint256: other });
    expect(check.code).toBe("tls:pin-mismatch");
  });

  it("an expired certificate fails as expired, even from a trusted CA", async () => {
    const check = await tlsCheck(expired.url, { caPem: fixture("ca.pem") });
    expect(check.code).toBe("tls:expired");
    expect(check.details.facts["valid to"]).toMatch(/^2020-02-01/);
  });

  it("a certificate for another host name fails on the host name", async () => {
    const check = await tlsCheck(wrongHost.url, { caPem: fixture("ca.pem") });
    expect(check.code).toBe("tls:hostname");
  });

  it("the demo's generated CA: untrusted alone, trusted once given", async () => {
    expect((await tlsCheck(demoCaSigned.url)).code).toBe("tls:untrusted");
    const trusted = await tlsCheck(demoCaSigned.url, { caPem: demoTls.caPem });
    expect(trusted.verdict).toBe("pass");
    expect(trusted.details.facts.issuer).toContain("Creatio wizard demo CA");
  });

  it("a trusted certificate that expires within days is a warning with a fix", async () => {
    const check = await tlsCheck(expiringSoon.url, { fingerprint256: expiringSoon.fingerprint });
    expect(check.verdict).toBe("warn");
    expect(check.message).toContain("expires in");
    expect(check.fix).toContain("Renew");
  });

  it("plain HTTP on an https:// address is a protocol failure", async () => {
    const url = plainHttp.url.replace("http://", "https://");
    const check = await tlsCheck(url);
    expect(check.verdict).toBe("fail");
    expect(check.code).toBe("tls:protocol");
  });

  it("http:// on this machine involves no certificate; elsewhere it warns about clear text", async () => {
    expect((await tlsCheck(plainHttp.url)).verdict).toBe("pass");
    const remote = await tlsLayer(endpointOf("http://creatio.example.com", "creatio"), undefined).run();
    expect(remote.verdict).toBe("warn");
    expect(remote.message).toContain("unencrypted");
  });
});

describe("DNS and TCP", () => {
  it("an IP address needs no lookup; a name that does not exist fails DNS", async () => {
    expect((await dnsLayer(endpointOf("http://127.0.0.1:1", "creatio")).run()).verdict).toBe("pass");
    const missing = await dnsLayer(endpointOf("https://no-such-host.invalid", "creatio"), 5_000).run();
    expect(missing.verdict).toBe("fail");
    expect(missing.code).toBe("network:dns");
    expect(missing.message).toContain("no-such-host.invalid");
  });

  it("a port where nothing listens is refused; a listening one passes", async () => {
    const closed = await tcpLayer(endpointOf(await closedPortUrl(), "identity"), 5_000).run();
    expect(closed.code).toBe("network:refused");
    expect(closed.details.calls[0]).toMatchObject({ method: "TCP", error: "network:refused" });
    expect((await tcpLayer(endpointOf(plainHttp.url, "identity")).run()).verdict).toBe("pass");
  });
});
