// WIZARD_CREATIO_TIMEOUT_MS shortens the per-call timeout of the one transport (lib/creatio/http.ts).
import http from "node:http";
import type net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { isWizardError, type WizardError } from "@/lib/errors";
import { CallRecorder, DEFAULT_TIMEOUT_MS, defaultTimeoutMs, sendHttp, TIMEOUT_ENV } from "@/lib/transport";

describe("defaultTimeoutMs", () => {
  it("uses WIZARD_CREATIO_TIMEOUT_MS when it is a sensible number of milliseconds", () => {
    expect(defaultTimeoutMs({})).toBe(DEFAULT_TIMEOUT_MS);
    expect(defaultTimeoutMs({ [TIMEOUT_ENV]: "4000" })).toBe(4000);
    expect(defaultTimeoutMs({ [TIMEOUT_ENV]: " 2500 " })).toBe(2500);
  });

  it("ignores values that are not a whole number of milliseconds from 100 to 600000", () => {
    for (const bad of ["", "abc", "-5", "1.5", "0", "99", "600001", "5s"]) {
      expect(defaultTimeoutMs({ [TIMEOUT_ENV]: bad }), bad).toBe(DEFAULT_TIMEOUT_MS);
    }
  });
});

describe("sendHttp with WIZARD_CREATIO_TIMEOUT_MS", () => {
  let server: http.Server | null = null;
  const sockets = new Set<net.Socket>();
  const saved = process.env[TIMEOUT_ENV];
  afterEach(async () => {
    if (saved === undefined) delete process.env[TIMEOUT_ENV];
    else process.env[TIMEOUT_ENV] = saved;
    for (const s of sockets) s.destroy();
    await new Promise((r) => server?.close(r) ?? r(undefined));
    server = null;
  });

  it("gives up on a server that never answers after the configured time, and says so", async () => {
    process.env[TIMEOUT_ENV] = "2000";
    server = http.createServer(() => {
      // never answers
    });
    server.on("connection", (s) => {
      sockets.add(s);
    });
    await new Promise<void>((r) => server?.listen(0, "127.0.0.1", r));
    const { port } = server.address() as net.AddressInfo;
    const error = await sendHttp({
      method: "GET",
      url: `http://127.0.0.1:${port}/`,
      recorder: new CallRecorder(),
      system: "creatio",
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isWizardError(error)).toBe(true);
    expect((error as WizardError).code).toBe("network:timeout");
    // The message names the configured limit, not the 15-second default.
    expect((error as WizardError).message).toContain("within 2 seconds");
  });
});
