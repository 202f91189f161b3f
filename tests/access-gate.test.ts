import { describe, expect, it } from "vitest";
import { decideAccess, type GateRequest, safeNextPath, unlockPathFor } from "@/lib/access/gate";

function req(method: string, path: string, headers: Record<string, string> = {}): GateRequest {
  const url = new URL(path, "http://wizard.test");
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method,
    pathname: url.pathname,
    search: url.search,
    header: (name) => lower[name.toLowerCase()] ?? null,
  };
}

describe("decideAccess without the access cookie", () => {
  it("sends page and download requests to the unlock page, remembering where they were going", () => {
    expect(decideAccess(req("GET", "/setup/credentials"), false)).toEqual({
      kind: "unlock",
      next: "/setup/credentials",
    });
    expect(decideAccess(req("GET", "/?next=%2Fstatus"), false)).toEqual({
      kind: "unlock",
      next: "/?next=%2Fstatus",
    });
    expect(decideAccess(req("GET", "/status/report"), false)).toEqual({
      kind: "unlock",
      next: "/status/report",
    });
    // A client-side navigation (RSC request) too.
    expect(decideAccess(req("GET", "/status?_rsc=abc", { RSC: "1" }), false)).toEqual({
      kind: "unlock",
      next: "/status",
    });
  });

  it("refuses server actions and posts, wherever they are sent", () => {
    expect(decideAccess(req("POST", "/", { "Next-Action": "abc123" }), false)).toEqual({ kind: "refuse" });
    expect(decideAccess(req("POST", "/setup/feature"), false)).toEqual({ kind: "refuse" });
    // Action ids are global: one sent to a public path would run anyway.
    expect(decideAccess(req("POST", "/unlock", { "Next-Action": "abc123" }), false)).toEqual({
      kind: "refuse",
    });
    expect(decideAccess(req("POST", "/unlock/submit", { "Next-Action": "abc" }), false)).toEqual({
      kind: "refuse",
    });
    expect(decideAccess(req("POST", "/api/status", { "Next-Action": "abc" }), false)).toEqual({
      kind: "refuse",
    });
    expect(decideAccess(req("GET", "/setup/feature", { "Next-Action": "abc" }), false)).toEqual({
      kind: "refuse",
    });
  });

  it("lets through only the unlock page, its form post, and the monitoring endpoint", () => {
    expect(decideAccess(req("GET", "/unlock?next=%2Fstatus"), false)).toEqual({ kind: "pass" });
    expect(decideAccess(req("POST", "/unlock/submit"), false)).toEqual({ kind: "pass" });
    expect(decideAccess(req("GET", "/api/status"), false)).toEqual({ kind: "pass" });
    expect(decideAccess(req("GET", "/unlock/submit"), false)).toEqual({ kind: "unlock", next: "/" });
    expect(decideAccess(req("POST", "/unlock"), false)).toEqual({ kind: "refuse" });
    expect(decideAccess(req("GET", "/api/statusx"), false)).toEqual({ kind: "unlock", next: "/api/statusx" });
  });
});

describe("decideAccess for the liveness route", () => {
  it("lets GET /api/health through without the cookie, but nothing else under that name", () => {
    expect(decideAccess(req("GET", "/api/health"), false)).toEqual({ kind: "pass" });
    expect(decideAccess(req("HEAD", "/api/health"), false)).toEqual({ kind: "pass" });
    expect(decideAccess(req("POST", "/api/health"), false)).toEqual({ kind: "refuse" });
    expect(decideAccess(req("GET", "/api/health", { "Next-Action": "abc" }), false)).toEqual({
      kind: "refuse",
    });
    expect(decideAccess(req("GET", "/api/healthz"), false)).toEqual({ kind: "unlock", next: "/api/healthz" });
  });
});

describe("decideAccess with the access cookie", () => {
  it("lets everything through", () => {
    expect(decideAccess(req("POST", "/", { "Next-Action": "abc" }), true)).toEqual({ kind: "pass" });
    expect(decideAccess(req("GET", "/status/report"), true)).toEqual({ kind: "pass" });
  });
});

describe("safeNextPath", () => {
  it("keeps same-origin paths and refuses anything that leaves the wizard or loops", () => {
    expect(safeNextPath("/setup/feature")).toBe("/setup/feature");
    expect(safeNextPath("/?next=%2Fstatus&reason=expired")).toBe("/?next=%2Fstatus&reason=expired");
    for (const bad of [
      "//evil.example.com/x",
      "/\\evil.example.com",
      "https://evil.example.com/",
      "javascript:alert(1)",
      "setup",
      "/unlock?next=/unlock",
      "/unlock/submit",
      undefined,
      42,
    ]) {
      expect(safeNextPath(bad), String(bad)).toBe("/");
    }
  });

  it("builds the unlock address with the return path and the error", () => {
    expect(unlockPathFor("/")).toBe("/unlock");
    expect(unlockPathFor("/status", "wrong")).toBe("/unlock?next=%2Fstatus&error=wrong");
  });
});
