import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, logLevelFrom, logOutboundCall, outboundFields, prettyLine } from "./index";

function capture(level = "info") {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, log: createLogger({ level, stream }) };
}

const SECRET = "ClientSecret-9f8e7d6c5b4a";
const COOKIE = "BPMCSRF=abc123cookie";

describe("logOutboundCall", () => {
  it("writes one JSON line with time, request id, method, host, path, status, ms and outcome", () => {
    const { lines, log } = capture();
    logOutboundCall(
      {
        method: "POST",
        url: "https://creatio.example:8443/0/ServiceModel/AuthService.svc/Login",
        status: 200,
        ms: 42,
      },
      log,
    );
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? "");
    expect(record).toMatchObject({
      level: 30,
      event: "outbound",
      method: "POST",
      host: "creatio.example:8443",
      path: "/0/ServiceModel/AuthService.svc/Login",
      status: 200,
      ms: 42,
      outcome: "ok",
    });
    expect(record.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(record.time))).toBe(false);
  });

  it("never writes a query, fragment, user info, cookie or secret from the URL", () => {
    const { lines, log } = capture();
    logOutboundCall(
      {
        method: "GET",
        url: `https://Supervisor:${SECRET}@ids.example/connect/token?client_secret=${SECRET}&cookie=${COOKIE}#${SECRET}`,
        status: 401,
        ms: 7,
        error: "identity:bad-client",
      },
      log,
    );
    const line = lines.join("");
    expect(line).not.toContain(SECRET);
    expect(line).not.toContain("abc123cookie");
    expect(line).not.toContain("Supervisor");
    expect(line).not.toContain("?");
    const record = JSON.parse(lines[0] ?? "");
    expect(record).toMatchObject({
      level: 40,
      host: "ids.example",
      path: "/connect/token",
      outcome: "identity:bad-client",
    });
  });

  it("keeps only the known fields of a call record, whatever else it carries", () => {
    const call = {
      method: "GET",
      url: "http://127.0.0.1:1/x",
      status: null,
      ms: 3,
      headers: { cookie: COOKIE },
      body: `{"password":"${SECRET}"}`,
    };
    const fields = outboundFields(call, "id-1");
    expect(Object.keys(fields).sort()).toEqual(
      ["event", "host", "method", "ms", "outcome", "path", "requestId", "status"].sort(),
    );
    expect(JSON.stringify(fields)).not.toContain(SECRET);
    expect(fields.outcome).toBe("network:unknown");
  });

  it("respects the level: nothing below it is written", () => {
    const { lines, log } = capture("warn");
    logOutboundCall({ method: "GET", url: "http://127.0.0.1:1/ok", status: 200, ms: 1 }, log);
    expect(lines).toHaveLength(0);
    logOutboundCall(
      { method: "GET", url: "http://127.0.0.1:1/down", status: null, ms: 1, error: "network:refused" },
      log,
    );
    expect(lines).toHaveLength(1);
  });
});

describe("logLevelFrom and prettyLine", () => {
  it("takes LOG_LEVEL in any case, and info for anything else", () => {
    expect(logLevelFrom({ LOG_LEVEL: "DEBUG" })).toBe("debug");
    expect(logLevelFrom({ LOG_LEVEL: " warn " })).toBe("warn");
    expect(logLevelFrom({ LOG_LEVEL: "loud" })).toBe("info");
    expect(logLevelFrom({})).toBe("info");
  });

  it("turns a JSON line into a short readable one", () => {
    const line = prettyLine(
      JSON.stringify({
        level: 30,
        time: "2026-05-01T10:11:12.000Z",
        msg: "outbound call",
        method: "GET",
        status: 200,
      }),
    );
    expect(line).toBe("10:11:12 INFO  outbound call method=GET status=200\n");
    expect(prettyLine("not json")).toBe("not json");
  });
});
