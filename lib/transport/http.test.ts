import { X509Certificate } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import {
  closedPortUrl,
  fixture,
  sendHtml,
  sendJson,
  startServer,
  type TestServer,
} from "@/lib/creatio/test-support/servers";
import type { TlsTrust } from "@/lib/creatio/types";
import { isWizardError, type WizardError } from "@/lib/errors";
import { CallRecorder, recordingFetch, sendHttp } from "./http";
import { cachedAgentCount, MAX_AGENTS, normalizeFingerprint, normalizeTrust } from "./tls";

const servers: TestServer[] = [];
async function serve(...args: Parameters<typeof startServer>) {
  const s = await startServer(...args);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
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

function get(
  url: string,
  opts: { trust?: TlsTrust; timeoutMs?: number; maxBodyBytes?: number; recorder?: CallRecorder } = {},
) {
  return sendHttp({
    method: "GET",
    url,
    recorder: opts.recorder ?? new CallRecorder(),
    system: "creatio",
    trust: opts.trust,
    timeoutMs: opts.timeoutMs,
    maxBodyBytes: opts.maxBodyBytes,
  });
}

const fingerprintOf = (name: string) =>
  normalizeFingerprint(new X509Certificate(fixture(name)).fingerprint256) ?? "";

describe("sendHttp: answers and recording", () => {
  it("returns the status, body and Set-Cookie lines, and records the call without secrets", async () => {
    const s = await serve((_req, res) =>
      sendJson(
        res,
        200,
        { ok: true },
        { "set-cookie": ["BPMCSRF=abc; path=/", ".ASPXAUTH=secret-cookie; path=/"] },
      ),
    );
    const recorder = new CallRecorder();
    const answer = await sendHttp({
      method: "POST",
      url: `${s.url}/x`,
      headers: { Cookie: "a=secret-cookie", "Content-Type": "application/json" },
      body: JSON.stringify({ UserPassword: "secret-password" }),
      recorder,
      system: "creatio",
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true });
    expect(answer.setCookies).toHaveLength(2);
    expect(recorder.list).toEqual([
      { method: "POST", url: `${s.url}/x`, status: 200, ms: expect.any(Number) },
    ]);
    expect(JSON.stringify(recorder.list)).not.toMatch(/secret/);
    expect(s.requests[0]?.headers.cookie).toBe("a=secret-cookie");
  });

  it("never follows a redirect", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" });
      res.end();
    });
    const answer = await get(s.url);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("http://127.0.0.1:1/elsewhere");
  });

  it("does not retry: a failing GET is sent once", async () => {
    const s = await serve((_req, res) => sendHtml(res, 503));
    expect((await get(s.url)).status).toBe(503);
    expect(s.requests).toHaveLength(1);
  });
});

describe("sendHttp: network failures", () => {
  it("unknown host -> network:dns", async () => {
    const recorder = new CallRecorder();
    const e = await failure(get("http://wizard-test-host.invalid/", { recorder }));
    expect(e.code).toBe("network:dns");
    expect(e.message).toContain("wizard-test-host.invalid");
    expect(recorder.list[0]).toMatchObject({ status: null, error: "network:dns" });
    expect(e.calls).toHaveLength(1);
  });

  it("closed port -> network:refused", async () => {
    const e = await failure(get(await closedPortUrl()));
    expect(e.code).toBe("network:refused");
  });

  it("a server that never answers -> network:timeout", async () => {
    const s = await serve(() => {
      /* never answers */
    });
    const e = await failure(get(s.url, { timeoutMs: 300 }));
    expect(e.code).toBe("network:timeout");
    expect(e.message).toMatch(/did not answer within/);
  });

  it("a body that never ends -> network:timeout (the deadline covers the body)", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"rows":[');
    });
    const e = await failure(get(s.url, { timeoutMs: 300 }));
    expect(e.code).toBe("network:timeout");
  });

  it("a declared huge body -> network:too-large, without reading it", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(50 * 1024 * 1024) });
      res.write("[");
    });
    const recorder = new CallRecorder();
    const e = await failure(get(s.url, { recorder }));
    expect(e.code).toBe("network:too-large");
    expect(recorder.list[0]).toMatchObject({ status: 200, error: "network:too-large" });
  });

  it("an endless chunked body -> network:too-large at the cap", async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = "x".repeat(64 * 1024);
      const pump = () => {
        while (res.write(chunk)) {
          /* keep writing */
        }
        res.once("drain", pump);
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    const e = await failure(get(s.url, { maxBodyBytes: 256 * 1024 }));
    expect(e.code).toBe("network:too-large");
  });

  it("a connection closed mid-answer -> network:reset", async () => {
    const s = await serve((req) => {
      req.socket.destroy();
    });
    const e = await failure(get(s.url));
    expect(e.code).toBe("network:reset");
  });

  it("a port blocked by the fetch standard -> input:invalid-url with an explanation", async () => {
    const e = await failure(get("http://127.0.0.1:6000/"));
    expect(e.code).toBe("input:invalid-url");
    expect(e.message).toMatch(/port/);
  });
});

describe("sendHttp: TLS trust per connection", () => {
  it("a self-signed certificate -> tls:self-signed, with the certificate to show", async () => {
    const s = await serve((_req, res) => sendJson(res, 200, {}), {
      cert: "selfsigned.pem",
      key: "selfsigned.key",
    });
    const e = await failure(get(s.url));
    expect(e.code).toBe("tls:self-signed");
    expect(e.certificate?.fingerprint256).toBe(fingerprintOf("selfsigned.pem"));
    expect(e.certificate?.selfSigned).toBe(true);
    expect(e.toUserFacing().certificate?.subject).toContain("CN=127.0.0.1");
    expect(s.requests).toHaveLength(0);
  });

  it("a pinned fingerprint trusts that one certificate, on that connection only", async () => {
    const s = await serve((_req, res) => sendJson(res, 200, { pinned: true }), {
      cert: "selfsigned.pem",
      key: "selfsigned.key",
    });
    const pinned = await get(s.url, { trust: { fingerprint256: fingerprintOf("selfsigned.pem") } });
    expect(JSON.parse(pinned.body)).toEqual({ pinned: true });
    // No process-wide switch: the same server without the pin is still refused.
    expect((await failure(get(s.url))).code).toBe("tls:self-signed");
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  });

  it("a pin for another certificate -> tls:pin-mismatch, nothing sent", async () => {
    const s = await serve((_req, res) => sendJson(res, 200, {}), {
      cert: "selfsigned.pem",
      key: "selfsigned.key",
    });
    const e = await failure(get(s.url, { trust: { fingerprint256: fingerprintOf("server.pem") } }));
    expect(e.code).toBe("tls:pin-mismatch");
    expect(s.requests).toHaveLength(0);
  });

  it("a certificate from a private CA -> tls:untrusted; trusted once the CA PEM is given", async () => {
    const s = await serve((_req, res) => sendJson(res, 200, { ca: true }), {
      cert: "server.pem",
      key: "server.key",
    });
    expect((await failure(get(s.url))).code).toBe("tls:untrusted");
    const trusted = await get(s.url, { trust: { caPem: fixture("ca.pem") } });
    expect(JSON.parse(trusted.body)).toEqual({ ca: true });
    expect((await failure(get(s.url))).code).toBe("tls:untrusted");
  });

  it("an expired certificate -> tls:expired, even with its CA trusted", async () => {
    const s = await serve((_req, res) => sendJson(res, 200, {}), { cert: "expired.pem", key: "expired.key" });
    const e = await failure(get(s.url, { trust: { caPem: fixture("ca.pem") } }));
    expect(e.code).toBe("tls:expired");
  });

  it("a certificate for another host name -> tls:hostname", async () => {
    const s = await serve((_req, res) => sendJson(res, 200, {}), {
      cert: "wronghost.pem",
      key: "wronghost.key",
    });
    const e = await failure(get(s.url, { trust: { caPem: fixture("ca.pem") } }));
    expect(e.code).toBe("tls:hostname");
  });

  it("https:// to a plain-http port -> tls:protocol", async () => {
    const s = await serve((_req, res) => sendJson(res, 200, {}));
    const e = await failure(get(s.url.replace("http://", "https://")));
    expect(e.code).toBe("tls:protocol");
  });
});

describe("connection pools per trust setting", () => {
  it("stay bounded under a flood of distinct certificates, and the pinned one still works after", async () => {
    const s = await serve((_req, res) => sendJson(res, 200, { pinned: true }), {
      cert: "selfsigned.pem",
      key: "selfsigned.key",
    });
    for (let i = 0; i < MAX_AGENTS + 8; i++) {
      const otherPin = i.toString(16).padStart(64, "a");
      expect((await failure(get(s.url, { trust: { fingerprint256: otherPin } }))).code).toBe(
        "tls:pin-mismatch",
      );
    }
    expect(cachedAgentCount()).toBeLessThanOrEqual(MAX_AGENTS);
    const pinned = await get(s.url, { trust: { fingerprint256: fingerprintOf("selfsigned.pem") } });
    expect(JSON.parse(pinned.body)).toEqual({ pinned: true });
  });
});

describe("trust input", () => {
  it("normalises fingerprints with or without colons", () => {
    const fp = fingerprintOf("selfsigned.pem");
    expect(normalizeTrust({ fingerprint256: fp.replace(/:/g, "").toLowerCase() })).toEqual({
      fingerprint256: fp,
    });
    expect(normalizeTrust({ caPem: "", fingerprint256: "  " })).toBeUndefined();
  });

  it("rejects a malformed fingerprint or PEM with a plain message", () => {
    expect(() => normalizeTrust({ fingerprint256: "AB:CD" })).toThrow(/64 hexadecimal digits/);
    expect(() => normalizeTrust({ caPem: "hello" })).toThrow(/PEM/);
    expect(() =>
      normalizeTrust({ caPem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----" }),
    ).toThrow(/cannot be read/);
  });
});

describe("recordingFetch (for oauth4webapi)", () => {
  it("hands back a standard Response and records the call", async () => {
    const s = await serve((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", () => sendJson(res, 200, { got: body, type: req.headers["content-type"] }));
    });
    const recorder = new CallRecorder();
    const fetch = recordingFetch({ recorder, system: "identity" });
    const response = await fetch(`${s.url}/connect/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_secret: "s3cret" }),
    });
    expect(response).toBeInstanceOf(Response);
    expect(await response.json()).toEqual({
      got: "grant_type=client_credentials&client_secret=s3cret",
      type: "application/x-www-form-urlencoded",
    });
    expect(recorder.list).toEqual([
      { method: "POST", url: `${s.url}/connect/token`, status: 200, ms: expect.any(Number) },
    ]);
  });
});
