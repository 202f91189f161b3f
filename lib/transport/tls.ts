import "server-only";
import { createHash, X509Certificate } from "node:crypto";
import net from "node:net";
import tls from "node:tls";
import { LRUCache } from "lru-cache";
import { Agent } from "undici";
import type { CertificateInfo } from "@/lib/errors";
import { wizardError } from "@/lib/errors";
import { assertLiteralAllowed, guardedConnector, outboundLookup } from "./outbound-guard";
import type { TlsTrust } from "./types";

// TLS trust is scoped to one undici Agent per trust setting. Nothing here touches process-wide
// settings (NODE_TLS_REJECT_UNAUTHORIZED, the global dispatcher).

const CONNECT_TIMEOUT_MS = 10_000;
const FINGERPRINT = /^[0-9A-F]{64}$/;

/** Upper-case hex with colons, or null when `input` is not a SHA-256 fingerprint. */
export function normalizeFingerprint(input: string): string | null {
  const hex = input.replace(/[\s:]/g, "").toUpperCase();
  if (!FINGERPRINT.test(hex)) return null;
  return hex.match(/../g)?.join(":") ?? null;
}

/** The PEM blocks of a CA bundle; throws input:invalid-field when one is not a certificate. */
export function parseCaPem(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    throw wizardError("input:invalid-field", {
      field: "CA certificate",
      problem: "The CA certificate is not in PEM form (it must contain -----BEGIN CERTIFICATE-----).",
    });
  }
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch {
      throw wizardError("input:invalid-field", {
        field: "CA certificate",
        problem: "One of the certificates in the PEM text cannot be read.",
      });
    }
  }
  return blocks;
}

/** Checks a trust setting before it is used; returns it normalised. */
export function normalizeTrust(trust: TlsTrust | undefined): TlsTrust | undefined {
  if (!trust) return undefined;
  const out: TlsTrust = {};
  if (trust.caPem?.trim()) out.caPem = parseCaPem(trust.caPem).join("\n");
  if (trust.fingerprint256?.trim()) {
    const fp = normalizeFingerprint(trust.fingerprint256);
    if (!fp) {
      throw wizardError("input:invalid-field", {
        field: "Certificate fingerprint",
        problem: "The fingerprint must be 64 hexadecimal digits (SHA-256), with or without colons.",
      });
    }
    out.fingerprint256 = fp;
  }
  return out.caPem || out.fingerprint256 ? out : undefined;
}

/** Raised by the pinning connector; mapped to tls:pin-mismatch. */
export class PinMismatchError extends Error {
  readonly code = "ERR_CERT_PIN_MISMATCH";
  constructor(readonly presented: string | null) {
    super("The server presented a certificate other than the pinned one");
    this.name = "PinMismatchError";
  }
}

function pinningConnector(fingerprint: string): ReturnType<typeof guardedConnector> {
  // Chain checks are off for this one Agent only; the pin below replaces them, exactly.
  const base = guardedConnector({
    rejectUnauthorized: false,
    maxCachedSessions: 0,
    timeout: CONNECT_TIMEOUT_MS,
  });
  return (options, callback) => {
    base(options, (err, socket) => {
      if (err || !socket) {
        callback(err ?? new Error("connect failed"), null);
        return;
      }
      if (socket instanceof tls.TLSSocket) {
        const presented = socket.getPeerCertificate()?.fingerprint256 ?? null;
        if (presented === null || normalizeFingerprint(presented) !== fingerprint) {
          socket.destroy();
          callback(new PinMismatchError(presented), null);
          return;
        }
      }
      callback(null, socket);
    });
  };
}

function trustKey(trust: TlsTrust | undefined): string {
  if (!trust) return "default";
  return createHash("sha256")
    .update(`${trust.caPem ?? ""}|${trust.fingerprint256 ?? ""}`)
    .digest("hex");
}

/** Pools kept at once: one per trust setting in use. A flood of distinct certificates cannot grow memory. */
export const MAX_AGENTS = 32;
const agents = new LRUCache<string, Agent>({
  max: MAX_AGENTS,
  // An evicted pool finishes what it is sending, then closes its sockets.
  dispose: (agent) => {
    void agent.close().catch(() => undefined);
  },
});

/** How many pools are cached now (tests). */
export function cachedAgentCount(): number {
  return agents.size;
}

/** The undici Agent for one trust setting (cached: one pool per trust, never the global one). */
export function agentFor(trust: TlsTrust | undefined): Agent {
  const key = trustKey(trust);
  let agent = agents.get(key);
  if (!agent) {
    const common = { keepAliveTimeout: 4_000, headersTimeout: 0, bodyTimeout: 0 };
    if (trust?.fingerprint256) {
      agent = new Agent({ ...common, connect: pinningConnector(trust.fingerprint256) });
    } else if (trust?.caPem) {
      // Add the operator's CA to the public roots, for this Agent only.
      const ca = [...tls.rootCertificates, ...parseCaPem(trust.caPem)];
      agent = new Agent({ ...common, connect: guardedConnector({ ca, timeout: CONNECT_TIMEOUT_MS }) });
    } else {
      agent = new Agent({ ...common, connect: guardedConnector({ timeout: CONNECT_TIMEOUT_MS }) });
    }
    agents.set(key, agent);
  }
  return agent;
}

function describeName(name: tls.Certificate | undefined): string {
  if (!name) return "";
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("+") : v}`)
    .join(", ");
}

/** A presented certificate as the operator sees it before trusting it. */
export function certificateInfo(cert: tls.PeerCertificate): CertificateInfo {
  return {
    subject: describeName(cert.subject),
    issuer: describeName(cert.issuer),
    subjectAltName: cert.subjectaltname ?? null,
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    fingerprint256: normalizeFingerprint(cert.fingerprint256) ?? cert.fingerprint256,
    selfSigned: describeName(cert.subject) === describeName(cert.issuer),
  };
}

/**
 * Reads the certificate a server presents, without sending any HTTP request, so the operator can
 * see it before trusting it. Null when no TLS handshake completes.
 */
export async function inspectCertificate(url: string, timeoutMs = 5_000): Promise<CertificateInfo | null> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return null;
  }
  if (target.protocol !== "https:") return null;
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const port = Number(target.port || 443);
  try {
    assertLiteralAllowed(host, port);
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    const socket = tls.connect({
      host,
      port,
      lookup: outboundLookup,
      servername: net.isIP(host) ? undefined : host,
      rejectUnauthorized: false,
    });
    const done = (value: CertificateInfo | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    socket.once("error", () => done(null));
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      if (!cert?.fingerprint256) {
        done(null);
        return;
      }
      done(certificateInfo(cert));
    });
  });
}
