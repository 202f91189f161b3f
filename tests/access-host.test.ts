import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, servedOverHttps } from "@/lib/access/headers";
import {
  changesState,
  isSameOriginBrowserRequest,
  isServedHost,
  isServedOrigin,
  misdirectedText,
  servedNames,
} from "@/lib/access/host";

const noInterfaces = () => ["10.0.0.5", "fe80::1"];

describe("threat: a web page rebinds its own name to 127.0.0.1 and drives the wizard (Host)", () => {
  const served = servedNames({ PORT: "3000", HOSTNAME: "127.0.0.1" }, noInterfaces);

  it("answers the loopback names on its own port", () => {
    for (const host of [
      "127.0.0.1:3000",
      "localhost:3000",
      "[::1]:3000",
      "LOCALHOST:3000",
      "127.0.0.2:3000",
    ]) {
      expect(isServedHost(host, served), host).toBe(true);
    }
  });

  it("refuses any other name, another port, no Host, and junk", () => {
    for (const host of [
      "attacker.example:3000",
      "attacker.example",
      "127.0.0.1.nip.io:3000",
      "127.0.0.1:3001",
      "127.0.0.1",
      "10.0.0.5:3000", // bound to loopback: the machine's other addresses are not served
      "127.0.0.1:3000@evil",
      "",
    ]) {
      expect(isServedHost(host, served), host).toBe(false);
    }
    expect(isServedHost(null, served)).toBe(false);
    expect(misdirectedText("attacker.example:3000", served)).toContain("WIZARD_PUBLIC_ORIGIN");
  });

  it("answers the public origin behind a reverse proxy, and this machine's addresses when bound to all", () => {
    const proxied = servedNames(
      { PORT: "3000", HOSTNAME: "0.0.0.0", WIZARD_PUBLIC_ORIGIN: "https://wizard.corp.example, http://x y" },
      noInterfaces,
    );
    expect(isServedHost("wizard.corp.example", proxied)).toBe(true);
    expect(isServedHost("wizard.corp.example:443", proxied)).toBe(true);
    expect(isServedHost("wizard.corp.example:3000", proxied)).toBe(false);
    expect(isServedHost("10.0.0.5:3000", proxied)).toBe(true);
    expect(isServedHost("[fe80::1]:3000", proxied)).toBe(true);
    expect(isServedHost("evil.example:3000", proxied)).toBe(false);
    expect(proxied.invalid).toEqual(["http://x y"]);
  });
});

describe("threat: another site makes the operator's browser post to the wizard (Origin)", () => {
  const served = servedNames(
    { PORT: "3000", WIZARD_PUBLIC_ORIGIN: "https://wizard.corp.example" },
    noInterfaces,
  );

  it("accepts the wizard's own origins", () => {
    expect(isServedOrigin("http://127.0.0.1:3000", served)).toBe(true);
    expect(isServedOrigin("http://localhost:3000", served)).toBe(true);
    expect(isServedOrigin("https://wizard.corp.example", served)).toBe(true);
  });

  it("refuses other sites, null, a missing Origin and the public name over the wrong scheme", () => {
    for (const origin of [
      "https://attacker.example",
      "http://attacker.example:3000",
      "null",
      "http://127.0.0.1:3001",
      "http://wizard.corp.example",
      "file://",
      "not a url",
    ]) {
      expect(isServedOrigin(origin, served), origin).toBe(false);
    }
    expect(isServedOrigin(null, served)).toBe(false);
  });

  it("takes the browser's word (Sec-Fetch-Site) for its own form posts, which carry Origin: null under no-referrer", () => {
    expect(isSameOriginBrowserRequest("null", "same-origin")).toBe(true);
    expect(isSameOriginBrowserRequest(null, "same-origin")).toBe(true);
    expect(isSameOriginBrowserRequest("null", "cross-site")).toBe(false);
    expect(isSameOriginBrowserRequest("null", "same-site")).toBe(false);
    expect(isSameOriginBrowserRequest("null", null)).toBe(false);
    expect(isSameOriginBrowserRequest("https://attacker.example", "same-origin")).toBe(false);
  });

  it("asks for an Origin on everything but GET, HEAD and OPTIONS", () => {
    expect(changesState("POST")).toBe(true);
    expect(changesState("PUT")).toBe(true);
    expect(changesState("DELETE")).toBe(true);
    expect(changesState("GET")).toBe(false);
    expect(changesState("HEAD")).toBe(false);
  });
});

describe("threat: script injected into a page runs (CSP)", () => {
  it("allows scripts by a fresh nonce only (unsafe-inline is the fallback nonce-aware browsers ignore)", () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).not.toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(22);
    const csp = contentSecurityPolicy(a, false);
    expect(csp).toContain(`script-src 'self' 'nonce-${a}' 'strict-dynamic'`);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("sends HSTS only over HTTPS", () => {
    expect(servedOverHttps("http:", null)).toBe(false);
    expect(servedOverHttps("http:", "https")).toBe(true);
    expect(servedOverHttps("https:", null)).toBe(true);
  });
});
