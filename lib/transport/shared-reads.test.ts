// sendWithinRequest: identical shared reads of one request make one call; a failed one is not shared.
import { AsyncLocalStorage } from "node:async_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "@/lib/creatio/test-support/servers";
import { CallRecorder, type HttpRequest } from "./http";
import type { RequestTiming } from "./request-timing";
import { sendWithinRequest } from "./shared-reads";

const KEY = Symbol.for("creatio-wizard.request-timing");
function inOneRequest<T>(run: () => Promise<T>): Promise<T> {
  const g = globalThis as Record<symbol, unknown>;
  g[KEY] ??= new AsyncLocalStorage<RequestTiming>();
  return (g[KEY] as AsyncLocalStorage<RequestTiming>).run({ start: performance.now(), calls: [] }, run);
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function request(
  server: TestServer,
  recorder: CallRecorder,
  headers: Record<string, string> = {},
): HttpRequest {
  return { method: "POST", url: `${server.url}/read`, body: "{}", headers, recorder, system: "creatio" };
}

describe("sendWithinRequest", () => {
  it("answers identical shared reads once, and each caller lists its own record", async () => {
    const server = await startServer((_req, res) => setTimeout(() => res.end("ok"), 20));
    servers.push(server);
    const [a, b, c] = [new CallRecorder(), new CallRecorder(), new CallRecorder()];
    const answers = await inOneRequest(() =>
      Promise.all([
        sendWithinRequest(request(server, a), "share"),
        sendWithinRequest(request(server, b), "share"),
        sendWithinRequest(request(server, c, { Cookie: "other" }), "share"),
      ]),
    );
    expect(server.requests).toHaveLength(2);
    expect(answers.map((x) => x.body)).toEqual(["ok", "ok", "ok"]);
    expect([a, b, c].map((r) => r.list.map((x) => x.status))).toEqual([[200], [200], [200]]);
    expect(b.list[0]).not.toBe(a.list[0]);
  });

  it("a write forgets the shared answers; a plain read keeps them", async () => {
    const server = await startServer((_req, res) => res.end("ok"));
    servers.push(server);
    const r = new CallRecorder();
    await inOneRequest(async () => {
      await sendWithinRequest(request(server, r), "share");
      await sendWithinRequest({ ...request(server, r), url: `${server.url}/other` }, "read");
      await sendWithinRequest(request(server, r), "share");
      expect(server.requests).toHaveLength(2);
      await sendWithinRequest({ ...request(server, r), url: `${server.url}/write` }, "write");
      await sendWithinRequest(request(server, r), "share");
    });
    expect(server.requests.map((x) => x.path)).toEqual(["/read", "/other", "/write", "/read"]);
  });

  it("when the shared call fails, the identical one asks for itself", async () => {
    let seen = 0;
    const server = await startServer((req, res) => {
      seen += 1;
      if (seen === 1) req.socket.destroy();
      else res.end("ok");
    });
    servers.push(server);
    const [a, b] = [new CallRecorder(), new CallRecorder()];
    const [first, second] = await inOneRequest(() =>
      Promise.allSettled([
        sendWithinRequest(request(server, a), "share"),
        sendWithinRequest(request(server, b), "share"),
      ]),
    );
    expect(first.status).toBe("rejected");
    expect(second.status === "fulfilled" && second.value.body).toBe("ok");
    expect(b.list.map((x) => x.status)).toEqual([200]);
    expect(server.requests).toHaveLength(2);
  });
});
