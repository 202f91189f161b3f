import { afterEach, describe, expect, it, vi } from "vitest";
import { MONITOR_ENV } from "@/lib/diagnostics/monitor";
import { GET } from "./route";

// The route's answers that need no Creatio: switched off, refused, and configured only in part.
// (200 and 503 with a report run against the demo: lib/diagnostics/monitor.test.ts, e2e/api-status.spec.ts.)

const TOKEN = "route-test-token-0123456789";
const request = (headers: Record<string, string> = {}) =>
  new Request("http://127.0.0.1/api/status", { headers });

afterEach(() => vi.unstubAllEnvs());

function clearMonitorEnv() {
  for (const name of Object.values(MONITOR_ENV)) vi.stubEnv(name, "");
}

describe("GET /api/status", () => {
  it("404 without a word about its configuration when no token is configured, whatever is sent", async () => {
    clearMonitorEnv();
    vi.stubEnv(MONITOR_ENV.creatioUrl, "https://creatio.example.com");
    for (const env of ["", "too-short"]) {
      vi.stubEnv(MONITOR_ENV.token, env);
      const response = await GET(request({ authorization: `Bearer ${TOKEN}` }));
      expect(response.status).toBe(404);
      const text = await response.text();
      expect(text).not.toContain("WIZARD_");
      expect(text).not.toContain("creatio.example.com");
    }
  });

  it("401 with a Bearer challenge without the token, or with a wrong one", async () => {
    clearMonitorEnv();
    vi.stubEnv(MONITOR_ENV.token, TOKEN);
    const refused: Record<string, string>[] = [{}, { authorization: "Bearer not-the-token-at-all" }];
    for (const headers of refused) {
      const response = await GET(request(headers));
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer /);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
  });

  it("503 naming the missing variables once the token is right", async () => {
    clearMonitorEnv();
    vi.stubEnv(MONITOR_ENV.token, TOKEN);
    vi.stubEnv(MONITOR_ENV.creatioUrl, "https://creatio.example.com");
    const response = await GET(request({ authorization: `Bearer ${TOKEN}` }));
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.message).toContain(MONITOR_ENV.userName);
    expect(body.message).toContain(MONITOR_ENV.passwordFile);
    expect(body.message).not.toContain(TOKEN);
  });

  it("?prove takes 1 or 0 only, and says so only to a caller with the token", async () => {
    clearMonitorEnv();
    vi.stubEnv(MONITOR_ENV.token, TOKEN);
    const ask = (query: string, headers: Record<string, string>) =>
      GET(new Request(`http://127.0.0.1/api/status?${query}`, { headers }));
    expect((await ask("prove=yes", {})).status).toBe(401);
    const wrong = await ask("prove=yes", { authorization: `Bearer ${TOKEN}` });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).message).toContain("?prove=1");
    // A known value goes on to the configuration (missing here: 503), never a 400.
    for (const value of ["1", "0", "true", "false"]) {
      expect((await ask(`prove=${value}`, { authorization: `Bearer ${TOKEN}` })).status).toBe(503);
    }
  });
});
