// `npm run bench -- --operators 20` (issue 16): N operators at once against one wizard server, each with
// its own wizard session and its own demo tenant, sending the requests a browser sends (page loads as
// RSC GETs, server actions as POSTs with the Next-Action header), so it measures the server, not N
// browsers on 2 cores. First one operator alone (the single-operator medians), then N at once.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { median } from "./analysis";
import { now } from "./clock";
import { BUDGET, LATENCY_MS } from "./config";
import type { DemoAdmin } from "./demo-admin";
import { BenchError } from "./errors";
import { parseServerTiming } from "./steps";

/** The steps of one operator, as in the browser run (same names). */
export const OPERATOR_STEPS = [
  "connect",
  "feature",
  "settings",
  "credentials",
  "resource",
  "status",
] as const;
export type OperatorStep = (typeof OPERATOR_STEPS)[number];

/** The server actions the operator runs: exported name -> the route whose page hands it over. */
const ACTIONS = {
  connectAction: "/",
  enableFeatureAction: "/setup/feature",
  continueFromSettingsAction: "/setup/settings",
  saveCredentialsAction: "/setup/credentials",
  createDefaultResourceAction: "/setup/resource",
} as const;
type ActionName = keyof typeof ACTIONS;

/**
 * Action ids from the build's server reference manifest (the ids the pages hand to the browser):
 * `node[id]` names the export and the module it comes from.
 */
export function readActionIds(appDir: string): Record<ActionName, string> {
  const file = path.join(appDir, ".next", "server", "server-reference-manifest.json");
  let manifest: { node?: Record<string, Record<string, unknown>> };
  try {
    manifest = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new BenchError(`Cannot read the server action ids from ${file}: ${(error as Error).message}`);
  }
  const found: Partial<Record<ActionName, string>> = {};
  for (const [id, entry] of Object.entries(manifest.node ?? {})) {
    const names = new Set<string>();
    if (typeof entry.exportedName === "string") names.add(entry.exportedName);
    for (const worker of Object.values((entry.workers ?? {}) as Record<string, { exportedName?: string }>)) {
      if (typeof worker?.exportedName === "string") names.add(worker.exportedName);
    }
    for (const name of names) if (name in ACTIONS) found[name as ActionName] = id;
  }
  const missing = (Object.keys(ACTIONS) as ActionName[]).filter((n) => !found[n]);
  if (missing.length > 0) {
    throw new BenchError(
      `The build's server reference manifest names no action ${missing.join(", ")} (${file}).`,
    );
  }
  return found as Record<ActionName, string>;
}

/** The router state tree a browser sends for a page at `pathname` (the segments, the page leaf). */
function stateTree(pathname: string): string {
  const segments = pathname.split("/").filter((s) => s !== "");
  let node: unknown = ["__PAGE__", {}];
  for (const segment of [...segments].reverse()) node = [segment, { children: node }];
  return encodeURIComponent(JSON.stringify(["", { children: node }, null, null, true]));
}

interface Timed {
  ms: number;
  /** Server-Timing `wizard` of the request, ms. */
  serverMs?: number;
}

/** One operator: a cookie jar (the wizard's session cookie) and the requests a browser would send. */
class Operator {
  private cookies = new Map<string, string>();
  private readonly rscPath = new Map<string, string>();

  constructor(
    private readonly wizardUrl: string,
    private readonly ids: Record<ActionName, string>,
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keepCookies(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (!pair || eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async send(
    what: string,
    url: string,
    init: RequestInit,
  ): Promise<{ res: Response; body: string } & Timed> {
    const start = now();
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      throw new BenchError(`${what}: no answer (${(error as Error).message})`);
    }
    const body = await res.text();
    const ms = now() - start;
    this.keepCookies(res);
    const timing = parseServerTiming("rsc", res.headers.get("server-timing"));
    return { res, body, ms, serverMs: timing?.wizardMs };
  }

  /** A document load (HTML), as the first page an operator opens. */
  async document(pathname: string): Promise<Timed> {
    const r = await this.send(`GET ${pathname}`, this.wizardUrl + pathname, {
      headers: { accept: "text/html", cookie: this.cookieHeader() },
    });
    if (r.res.status !== 200) throw new BenchError(`GET ${pathname} answered ${r.res.status}.`);
    return r;
  }

  /** A client navigation: the page's RSC payload. A redirect (to sign in) is an error. */
  async page(pathname: string): Promise<Timed> {
    // The browser adds `_rsc`, a hash of the router headers, which Next checks (a 307 to the right one
    // otherwise): learned once per path and sent from then on, as the browser computes it itself.
    const send = () =>
      this.send(`RSC ${pathname}`, this.wizardUrl + (this.rscPath.get(pathname) ?? pathname), {
        headers: { rsc: "1", cookie: this.cookieHeader() },
      });
    let r = await send();
    const location = r.res.headers.get("location");
    if (r.res.status === 307 && location && new URL(location, this.wizardUrl).pathname === pathname) {
      const url = new URL(location, this.wizardUrl);
      this.rscPath.set(pathname, url.pathname + url.search);
      r = await send();
    }
    if (r.res.status !== 200) {
      throw new BenchError(
        `RSC ${pathname} answered ${r.res.status}${r.res.headers.get("location") ? ` to ${r.res.headers.get("location")}` : ""}.`,
      );
    }
    if (/NEXT_REDIRECT/.test(r.body) && /\/\?next=/.test(r.body)) {
      throw new BenchError(`RSC ${pathname} sent the operator to sign in again (session lost).`);
    }
    return r;
  }

  /** A server action as the browser sends it; `redirectTo` when the action ends in a redirect. */
  async action(name: ActionName, args: unknown[], redirectTo?: string): Promise<Timed> {
    const pathname = ACTIONS[name];
    const r = await this.send(`action ${name}`, this.wizardUrl + pathname, {
      method: "POST",
      headers: {
        accept: "text/x-component",
        "content-type": "text/plain;charset=UTF-8",
        "next-action": this.ids[name],
        "next-router-state-tree": stateTree(pathname),
        origin: this.wizardUrl,
        cookie: this.cookieHeader(),
      },
      body: JSON.stringify(args),
    });
    if (r.res.status >= 400)
      throw new BenchError(`action ${name} answered ${r.res.status}: ${r.body.slice(0, 200)}`);
    const redirect = r.res.headers.get("x-action-redirect");
    if (redirectTo !== undefined) {
      if (!redirect?.startsWith(redirectTo))
        throw new BenchError(`action ${name} did not open ${redirectTo} (${redirect ?? "no redirect"}).`);
    } else if (redirect) {
      throw new BenchError(`action ${name} redirected to ${redirect}.`);
    }
    const failure = /"ok":false[^\n]{0,400}/.exec(r.body);
    if (failure) throw new BenchError(`action ${name} failed: ${failure[0].slice(0, 300)}`);
    return r;
  }
}

export interface OperatorInput {
  creatioUrl: string;
  identity: { url: string; clientId: string; clientSecret: string };
}

export interface OperatorRun {
  /** ms per step (the sum of its requests), and the Server-Timing `wizard` of its requests. */
  steps: Record<OperatorStep, Timed>;
}

function sum(parts: Timed[]): Timed {
  const server = parts.flatMap((p) => (p.serverMs === undefined ? [] : [p.serverMs]));
  return {
    ms: parts.reduce((t, p) => t + p.ms, 0),
    serverMs: server.length > 0 ? server.reduce((t, x) => t + x, 0) : undefined,
  };
}

/** One operator through the wizard, request by request as the browser run sends them. */
export async function runOperator(
  wizardUrl: string,
  ids: Record<ActionName, string>,
  input: OperatorInput,
): Promise<OperatorRun> {
  const op = new Operator(wizardUrl, ids);
  const connect = sum([
    await op.document("/"),
    await op.action(
      "connectAction",
      [{ baseUrl: input.creatioUrl, userName: "Supervisor", password: "Supervisor", next: "/setup/feature" }],
      "/setup/feature",
    ),
  ]);
  const feature = sum([await op.action("enableFeatureAction", [])]);
  const settings = sum([
    await op.page("/setup/settings"),
    await op.action("continueFromSettingsAction", [], "/setup/credentials"),
  ]);
  const credentials = sum([
    await op.action("saveCredentialsAction", [
      {
        identityUrl: input.identity.url,
        clientId: input.identity.clientId,
        clientSecret: input.identity.clientSecret,
      },
    ]),
  ]);
  const resource = sum([
    await op.page("/setup/resource"),
    await op.action("createDefaultResourceAction", []),
  ]);
  const status = sum([await op.page("/status")]);
  return { steps: { connect, feature, settings, credentials, resource, status } };
}

/** The `next start` process of the wizard (a child of scripts/start.mjs): VmHWM and VmRSS in kB. */
export function serverMemory(pid: number): { hwmKb: number; rssKb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? Number.NaN);
    return { hwmKb: kb("VmHWM"), rssKb: kb("VmRSS") };
  } catch {
    return undefined;
  }
}

/** The pid of the process running the standalone `server.js` under `rootPid` (Linux /proc). */
export function findServerPid(rootPid: number): number | undefined {
  // Parent of every process, from /proc/<pid>/stat (field 4; the name in field 2 may hold spaces).
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const children = (pid: number): number[] => parents.get(pid) ?? [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (cmd.some((part) => part.endsWith("server.js"))) return pid;
    } catch {
      // gone
    }
    queue.push(...children(pid));
  }
  return undefined;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

export interface OperatorsResult {
  operators: number;
  scenario: string;
  single: OperatorRun[];
  many: OperatorRun[];
  errors: string[];
  wallS: number;
  memory: { before?: { hwmKb: number; rssKb: number }; after?: { hwmKb: number; rssKb: number } };
  loadBefore: number;
  loadAfter: number;
  cpus: number;
}

export async function runOperators(opts: {
  operators: number;
  scenario: string;
  wizardUrl: string;
  ids: Record<ActionName, string>;
  admin: DemoAdmin;
  serverPid: number | undefined;
  repeatSingle: number;
  loadavg: () => number;
  cpus: number;
  log: (m: string) => void;
}): Promise<OperatorsResult> {
  const { admin, scenario } = opts;
  const tenantFor = async (latencyMs: number): Promise<OperatorInput> => {
    const t = await admin.createTenant(scenario as never, { latencyMs });
    return { creatioUrl: t.baseUrl, identity: t.identityService };
  };
  opts.log("Warming up (one operator, no latency, not measured)…");
  await runOperator(opts.wizardUrl, opts.ids, await tenantFor(0));
  const single: OperatorRun[] = [];
  for (let i = 0; i < opts.repeatSingle; i++) {
    opts.log(
      `One operator alone, ${i + 1}/${opts.repeatSingle} (latency ${LATENCY_MS} ms per Creatio call)…`,
    );
    single.push(await runOperator(opts.wizardUrl, opts.ids, await tenantFor(LATENCY_MS)));
  }
  const inputs = await Promise.all(Array.from({ length: opts.operators }, () => tenantFor(LATENCY_MS)));
  const before = opts.serverPid ? serverMemory(opts.serverPid) : undefined;
  const loadBefore = opts.loadavg();
  opts.log(`${opts.operators} operators at once…`);
  const started = now();
  const settled = await Promise.allSettled(
    inputs.map((input) => runOperator(opts.wizardUrl, opts.ids, input)),
  );
  const wallS = (now() - started) / 1000;
  const after = opts.serverPid ? serverMemory(opts.serverPid) : undefined;
  const many = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  const errors = settled.flatMap((s) =>
    s.status === "rejected" ? [String((s.reason as Error)?.message ?? s.reason)] : [],
  );
  return {
    operators: opts.operators,
    scenario,
    single,
    many,
    errors,
    wallS,
    memory: { before, after },
    loadBefore,
    loadAfter: opts.loadavg(),
    cpus: opts.cpus,
  };
}

const ms = (v: number) => `${Math.round(v)}`;

export function renderOperators(r: OperatorsResult): { markdown: string; failed: number } {
  const out: string[] = [];
  const verdicts: { pass: boolean; text: string }[] = [];
  out.push(`## Many operators (${r.operators} at once, ${r.scenario})`);
  out.push("");
  out.push(
    `${r.cpus} cores · latency ${LATENCY_MS} ms per Creatio call · load average ${r.loadBefore.toFixed(1)} before, ${r.loadAfter.toFixed(1)} after · each operator its own wizard session and demo tenant; requests as a browser sends them (document load of \`/\`, RSC GETs for page loads, POSTs with Next-Action for server actions), no browser.`,
  );
  out.push("");
  const rows: string[][] = [];
  const allSteps = r.many.length * OPERATOR_STEPS.length;
  for (const step of OPERATOR_STEPS) {
    const singleMs = r.single.map((s) => s.steps[step].ms);
    const manyMs = r.many.map((s) => s.steps[step].ms);
    const singleMed = median(singleMs);
    const p50 = percentile(manyMs, 50);
    const p95 = percentile(manyMs, 95);
    const server = r.many.flatMap((s) =>
      s.steps[step].serverMs === undefined ? [] : [s.steps[step].serverMs as number],
    );
    const pass = p95 <= BUDGET.operatorsP95Ratio * singleMed;
    rows.push([
      step,
      `${ms(singleMed)} (${ms(Math.min(...singleMs))}–${ms(Math.max(...singleMs))})`,
      ms(p50),
      ms(p95),
      `${(p95 / singleMed).toFixed(2)}x`,
      pass ? "PASS" : "FAIL",
      server.length > 0 ? `${ms(percentile(server, 50))} / ${ms(percentile(server, 95))}` : "–",
    ]);
    verdicts.push({
      pass,
      text: `${r.operators} operators: step "${step}" p95 ${ms(p95)} ms, ${(p95 / singleMed).toFixed(2)}x the single operator's median ${ms(singleMed)} ms (budget ${BUDGET.operatorsP95Ratio}x)`,
    });
  }
  out.push(
    "| Step | One operator: median (min–max) ms | p50 ms | p95 ms | p95 / one operator | ≤ 2x | Server time outside Creatio p50 / p95 ms |",
  );
  out.push("| --- | --- | --- | --- | --- | --- | --- |");
  for (const row of rows) out.push(`| ${row.join(" | ")} |`);
  out.push("");
  const { before, after } = r.memory;
  const perSession =
    before && after && r.operators > 0
      ? ((after.hwmKb - before.rssKb) / 1024 / r.operators).toFixed(2)
      : "n/a";
  out.push(`- Operators finished: ${r.many.length} of ${r.operators}; errors: ${r.errors.length}`);
  for (const e of r.errors.slice(0, 5)) out.push(`  - ${e}`);
  out.push(
    `- Throughput: ${(allSteps / r.wallS).toFixed(1)} steps/s, ${(r.many.length / r.wallS).toFixed(2)} whole wizards/s (${r.wallS.toFixed(1)} s for all)`,
  );
  out.push(
    before && after
      ? `- Server memory (the \`next start\` process): ${(before.rssKb / 1024).toFixed(0)} MB resident before, peak ${(after.hwmKb / 1024).toFixed(0)} MB (VmHWM), ${(after.rssKb / 1024).toFixed(0)} MB after; about ${perSession} MB per operator session (peak minus resident before, over ${r.operators})`
      : "- Server memory: not measured (no /proc or no server process found)",
  );
  verdicts.push({
    pass: r.errors.length === 0,
    text: `${r.operators} operators: no error (${r.errors.length} failed)`,
  });
  out.push("");
  out.push("```");
  for (const v of verdicts) out.push(`${v.pass ? "PASS" : "FAIL"}  ${v.text}`);
  out.push("```");
  return { markdown: out.join("\n"), failed: verdicts.filter((v) => !v.pass).length };
}
