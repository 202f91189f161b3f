// The transport logs each call it completes, through lib/log, without the query, headers or body.
import { afterEach, describe, expect, it, vi } from "vitest";
import { closedPortUrl, sendJson, startServer, type TestServer } from "@/lib/creatio/test-support/servers";
import { CallRecorder, sendHttp } from "@/lib/transport";
import { logger } from "./index";

const SECRET = "ClientSecret-9f8e7d6c5b4a";
const servers: TestServer[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function spyLog() {
  const lines: unknown[][] = [];
  const log = logger();
  vi.spyOn(log, "info").mockImplementation((...args: unknown[]) => void lines.push(args));
  vi.spyOn(log, "warn").mockImplementation((...args: unknown[]) => void lines.push(args));
  return lines;
}

describe("sendHttp logs the outbound call", () => {
  it("one record per call, with host and path but no query, header value, cookie or body", async () => {
    const server = await startServer((_req, res) => {
      res.setHeader("set-cookie", `BPMSESSIONID=${SECRET}`);
      sendJson(res, 200, { secret: SECRET });
    });
    servers.push(server);
    const lines = spyLog();
    await sendHttp({
      method: "POST",
      url: `${server.url}/0/ServiceModel/AuthService.svc/Login?password=${SECRET}`,
      headers: { cookie: `BPMCSRF=${SECRET}`, authorization: `Bearer ${SECRET}` },
      body: JSON.stringify({ UserPassword: SECRET }),
      recorder: new CallRecorder(),
      system: "creatio",
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.[0]).toMatchObject({
      method: "POST",
      host: new URL(server.url).host,
      path: "/0/ServiceModel/AuthService.svc/Login",
      status: 200,
      outcome: "ok",
    });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });

  it("a call that gets no answer is logged with its error code", async () => {
    const lines = spyLog();
    const url = await closedPortUrl();
    await expect(
      sendHttp({
        method: "GET",
        url: `${url}/x?token=${SECRET}`,
        recorder: new CallRecorder(),
        system: "identity",
      }),
    ).rejects.toThrow();
    expect(lines).toHaveLength(1);
    expect(lines[0]?.[0]).toMatchObject({ status: null, outcome: "network:refused" });
    expect(JSON.stringify(lines)).not.toContain(SECRET);
  });
});
