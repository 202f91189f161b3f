// Integration-test helpers around the embedded demo: the part of a tenant snapshot that is Creatio's
// data, and a fault-injecting proxy in front of the demo Creatio.
import http from "node:http";
import type { DemoTenantSnapshot, RunningDemo } from "@/lib/demo";
import { DEMO_PASSWORD, DEMO_USER } from "@/lib/demo";
import { isWizardError, type WizardError } from "@/lib/errors";
import { type ConnectInput, connectToCreatio } from "../client";
import { listenOnLoopback } from "./servers";

/** What Creatio stores (the snapshot minus its call log and session count). */
export function dataOf(snapshot: DemoTenantSnapshot) {
  const { calls: _calls, activeSessions: _sessions, ...data } = snapshot;
  return data;
}

export async function failure(p: Promise<unknown>): Promise<WizardError> {
  try {
    await p;
  } catch (e) {
    if (isWizardError(e)) return e;
    throw e;
  }
  throw new Error("expected a WizardError");
}

export function connect(baseUrl: string, extra: Partial<ConnectInput> = {}) {
  return connectToCreatio({ baseUrl, userName: DEMO_USER, password: DEMO_PASSWORD, ...extra });
}

/** Paths of the calls a tenant received, as `METHOD /path`. */
export function tenantCalls(demo: RunningDemo, id: string): string[] {
  return demo.creatio.snapshot(id).calls.map((c) => `${c.method} ${c.path}`);
}

export type Fault =
  | "html"
  | "html-500"
  | "timeout"
  | "huge"
  | "invalid-json"
  | "status-401"
  | "status-403"
  | "redirect-loop"
  | "login-redirect"
  | "password-expired"
  /** Forwarded to Creatio, which does the work, but the answer never comes back. */
  | "lost-answer"
  | { redirectTo: string }
  | { json: unknown; status?: number };

export interface Injection {
  method?: string;
  /** Matched against the path (with the tenant's virtual directory). */
  path: RegExp;
  /** Optional match on the request body text. */
  body?: RegExp;
  fault: Fault;
  /** Fault only the first `times` matches (default: all). */
  times?: number;
}

export interface FaultProxy {
  url: string;
  /** Requests the proxy answered itself (never forwarded to the demo). */
  faulted: string[];
  /** Headers of every request it received, by `METHOD path`. */
  seen: { key: string; headers: http.IncomingHttpHeaders }[];
  inject(injection: Injection): void;
  clear(): void;
  close(): Promise<void>;
}

function answerFault(fault: Fault, req: http.IncomingMessage, res: http.ServerResponse): void {
  if (typeof fault === "object" && "redirectTo" in fault) {
    res.writeHead(302, { location: fault.redirectTo }).end();
    return;
  }
  if (typeof fault === "object") {
    res.writeHead(fault.status ?? 200, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(fault.json));
    return;
  }
  const html = "<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Error</h1></body></html>";
  switch (fault) {
    case "html":
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      return;
    case "html-500":
      res.writeHead(500, { "content-type": "text/html; charset=utf-8" }).end(html);
      return;
    case "timeout":
      return; // never answers
    case "huge": {
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(`{"rows":[${'"x",'.repeat(1_000_000)}"x"],"success":true}`);
      return;
    }
    case "invalid-json":
      res
        .writeHead(200, { "content-type": "application/json; charset=utf-8" })
        .end('{"success":true,"rows":[');
      return;
    case "status-401":
      res.writeHead(401, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify({ Message: "Unauthorized." }));
      return;
    case "status-403":
      res.writeHead(403, { "content-type": "text/html; charset=utf-8" }).end(html);
      return;
    case "redirect-loop":
      res.writeHead(302, { location: req.url ?? "/" }).end();
      return;
    case "login-redirect":
      res
        .writeHead(302, {
          location: `/0/Login/NuiLogin.aspx?ReturnUrl=${encodeURIComponent(req.url ?? "/")}`,
        })
        .end();
      return;
    case "lost-answer":
      return; // handled by forwarding
    case "password-expired":
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      res.end(
        JSON.stringify({
          success: false,
          responseStatus: { ErrorCode: "5", Message: "The password has expired." },
        }),
      );
      return;
  }
}

/** A proxy to `target` (the demo Creatio) that answers matching requests itself, without forwarding. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  let injections: (Injection & { used: number })[] = [];
  const faulted: string[] = [];
  const seen: FaultProxy["seen"] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const key = `${req.method} ${req.url}`;
      seen.push({ key, headers: req.headers });
      const text = body.toString("utf8");
      const hit = injections.find(
        (i) =>
          (i.method === undefined || i.method === req.method) &&
          i.path.test((req.url ?? "").split("?")[0] ?? "") &&
          (i.body === undefined || i.body.test(text)) &&
          (i.times === undefined || i.used < i.times),
      );
      if (hit && hit.fault !== "lost-answer") {
        hit.used++;
        faulted.push(key);
        answerFault(hit.fault, req, res);
        return;
      }
      if (hit) hit.used++;
      const forward = http.request(
        {
          host: targetUrl.hostname,
          port: targetUrl.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: targetUrl.host },
        },
        (upstream) => {
          if (hit) {
            upstream.resume(); // Creatio answered; the client never hears it.
            return;
          }
          res.writeHead(upstream.statusCode ?? 502, upstream.headers);
          upstream.pipe(res);
        },
      );
      forward.on("error", () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  const { port, close } = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    faulted,
    seen,
    inject: (injection) => injections.push({ ...injection, used: 0 }),
    clear: () => {
      injections = [];
    },
    close,
  };
}

/** The tenant's base URL as seen through the proxy. */
export function viaProxy(proxy: FaultProxy, baseUrl: string): string {
  return proxy.url + new URL(baseUrl).pathname;
}
