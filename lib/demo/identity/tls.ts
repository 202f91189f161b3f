// A demo certificate authority and a server certificate it signed, for the "self-signed HTTPS on the
// Identity Service" scenario. Made in-process with @peculiar/x509 over Node's WebCrypto (P-256 keys,
// SHA-256 signatures), so no system binary is needed (Windows included). Null if generation fails:
// the scenario is then unavailable, and nothing else depends on it.

// @peculiar/x509 resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill.
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import net from "node:net";
import * as x509 from "@peculiar/x509";

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface DemoTlsMaterial {
  /** The demo CA certificate: what an operator would add to a trust store. */
  caPem: string;
  keyPem: string;
  certPem: string;
}

const EC_KEY = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function newKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(EC_KEY, true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
}

function serial(): string {
  // Positive 16-byte serial (the first bit clear).
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey("pkcs8", key);
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

function altNames(hosts: string[]): x509.SubjectAlternativeNameExtension {
  return new x509.SubjectAlternativeNameExtension(
    hosts.map((host) =>
      net.isIP(host) ? { type: "ip" as const, value: host } : { type: "dns" as const, value: host },
    ),
  );
}

/** A self-signed certificate for `hosts` (not a CA), valid for `days` from now: a test server's. */
export async function generateSelfSignedCertificate(
  hosts: string[],
  days: number,
): Promise<{ certPem: string; keyPem: string }> {
  const keys = await newKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${hosts[0] ?? "localhost"}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + days * DAY_MS),
    keys,
    signingAlgorithm: SIGNING,
    extensions: [altNames(hosts)],
  });
  return { certPem: cert.toString("pem"), keyPem: await privateKeyPem(keys.privateKey) };
}

/** Creates a fresh CA and a server certificate for `hosts`; null when they cannot be made. */
export async function generateDemoTls(
  hosts: string[] = ["127.0.0.1", "localhost"],
): Promise<DemoTlsMaterial | null> {
  try {
    const now = Date.now();
    const notBefore = new Date(now - 60_000);
    const notAfter = new Date(now + 30 * DAY_MS);
    const caKeys = await newKeys();
    const ca = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: serial(),
      name: "CN=Creatio wizard demo CA",
      notBefore,
      notAfter,
      keys: caKeys,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
      ],
    });
    const serverKeys = await newKeys();
    const server = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: "CN=localhost",
      issuer: ca.subject,
      notBefore,
      notAfter,
      publicKey: serverKeys.publicKey,
      signingKey: caKeys.privateKey,
      signingAlgorithm: SIGNING,
      extensions: [
        altNames(hosts),
        new x509.BasicConstraintsExtension(false),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        await x509.AuthorityKeyIdentifierExtension.create(ca, false),
      ],
    });
    return {
      caPem: ca.toString("pem"),
      keyPem: await privateKeyPem(serverKeys.privateKey),
      certPem: server.toString("pem"),
    };
  } catch {
    return null;
  }
}
