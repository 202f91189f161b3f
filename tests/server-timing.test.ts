// The Server-Timing header of the wizard's server (issue 16): scripts/server-timing.cjs times each
// request, lib/transport notes each outbound call of it.
import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "@/lib/creatio/test-support/servers";
import { CallRecorder, sendHttp } from "@/lib/transport";

const require = createRequire(import.meta.url);
const timing = require("../scripts/server-timing.cjs") as {
  busyMs(
    calls: { system: string; start: number; end: number | null }[],
    now: number,
    system?: string,
  ): number;
  serverTiming(store: { start: number; calls: unknown[] }, now: number): string;
};

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function entries(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (header ?? "").split(",")) {
    const [name, dur] = part.trim().split(";dur=");
    if (name && dur !== undefined) out[name] = Number(dur);
  }
  return out;
}

describe("busyMs", () => {
  it("counts overlapping calls once and gaps not at all", () => {
    const calls = [
      { system: "creatio", start: 0, end: 50 },
      { system: "creatio", start: 10, end: 60 },
      { system: "identity", start: 100, end: 130 },
    ];
    expect(timing.busyMs(calls, 200)).toBe(90);
    expect(timing.busyMs(calls, 200, "creatio")).toBe(60);
    expect(timing.busyMs(calls, 200, "identity")).toBe(30);
  });

  it("counts a call still in flight until now", () => {
    expect(timing.busyMs([{ system: "creatio", start: 20, end: null }], 75)).toBe(55);
  });
});

describe("serverTiming", () => {
  it("gives the wizard the time no call was in flight", () => {
    const header = timing.serverTiming(
      {
        start: 0,
        calls: [
          { system: "creatio", start: 5, end: 55 },
          { system: "creatio", start: 30, end: 80 },
        ],
      },
      100,
    );
    expect(entries(header)).toEqual({ wizard: 25, creatio: 75, identity: 0, total: 100 });
  });
});

describe("Server-Timing on a response", () => {
  it("splits a request's time between its Creatio calls and the wizard", async () => {
    const creatio = await startServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end("{}");
      }, 60);
    });
    servers.push(creatio);
    const wizard = await startServer((_req, res) => {
      const recorder = new CallRecorder();
      void Promise.all([
        sendHttp({ method: "GET", url: `${creatio.url}/a`, recorder, system: "creatio" }),
        sendHttp({ method: "GET", url: `${creatio.url}/b`, recorder, system: "creatio" }),
      ]).then(() => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("ok");
      });
    });
    servers.push(wizard);

    const response = await fetch(`${wizard.url}/`);
    await response.text();
    const t = entries(response.headers.get("server-timing"));
    // Both calls waited at least 60 ms on the upstream, at the same time.
    expect(t.creatio).toBeGreaterThanOrEqual(59);
    expect(t.identity).toBe(0);
    expect(t.total).toBeGreaterThanOrEqual(t.creatio as number);
    expect((t.wizard as number) + (t.creatio as number)).toBeCloseTo(t.total as number, 0);
  });
});
