import "server-only";
import { lookup } from "node:dns/promises";
import net from "node:net";
import tls from "node:tls";
import { meansThisMachine } from "@/lib/contract/addresses";
import type { CallRecord, TlsTrust } from "@/lib/creatio/types";
import type { ErrorCode } from "@/lib/errors";
import { describeError } from "@/lib/errors";
import {
  certificateInfo,
  classifyNetworkError,
  defaultTimeoutMs,
  normalizeFingerprint,
  parseCaPem,
} from "@/lib/transport";
import { assertLiteralAllowed, outboundLookup, refusalIn } from "@/lib/transport/outbound-guard";
import { type Layer, makeCheck, since } from "./check";
import type { Check } from "./types";

// The lowest layers, shared by the Creatio and Identity Service checks: DNS (node:dns), TCP (node:net)
// and TLS (node:tls). TLS is judged with the same per-connection trust as lib/creatio/tls.ts (the public
// roots plus the operator's CA PEM, or one pinned SHA-256 fingerprint) and never with a process-wide switch.

/**
 * Per-step timeout of the checks: the wizard's own call timeout (WIZARD_CREATIO_TIMEOUT_MS, else 15 s), so
 * that a check and the wizard's steps give up on a silent server after the same time, in the same words.
 */
export function probeTimeoutMs(): number {
  return defaultTimeoutMs();
}
/** A certificate that expires within this many days is a warning. */
export const EXPIRY_WARNING_DAYS = 14;

export type System = "creatio" | "identity";

export interface Endpoint {
  url: URL;
  /** Host name without IPv6 brackets. */
  host: string;
  port: number;
  https: boolean;
  system: System;
}

export function endpointOf(url: string, system: System): Endpoint {
  const parsed = new URL(url);
  const https = parsed.protocol === "https:";
  return {
    url: parsed,
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: Number(parsed.port || (https ? 443 : 80)),
    https,
    system,
  };
}

/** A DNS/TCP/TLS step, shown in details like an HTTP call. */
function stepRecord(
  method: "DNS" | "TCP" | "TLS",
  target: string,
  ms: number,
  error?: ErrorCode,
): CallRecord {
  return { method, url: target, status: null, ms, ...(error ? { error } : {}) };
}

function failureText(code: ErrorCode, ep: Endpoint, e?: unknown) {
  const refusal = refusalIn(e);
  const rule = refusal ? { problem: refusal.rule, reason: refusal.kind } : {};
  return describeError(code, { system: ep.system, url: ep.url.href, ...rule });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// DNS ---------------------------------------------------------------------------------------------

export function dnsLayer(ep: Endpoint, timeoutMs = probeTimeoutMs()): Layer {
  const title = "DNS";
  return {
    id: "dns",
    title,
    run: async () => {
      if (net.isIP(ep.host)) {
        return makeCheck("dns", title, {
          verdict: "pass",
          message: `${ep.host} is an IP address: no DNS lookup is needed.`,
          facts: { host: ep.host, loopback: meansThisMachine(ep.host) },
        });
      }
      const started = performance.now();
      try {
        const answers = await withTimeout(lookup(ep.host, { all: true }), timeoutMs);
        const ms = since(started);
        const addresses = answers.map((a) => a.address);
        return makeCheck("dns", title, {
          verdict: "pass",
          message: `${ep.host} resolves to ${addresses.join(", ")}.`,
          ms,
          calls: [stepRecord("DNS", ep.host, ms)],
          facts: { host: ep.host, addresses: addresses.join(", "), loopback: meansThisMachine(ep.host) },
        });
      } catch (e) {
        const ms = since(started);
        // A lookup that does not answer in time is a DNS problem too: same code, its own sentence.
        const code = "network:dns";
        const text = failureText(code, ep);
        if (classifyNetworkError(e, false) === "network:timeout") {
          text.message = `The DNS lookup of ${ep.host} did not answer within ${Math.round(timeoutMs / 1000)} seconds.`;
        }
        return makeCheck("dns", title, {
          verdict: "fail",
          ...text,
          code,
          ms,
          calls: [stepRecord("DNS", ep.host, ms, code)],
          facts: { host: ep.host },
        });
      }
    },
  };
}

// TCP ---------------------------------------------------------------------------------------------

function connectTcp(ep: Endpoint, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    assertLiteralAllowed(ep.host, ep.port);
    const socket = net.connect({ host: ep.host, port: ep.port, lookup: outboundLookup });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error("connect timed out"), { code: "ETIMEDOUT" }));
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      const remote = `${socket.remoteAddress ?? ep.host}:${socket.remotePort ?? ep.port}`;
      socket.destroy();
      resolve(remote);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    });
  });
}

export function tcpLayer(ep: Endpoint, timeoutMs = probeTimeoutMs()): Layer {
  const title = "TCP connection";
  const target = `${ep.host}:${ep.port}`;
  return {
    id: "tcp",
    title,
    run: async () => {
      const started = performance.now();
      try {
        const remote = await connectTcp(ep, timeoutMs);
        const ms = since(started);
        return makeCheck("tcp", title, {
          verdict: "pass",
          message: `Port ${ep.port} on ${ep.host} accepts connections.`,
          ms,
          calls: [stepRecord("TCP", target, ms)],
          facts: { remote },
        });
      } catch (e) {
        const ms = since(started);
        let code = classifyNetworkError(e, false);
        if (!code.startsWith("network:")) code = "network:failed";
        return makeCheck("tcp", title, {
          verdict: "fail",
          ...failureText(code, ep, e),
          code,
          ms,
          calls: [stepRecord("TCP", target, ms, code)],
          facts: { port: ep.port },
        });
      }
    },
  };
}

// TLS ---------------------------------------------------------------------------------------------

interface Handshake {
  cert: tls.PeerCertificate;
  authorized: boolean;
  authorizationError: string | null;
  protocol: string | null;
}

function handshake(ep: Endpoint, trust: TlsTrust | undefined, timeoutMs: number): Promise<Handshake> {
  // The verdict is computed below from the chain result and the pin, exactly as the transport would
  // decide; the handshake itself must complete to read the certificate.
  const ca =
    trust?.caPem && !trust.fingerprint256 ? [...tls.rootCertificates, ...parseCaPem(trust.caPem)] : undefined;
  return new Promise((resolve, reject) => {
    assertLiteralAllowed(ep.host, ep.port);
    const socket = tls.connect({
      host: ep.host,
      port: ep.port,
      lookup: outboundLookup,
      servername: net.isIP(ep.host) ? undefined : ep.host,
      rejectUnauthorized: false,
      ...(ca ? { ca } : {}),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error("TLS handshake timed out"), { code: "ETIMEDOUT" }));
    }, timeoutMs);
    socket.once("secureConnect", () => {
      clearTimeout(timer);
      const result: Handshake = {
        cert: socket.getPeerCertificate(),
        authorized: socket.authorized,
        authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
        protocol: socket.getProtocol(),
      };
      socket.destroy();
      resolve(result);
    });
    socket.once("error", (e) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    });
  });
}

function trustLabel(trust: TlsTrust | undefined): string {
  if (trust?.fingerprint256) return "pinned certificate (SHA-256 fingerprint)";
  if (trust?.caPem) return "public authorities and the CA certificate you gave";
  return "public authorities";
}

/** Which tls:* problem the presented certificate has under `trust`, or null when it is trusted. */
export function judgeCertificate(
  ep: Endpoint,
  hs: Pick<Handshake, "cert" | "authorized" | "authorizationError">,
  trust: TlsTrust | undefined,
): ErrorCode | null {
  if (trust?.fingerprint256) {
    // Same rule as the pinning connector: the exact certificate decides, chain and name do not.
    const presented = normalizeFingerprint(hs.cert.fingerprint256 ?? "");
    return presented === normalizeFingerprint(trust.fingerprint256) ? null : "tls:pin-mismatch";
  }
  if (!hs.authorized) {
    const code = classifyNetworkError({ code: hs.authorizationError ?? "" }, false);
    return code.startsWith("tls:") ? code : "tls:untrusted";
  }
  if (tls.checkServerIdentity(ep.host, hs.cert)) return "tls:hostname";
  return null;
}

export function tlsLayer(ep: Endpoint, trust: TlsTrust | undefined, timeoutMs = probeTimeoutMs()): Layer {
  const title = "TLS certificate";
  const target = `${ep.host}:${ep.port}`;
  return {
    id: "tls",
    title,
    run: async () => {
      if (!ep.https) return plainHttpCheck(ep);
      const started = performance.now();
      let hs: Handshake;
      try {
        hs = await handshake(ep, trust, timeoutMs);
      } catch (e) {
        const ms = since(started);
        let code = classifyNetworkError(e, false);
        // A handshake that breaks off is most often plain HTTP on this port.
        if (code === "network:reset" || code === "network:failed") code = "tls:protocol";
        return makeCheck("tls", title, {
          verdict: "fail",
          ...failureText(code, ep, e),
          code,
          ms,
          calls: [stepRecord("TLS", target, ms, code)],
        });
      }
      const ms = since(started);
      if (!hs.cert?.fingerprint256) {
        return makeCheck("tls", title, {
          verdict: "fail",
          ...failureText("tls:protocol", ep),
          code: "tls:protocol",
          ms,
          calls: [stepRecord("TLS", target, ms, "tls:protocol")],
        });
      }
      const certificate = certificateInfo(hs.cert);
      const facts = {
        subject: certificate.subject,
        issuer: certificate.issuer,
        "valid to": certificate.validTo,
        "SHA-256 fingerprint": certificate.fingerprint256,
        "self-signed": certificate.selfSigned,
        "trusted through": trustLabel(trust),
        protocol: hs.protocol,
      };
      const problem = judgeCertificate(ep, hs, trust);
      if (problem) {
        return makeCheck("tls", title, {
          verdict: "fail",
          ...failureText(problem, ep),
          code: problem,
          ms,
          calls: [stepRecord("TLS", target, ms, problem)],
          facts,
          certificate,
        });
      }
      const daysLeft = Math.floor((Date.parse(certificate.validTo) - Date.now()) / 86_400_000);
      const expiresSoon = daysLeft < EXPIRY_WARNING_DAYS;
      return makeCheck("tls", title, {
        verdict: expiresSoon ? "warn" : "pass",
        message: expiresSoon
          ? `The certificate of ${ep.host} is trusted but expires in ${Math.max(daysLeft, 0)} days (${certificate.validTo.slice(0, 10)}).`
          : `The certificate of ${ep.host} is trusted (issued by ${certificate.issuer}, valid to ${certificate.validTo.slice(0, 10)}).`,
        fix: "Renew the certificate before it expires (IIS site bindings, or the Identity Service's certificate settings).",
        ms,
        calls: [stepRecord("TLS", target, ms)],
        facts: { ...facts, "days left": daysLeft },
        certificate,
      });
    },
  };
}

/** No TLS on http://. Loopback is fine; elsewhere the password and cookies travel unencrypted. */
function plainHttpCheck(ep: Endpoint): Check {
  const title = "TLS certificate";
  if (meansThisMachine(ep.host)) {
    return makeCheck("tls", title, {
      verdict: "pass",
      message: `The address uses http:// on this machine (${ep.host}): no certificate is involved.`,
    });
  }
  return makeCheck("tls", title, {
    verdict: "warn",
    message: `The address uses http://, so passwords and ${ep.system === "creatio" ? "Creatio's session cookies" : "client secrets"} travel unencrypted.`,
    fix: "Use https:// when the site has a certificate (an IIS binding on port 443, or the Identity Service's HTTPS port).",
  });
}
