import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectToCreatio } from "@/lib/creatio/client";
import { listenOnLoopback } from "@/lib/creatio/test-support/servers";
import { DEMO_PASSWORD, DEMO_USER, type RunningDemo, startDemo } from "@/lib/demo";
import { runDiagnostics } from "./run";
import type { DiagnosticsRun } from "./types";

// The diagnostics run starts its independent calls together. Asserted on the order in which calls start
// and end, never on time (the benchmark measures time): a pass-through proxy logs each call, and holds
// back one chosen answer until the calls that should be in flight beside it have arrived. A run that made
// them one after another would only send them after that answer, so the log would show them after it.

interface Logged {
  kind: "start" | "end";
  key: string;
}

/** A held answer is forwarded once every `until` key has started (or, for a sequential run, after a while). */
interface Hold {
  key: string;
  until: string[];
}

/** Only guards against a deadlock: a run that makes the calls one after another waits for it, then fails. */
const HOLD_FALLBACK_MS = 3_000;

/** Every call through the proxies, in the order seen; shared, so that one proxy's hold can wait for another's call. */
class CallLog {
  readonly events: Logged[] = [];
  private readonly listeners: (() => void)[] = [];

  push(event: Logged): void {
    this.events.push(event);
    if (event.kind === "start") for (const listener of this.listeners) listener();
  }

  started(key: string): boolean {
    return this.events.some((e) => e.kind === "start" && e.key === key);
  }

  onStart(listener: () => void): void {
    this.listeners.push(listener);
  }

  clear(): void {
    this.events.length = 0;
  }
}

interface RecordingProxy {
  url: string;
  hold(hold: Hold): void;
  /** Held answers that were let go only by the fallback: their `until` calls never came alongside. */
  fellBack: string[];
  close(): Promise<void>;
}

/** `METHOD /path` below the tenant, with the table for DataService selects (the CSRF check and the reads share a path). */
function keyOf(method: string, url: string, body: string): string {
  const path = (url.split("?")[0] ?? "").replace(/^\/t\/[^/]+/, "");
  const table = path.endsWith("/SelectQuery")
    ? ` ${(JSON.parse(body) as { rootSchemaName?: string }).rootSchemaName}`
    : "";
  return `${method} ${path}${table}`;
}

async function startRecordingProxy(target: string, log: CallLog): Promise<RecordingProxy> {
  const targetUrl = new URL(target);
  const holds: Hold[] = [];
  const waiting: { until: string[]; release: () => void }[] = [];
  const fellBack: string[] = [];
  log.onStart(() => {
    for (const w of waiting.filter((w) => w.until.every((k) => log.started(k)))) w.release();
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const key = keyOf(req.method ?? "GET", req.url ?? "/", body.toString("utf8"));
      log.push({ kind: "start", key });
      res.on("finish", () => log.push({ kind: "end", key }));
      const forward = () => {
        const upstream = http.request(
          {
            host: targetUrl.hostname,
            port: targetUrl.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: targetUrl.host },
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on("error", () => res.writeHead(502).end());
        upstream.end(body);
      };
      const hold = holds.find((h) => h.key === key);
      if (hold) {
        holds.splice(holds.indexOf(hold), 1);
        let released = false;
        const entry = {
          until: hold.until,
          release: () => {
            if (released) return;
            released = true;
            clearTimeout(timer);
            waiting.splice(waiting.indexOf(entry), 1);
            forward();
          },
        };
        const timer = setTimeout(() => {
          fellBack.push(key);
          entry.release();
        }, HOLD_FALLBACK_MS);
        waiting.push(entry);
        // Its `until` calls may all have come already.
        if (hold.until.every((k) => log.started(k))) entry.release();
      } else {
        forward();
      }
    });
  });
  const { port, close } = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    hold: (h) => holds.push(h),
    fellBack,
    close,
  };
}

/** Position of the first `kind` event of `key` in the log; fails the test when there is none. */
function at(kind: Logged["kind"], key: string): number {
  const index = log.events.findIndex((e) => e.kind === kind && e.key === key);
  expect(index, `${kind} of ${key}`).toBeGreaterThanOrEqual(0);
  return index;
}

const HTTP = "GET /";
const PINGS = ["GET /0/api/HealthCheck/Ping", "GET /api/HealthCheck/Ping"];
const CSRF_OR_FEATURE = "POST /0/DataService/json/SyncReply/SelectQuery Feature";
const RIGHTS = ["POST /0/rest/RightsService/GetCanExecuteOperation"];
const SETTINGS = "POST /0/DataService/json/SyncReply/QuerySysSettings";
const FEATURE_STATE = "POST /0/rest/FeatureService/GetFeatureState";
const FEATURE_ROW = "POST /0/DataService/json/SyncReply/SelectQuery AdminUnitFeatureState";
const RESOURCES = "POST /0/DataService/json/SyncReply/SelectQuery OAuthResource";
const HEALTH = "GET /0/api/OAuthHealthCheck";
const DISCOVERY = "GET /.well-known/openid-configuration";
const LOGIN = "POST /ServiceModel/AuthService.svc/Login";
const VERSION = "POST /0/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo";
const LOGOUT = "POST /0/rest/MainMenuService/Logout";
const READS = [SETTINGS, FEATURE_STATE, RESOURCES, HEALTH];

let demo: RunningDemo;
let creatioProxy: RecordingProxy;
let identityProxy: RecordingProxy;
const log = new CallLog();

beforeAll(async () => {
  demo = await startDemo({ tlsIdentity: false });
  creatioProxy = await startRecordingProxy(demo.creatioUrl, log);
  identityProxy = await startRecordingProxy(demo.identityUrl, log);
});
afterAll(async () => {
  await Promise.all([creatioProxy?.close(), identityProxy?.close()]);
  await demo?.close();
});

/** A connected tenant whose settings name the Identity Service behind the recording proxy. */
function tenant() {
  const created = demo.creatio.createTenant({
    scenario: "already-connected",
    config: {
      settings: { url: identityProxy.url },
      // Only the wizard's own calls reach the proxy: Creatio's health check does not call it.
      unreachableFromCreatio: [new URL(identityProxy.url).host],
    },
  });
  return { ...created, baseUrl: creatioProxy.url + new URL(created.baseUrl).pathname };
}

function verdicts(run: DiagnosticsRun) {
  return Object.fromEntries(run.groups.map((g) => [g.id, g.checks.map((c) => `${c.id}:${c.verdict}`)]));
}

describe("a diagnostics run overlaps what does not depend on each other", () => {
  it("with the wizard's session (the status page): layers, reads and the Identity Service together", async () => {
    const created = tenant();
    const { state } = await connectToCreatio({
      baseUrl: created.baseUrl,
      userName: DEMO_USER,
      password: DEMO_PASSWORD,
    });
    log.clear();
    creatioProxy.fellBack.length = 0;
    // The HTTP layer's answer waits for the other layers' calls and for the four setup reads.
    creatioProxy.hold({ key: HTTP, until: [...PINGS, ...RIGHTS, CSRF_OR_FEATURE, ...READS] });
    // The feature read's second select (the slowest read) waits for the Identity Service check.
    creatioProxy.hold({ key: FEATURE_ROW, until: [DISCOVERY] });

    const run = await runDiagnostics({ creatioUrl: state.baseUrl, session: state });
    // Each held answer was let go by the calls beside it: a sequential run only sends them after it.
    expect(creatioProxy.fellBack, "answers let go by the fallback, not by calls alongside").toEqual([]);

    expect(verdicts(run)).toMatchObject({
      creatio: expect.arrayContaining(["http:pass", "creatio:pass", "csrf:pass", "rights-solution:pass"]),
      setup: ["feature:pass", "settings:pass", "default-resource:pass"],
      "identity-from-wizard": expect.arrayContaining(["discovery:pass"]),
    });
    const httpEnd = at("end", HTTP);
    for (const key of [...PINGS, ...RIGHTS, CSRF_OR_FEATURE, ...READS]) {
      expect(at("start", key), `${key} starts while ${HTTP} is in flight`).toBeLessThan(httpEnd);
    }
    // Not after all four reads: as soon as the identity settings are read.
    expect(at("start", DISCOVERY)).toBeLessThan(at("end", FEATURE_ROW));
    expect(at("start", DISCOVERY)).toBeGreaterThan(at("end", SETTINGS));
    // The same calls as one after another: none added, none lost.
    const creatioCalls = log.events
      .filter((e) => e.kind === "start" && e.key !== DISCOVERY)
      .map((e) => e.key);
    expect(creatioCalls.sort()).toEqual(
      [
        HTTP,
        ...PINGS,
        CSRF_OR_FEATURE,
        ...RIGHTS,
        ...RIGHTS,
        CSRF_OR_FEATURE,
        FEATURE_ROW,
        FEATURE_STATE,
        SETTINGS,
        RESOURCES,
        HEALTH,
      ].sort(),
    );
  });

  it("with a password: the sign-in after the anonymous checks, the signed-in calls together after it", async () => {
    const created = tenant();
    log.clear();
    creatioProxy.fellBack.length = 0;
    // The anonymous layers' calls run together: the HTTP answer waits for both pings.
    creatioProxy.hold({ key: HTTP, until: PINGS });
    // Once signed in and the runtime known: the version, CSRF, rights and the reads together.
    creatioProxy.hold({ key: VERSION, until: [...RIGHTS, ...READS] });

    const run = await runDiagnostics({
      creatioUrl: created.baseUrl,
      credentials: { userName: DEMO_USER, password: DEMO_PASSWORD },
    });
    expect(creatioProxy.fellBack, "answers let go by the fallback, not by calls alongside").toEqual([]);

    expect(verdicts(run)).toMatchObject({
      creatio: expect.arrayContaining(["runtime:pass", "login:pass", "csrf:pass", "rights-solution:pass"]),
      setup: ["feature:pass", "settings:pass", "default-resource:pass"],
    });
    for (const key of PINGS) expect(at("start", key)).toBeLessThan(at("end", HTTP));
    // The password goes only to a site that proved to be Creatio.
    const login = at("start", LOGIN);
    for (const key of [HTTP, ...PINGS]) expect(at("end", key)).toBeLessThan(login);
    // No signed-in call before the sign-in has answered.
    const anonymous = [HTTP, ...PINGS, LOGIN, DISCOVERY];
    const firstSignedIn = log.events.findIndex((e) => e.kind === "start" && !anonymous.includes(e.key));
    expect(firstSignedIn).toBeGreaterThan(at("end", LOGIN));
    for (const key of [...RIGHTS, ...READS]) {
      expect(at("start", key), `${key} starts while the version is asked`).toBeLessThan(at("end", VERSION));
    }
    // The session is closed only after every other call has ended.
    expect(log.events.slice(at("start", LOGOUT))).toEqual([
      { kind: "start", key: LOGOUT },
      { kind: "end", key: LOGOUT },
    ]);
  });
});
