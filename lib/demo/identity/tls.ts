// A demo certificate authority and a server certificate it signed, for the "self-signed HTTPS on the
// Identity Service" scenario. Node cannot create X.509 certificates by itself, so this drives the
// `openssl` command; without it the scenario is unavailable (null), and nothing else depends on it.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface DemoTlsMaterial {
  /** The demo CA certificate: what an operator would add to a trust store. */
  caPem: string;
  keyPem: string;
  certPem: string;
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(":");
}

/** Creates a fresh CA and a server certificate for `hosts`; null when `openssl` is not available. */
export async function generateDemoTls(
  hosts: string[] = ["127.0.0.1", "localhost"],
): Promise<DemoTlsMaterial | null> {
  const dir = await mkdtemp(path.join(tmpdir(), "demo-tls-"));
  const file = (name: string) => path.join(dir, name);
  const curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  try {
    await run("openssl", [
      "req",
      "-x509",
      ...curve,
      "-keyout",
      file("ca.key"),
      "-out",
      file("ca.pem"),
      "-days",
      "30",
      "-subj",
      "/CN=Creatio wizard demo CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    await run("openssl", [
      "req",
      ...curve,
      "-keyout",
      file("server.key"),
      "-out",
      file("server.csr"),
      "-subj",
      "/CN=localhost",
    ]);
    const altNames = hosts.map((host) => (isIp(host) ? `IP:${host}` : `DNS:${host}`)).join(",");
    await writeFile(
      file("server.ext"),
      `subjectAltName=${altNames}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`,
    );
    await run("openssl", [
      "x509",
      "-req",
      "-in",
      file("server.csr"),
      "-CA",
      file("ca.pem"),
      "-CAkey",
      file("ca.key"),
      "-CAcreateserial",
      "-out",
      file("server.pem"),
      "-days",
      "30",
      "-extfile",
      file("server.ext"),
    ]);
    const [caPem, keyPem, certPem] = await Promise.all(
      ["ca.pem", "server.key", "server.pem"].map((name) => readFile(file(name), "utf8")),
    );
    return { caPem: caPem as string, keyPem: keyPem as string, certPem: certPem as string };
  } catch {
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
