// A pass-through proxy in front of the demo Creatio that notes when each tenant call starts and
// ends. The tenant snapshot lists calls without times; with these the bench sees which calls overlap
// (issued in parallel) and which wait for each other. Both runs go through it, so its cost is shared.
import http from "node:http";
import { now } from "./clock";
import { HOST } from "./config";
import { BenchError } from "./errors";

export interface TimedCall {
  tenantId: string;
  method: string;
  /** Relative to the tenant base, as in the snapshot (`/0/DataService/...`). */
  path: string;
  status: number;
  start: number;
  end: number;
}

export interface TimingProxy {
  /** Where to send tenant calls instead of the demo Creatio (same paths). */
  url: string;
  calls: TimedCall[];
  /** Resolves once no tenant call is in flight and none started or ended for `quietMs`. */
  settle(quietMs: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const TENANT_PATH = /^\/t\/([^/?]+)(\/[^?]*)?/;

export async function startTimingProxy(targetUrl: string, port: number): Promise<TimingProxy> {
  const target = new URL(targetUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const calls: TimedCall[] = [];
  let inFlight = 0;
  let lastActivity = now();

  const server = http.createServer((req, res) => {
    const start = now();
    inFlight++;
    lastActivity = start;
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      inFlight--;
      lastActivity = now();
    };
    res.on("close", done);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on("end", () => {
          const match = TENANT_PATH.exec(req.url ?? "");
          if (match?.[1]) {
            calls.push({
              tenantId: decodeURIComponent(match[1]),
              method: req.method ?? "GET",
              path: match[2] ?? "/",
              status: answer.statusCode ?? 0,
              start,
              end: now(),
            });
          }
        });
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end("The bench proxy could not reach the demo Creatio.");
    });
    req.pipe(upstream);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) =>
      reject(
        new BenchError(`The timing proxy cannot listen on ${HOST}:${port} (${err.code ?? err.message}).`),
      ),
    );
    server.listen(port, HOST, () => resolve());
  });

  const settle = async (quietMs: number, timeoutMs = 15_000) => {
    const deadline = now() + timeoutMs;
    while (now() < deadline) {
      if (inFlight === 0 && now() - lastActivity >= quietMs) return;
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  return {
    url: `http://${HOST}:${port}`,
    calls,
    settle,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
