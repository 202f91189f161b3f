// Tiny local servers for transport and e2e fault tests: plain handlers over node:http or node:https, a
// port where nothing listens, and the TLS fixtures of ../test-fixtures/tls.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import path from "node:path";

export interface TestServer {
  url: string;
  /** Every request received: method, path and headers (tests check what was, or was not, sent). */
  requests: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

// __dirname, not import.meta: Playwright loads e2e files (and this one) as CommonJS; Vitest provides it too.
const FIXTURES = path.join(__dirname, "..", "test-fixtures", "tls");

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

/**
 * Listens on a free loopback port. `close` also ends open (keep-alive) connections, so that a test's
 * teardown never waits for a client that keeps its socket.
 */
export async function listenOnLoopback(
  server: http.Server | https.Server,
): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startServer(
  handler: Handler,
  tls?: { cert: string; key: string },
): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const listener: Handler = (req, res) => {
    requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers });
    handler(req, res);
  };
  const server = tls
    ? https.createServer({ cert: fixture(tls.cert), key: fixture(tls.key) }, listener)
    : http.createServer(listener);
  const { port, close } = await listenOnLoopback(server);
  return { url: `${tls ? "https" : "http"}://127.0.0.1:${port}`, requests, close };
}

/** A loopback URL where nothing listens (the port was free a moment ago). */
export async function closedPortUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

export const sendJson = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: http.OutgoingHttpHeaders = {},
) => {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
};

export const sendHtml = (
  res: http.ServerResponse,
  status: number,
  body = "<!DOCTYPE html><html><body>Hello</body></html>",
) => {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(body);
};
