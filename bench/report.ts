// Turns the measurements into the tables and the budget verdicts of issue 7 (Markdown, printed and
// written to bench/results.md).
import {
  busyMs,
  type CallShape,
  callName,
  callsDuring,
  callsInPhases,
  countNamed,
  median,
  runtimeProbes,
  shapeOf,
} from "./analysis";
import { type BrowserFloor, type FloorPart, floorOf } from "./browser-floor";
import { BUDGET, LATENCY_MS } from "./config";
import type { SnapshotCall } from "./demo-admin";
import type { FirstLoadJs } from "./first-load-js";
import type { MinimumOutput } from "./minimum-protocol";
import { type Phase, type RunMeasure, STEP_IDS, STEP_INFO, type StepId, type StepMeasure } from "./steps";
import type { TimedCall } from "./timing-proxy";

export interface ScenarioResult {
  scenario: string;
  runtime: "netfx" | "net";
  /** One per repeat. */
  wizard: RunMeasure[];
  minimum: MinimumOutput[];
  /** Per repeat: the status page showed the four steps Done. */
  allDone: boolean[];
}

export interface BenchResult {
  scenarios: ScenarioResult[];
  timedCalls: TimedCall[];
  js: { routes: FirstLoadJs[]; blank: FirstLoadJs };
  /** The blank app's page loads in the same Chromium. */
  floor: BrowserFloor;
  meta: {
    date: string;
    node: string;
    next: string;
    react: string;
    cpus: number;
    repeat: number;
    durationS: number;
    /** 1-minute load average when the runs started and when they ended. */
    loadBefore: number;
    loadAfter: number;
  };
}

export interface Verdict {
  pass: boolean;
  text: string;
}

const ms = (value: number) => `${Math.round(value)}`;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}x` : "n/a");
const mark = (pass: boolean) => (pass ? "PASS" : "FAIL");
const ms1 = (value: number) => value.toFixed(1);

/** "412–530": the lowest and highest of the repeats, so a reader can tell a change from noise. */
function spread(values: number[], fmt: (v: number) => string = ms): string {
  if (values.length === 0) return "–";
  return `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
}

function withSpread(med: number, values: number[]): string {
  return values.length > 1 ? `${ms(med)} (${spread(values)})` : ms(med);
}

/** Issue 16: a step may take its browser floor plus 1.2x the minimum. */
export function stepBudget(floorMs: number, minimumMs: number): number {
  return floorMs + BUDGET.stepRatio * minimumMs;
}

/** Per repeat, the step's summed `wizard` Server-Timing; undefined when no request of the step had one. */
function serverTimingOf(runs: RunMeasure[], id: StepId): { median: number; values: number[] } | undefined {
  const values = runs.flatMap((r) => {
    const timings = (stepOf(r, id).phases ?? []).flatMap((p) => p.server ?? []);
    return timings.length > 0 ? [timings.reduce((t, x) => t + x.wizardMs, 0)] : [];
  });
  return values.length > 0 ? { median: median(values), values } : undefined;
}

/** Each action part's `wizard` Server-Timing over the repeats, by label. */
function serverActionTimings(runs: RunMeasure[]): Map<string, number[]> {
  const byLabel = new Map<string, number[]>();
  for (const run of runs) {
    for (const step of run.steps) {
      for (const phase of step.phases) {
        const action = phase.server?.find((t) => t.kind === "action");
        if (!action) continue;
        const list = byLabel.get(phase.label) ?? [];
        list.push(action.wizardMs);
        byLabel.set(phase.label, list);
      }
    }
  }
  return byLabel;
}

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map(() => "---")), ...rows.map(line)].join("\n");
}

function stepOf(run: RunMeasure, id: StepId): StepMeasure {
  const step = run.steps.find((s) => s.step === id);
  if (!step) throw new Error(`step ${id} missing from a ${run.kind} run`);
  return step;
}

/** "7" when every repeat made the same number of calls, else "7–9". */
function callCount(runs: RunMeasure[], id?: StepId): string {
  const counts = runs.map((r) => (id ? stepOf(r, id).calls.length : allCalls(r).length));
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? `${lo}` : `${lo}–${hi}`;
}

/** `Login, SelectQuery x3, GetApplicationInfo` in first-call order. */
function callList(calls: SnapshotCall[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(callName(call), (counts.get(callName(call)) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${name} x${n}` : name)).join(", ") || "none";
}

/** `document /status, prefetch /setup/settings x2`: what the browser asked the wizard server. */
function requestList(requests: StepMeasure["requests"]): string {
  const counts = new Map<string, number>();
  for (const r of requests ?? []) {
    const key = `${r.kind} ${r.path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => (n > 1 ? `${key} x${n}` : key)).join(", ") || "none";
}

function allCalls(run: RunMeasure): SnapshotCall[] {
  return run.steps.flatMap((s) => s.calls);
}

interface PartShape {
  step: StepId;
  kind: "load" | "action";
  label: string;
  /** The repeat with the most rounds: a race between requests shows. */
  shape: CallShape;
  /** Medians over the repeats. */
  ms: number;
  busyMs: number;
  /** Median over the repeats that measured it; its kind from the first. */
  response?: Phase["response"];
  /** Median Server-Timing `wizard` of the part's own requests, over the repeats that had one. */
  serverMs?: number;
}

/** Every timed part of the wizard's steps, in order, over the repeats. */
function wizardParts(s: ScenarioResult, timed: TimedCall[]): PartShape[] {
  const byLabel = new Map<string, (PartShape & { calls: TimedCall[] })[]>();
  for (const run of s.wizard) {
    for (const step of run.steps) {
      for (const phase of step.phases) {
        const calls = callsDuring(timed, run.tenantId, phase.start, phase.end);
        const list = byLabel.get(phase.label) ?? [];
        list.push({
          step: step.step,
          kind: phase.kind,
          label: phase.label,
          shape: shapeOf(calls),
          ms: phase.end - phase.start,
          busyMs: busyMs(calls),
          response: phase.response,
          serverMs: phase.server?.length ? phase.server.reduce((t, x) => t + x.wizardMs, 0) : undefined,
          calls,
        });
        byLabel.set(phase.label, list);
      }
    }
  }
  return [...byLabel.values()].map((list) => {
    const worst = [...list].sort((a, b) => b.shape.rounds - a.shape.rounds)[0] as PartShape;
    const responses = list.flatMap((l) => (l.response === undefined ? [] : [l.response]));
    const servers = list.flatMap((l) => (l.serverMs === undefined ? [] : [l.serverMs]));
    return {
      step: worst.step,
      kind: worst.kind,
      label: worst.label,
      shape: worst.shape,
      ms: median(list.map((l) => l.ms)),
      busyMs: median(list.map((l) => l.busyMs)),
      response:
        responses[0] === undefined
          ? undefined
          : { kind: responses[0].kind, ms: median(responses.map((r) => r.ms)) },
      serverMs: servers.length > 0 ? median(servers) : undefined,
    };
  });
}

/** The minimum's status checks, each timed alone: Creatio time (proxy window) and rounds. */
function checkShapes(s: ScenarioResult, timed: TimedCall[]) {
  return s.minimum.map((m) =>
    m.checks.map((c) => ({
      check: c.check,
      shape: shapeOf(callsDuring(timed, m.measure.tenantId, c.start, c.end)),
    })),
  );
}

/**
 * What the browser floor has a number for in a step, in order (the first repeat's): each page load
 * by how it reached the browser, each action phase as a server action.
 */
function floorPartsOf(runs: RunMeasure[], id: StepId): FloorPart[] {
  const first = runs[0];
  if (!first) return [];
  return stepOf(first, id).phases.flatMap((p): FloorPart[] =>
    p.kind === "action" ? ["action"] : p.navigation ? [p.navigation] : [],
  );
}

/** "1 document load + 2 client navigations + 1 action" (empty when none). */
function describeParts(parts: FloorPart[]): string {
  const count = (n: FloorPart) => parts.filter((x) => x === n).length;
  const named = (n: number, one: string) => (n > 0 ? `${n} ${one}${n === 1 ? "" : "s"}` : "");
  return [
    named(count("document"), "document load"),
    named(count("client"), "client navigation"),
    named(count("action"), "action"),
  ]
    .filter((t) => t !== "")
    .join(" + ");
}

export function scenarioSection(
  s: ScenarioResult,
  timed: TimedCall[],
  floor: BrowserFloor,
): { markdown: string; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  const wizardRuns = s.wizard;
  const minimumRuns = s.minimum.map((m) => m.measure);
  const out: string[] = [];
  out.push(`### ${s.scenario} (${s.runtime === "netfx" ? ".NET Framework" : ".NET"})`);

  // Steps: calls and wall time, wizard against its budget: the browser floor of its page loads and
  // actions plus 1.2x the minimum (issue 16).
  const rows: string[][] = [];
  let totalWizard = 0;
  let totalMinimum = 0;
  const waiting = (runs: RunMeasure[], id: StepId) =>
    median(runs.map((r) => busyMs(callsInPhases(timed, r.tenantId, stepOf(r, id).phases))));
  for (const id of STEP_IDS) {
    const wAll = wizardRuns.map((r) => stepOf(r, id).ms);
    const mAll = minimumRuns.map((r) => stepOf(r, id).ms);
    const w = median(wAll);
    const m = median(mAll);
    totalWizard += w;
    totalMinimum += m;
    const parts = floorPartsOf(wizardRuns, id);
    const f = floorOf(floor, parts);
    const budget = stepBudget(f, m);
    const pass = w <= budget;
    const server = serverTimingOf(wizardRuns, id);
    rows.push([
      STEP_INFO[id].label,
      callCount(wizardRuns, id),
      callCount(minimumRuns, id),
      withSpread(w, wAll),
      withSpread(m, mAll),
      ms(f),
      ms(budget),
      mark(pass),
      server ? withSpread(server.median, server.values) : "–",
      ms(waiting(wizardRuns, id)),
      ms(waiting(minimumRuns, id)),
    ]);
    verdicts.push({
      pass,
      text: `${s.scenario}: step "${STEP_INFO[id].label}" takes ${ms(w)} ms (${spread(wAll)}), budget ${ms(budget)} ms = browser floor ${ms(f)} ms${parts.length > 0 ? ` (${describeParts(parts)})` : ""} + ${BUDGET.stepRatio} x the minimum's ${ms(m)} ms (${spread(mAll)})${pass ? "" : `: over by ${ms(w - budget)} ms`}`,
    });
  }
  rows.push([
    "**Whole wizard**",
    callCount(wizardRuns),
    callCount(minimumRuns),
    ms(totalWizard),
    ms(totalMinimum),
    "",
    "",
    "",
    "",
    "",
    "",
  ]);
  out.push(
    table(
      [
        "Step",
        "Calls: wizard",
        "Calls: minimum",
        "Wizard ms (min–max)",
        "Minimum ms (min–max)",
        "Floor ms",
        `Budget ms (floor + ${BUDGET.stepRatio} x minimum)`,
        "Within budget",
        "Server time outside Creatio ms (min–max)",
        "Wizard waits on Creatio ms",
        "Minimum waits on Creatio ms",
      ],
      rows,
    ),
  );
  out.push("");
  out.push(
    "Server time outside Creatio: the `wizard` entry of the `Server-Timing` header of each request of the step (page renders and server actions, until the response headers), summed per step; median over the repeats (a step with no header: –).",
  );

  // Server time per action: the wizard's own work, Creatio calls excluded (issue 16: ≤ 30 ms median).
  const actionTimings = serverActionTimings(wizardRuns);
  for (const [label, values] of actionTimings) {
    const med = median(values);
    const pass = med <= BUDGET.serverActionMs;
    verdicts.push({
      pass,
      text: `${s.scenario}: server time outside Creatio of action "${label}": ${ms1(med)} ms median (${spread(values, ms1)}) (budget ${BUDGET.serverActionMs} ms)`,
    });
  }

  // Session budgets: one login, one runtime detection, one version read.
  const logins = Math.max(...wizardRuns.map((r) => countNamed(allCalls(r), "Login")));
  verdicts.push({
    pass: logins === 1,
    text: `${s.scenario}: one login per wizard session: ${logins} Login call${logins === 1 ? "" : "s"} in the session`,
  });
  const probes = Math.max(...wizardRuns.map((r) => runtimeProbes(allCalls(r), s.runtime)));
  const versions = Math.max(...wizardRuns.map((r) => countNamed(allCalls(r), "GetApplicationInfo")));
  verdicts.push({
    pass: probes === 1 && versions === 1,
    text: `${s.scenario}: runtime and version detected once per session: ${probes} runtime probe${probes === 1 ? "" : "s"}, ${versions} GetApplicationInfo call${versions === 1 ? "" : "s"}`,
  });

  // Page loads: do their reads overlap?
  const checks = checkShapes(s, timed);
  const slowestRounds = Math.max(...checks.flat().map((c) => c.shape.rounds));
  const parts = wizardParts(s, timed);
  const parallel = (p: PartShape) =>
    p.shape.count < 2 || (p.shape.maxInFlight >= 2 && p.shape.rounds <= slowestRounds);
  const loads = parts.filter((p) => p.kind === "load" && p.shape.count > 0);
  const sequentialLoads = loads.filter((p) => !parallel(p));
  verdicts.push({
    pass: sequentialLoads.length === 0,
    text:
      sequentialLoads.length === 0
        ? `${s.scenario}: page loads issue their Creatio reads in parallel: every load waits at most ${slowestRounds} rounds (the slowest single read alone)`
        : `${s.scenario}: page loads issue their Creatio reads in parallel: ${sequentialLoads.map((p) => `${p.label} waits ${p.shape.rounds} rounds (${p.shape.count} calls, at most ${p.shape.maxInFlight} in flight)`).join("; ")}; the slowest single read alone takes ${slowestRounds}`,
  });
  out.push("");
  out.push(
    `Parts of each wizard step (medians; calls, most in flight and rounds from the repeat with the most rounds; the slowest single read alone takes ${slowestRounds} rounds):`,
  );
  out.push("");
  out.push(
    table(
      [
        "Step",
        "Part",
        "Creatio calls",
        "Most in flight",
        "Rounds",
        "Waits on Creatio ms",
        "HTML / RSC response ms",
        "Server time outside Creatio ms",
        "Part ms",
        "Reads in parallel",
      ],
      parts.map((p) => [
        STEP_INFO[p.step].label,
        p.label,
        `${p.shape.count}`,
        `${p.shape.maxInFlight}`,
        `${p.shape.rounds}`,
        ms(p.busyMs),
        p.response === undefined
          ? "–"
          : `${ms(p.response.ms)} ${p.response.kind === "html" ? "HTML" : "RSC"}`,
        p.serverMs === undefined ? "–" : ms1(p.serverMs),
        ms(p.ms),
        p.kind === "load" && p.shape.count > 0 ? mark(parallel(p)) : "–",
      ]),
    ),
  );

  // Status page: close to its slowest check, not the sum.
  const statusWindows = wizardRuns.map((r) => {
    const phase = stepOf(r, "status").phases[0];
    return phase ? shapeOf(callsDuring(timed, r.tenantId, phase.start, phase.end)) : shapeOf([]);
  });
  const statusMs = median(statusWindows.map((w) => w.windowMs));
  const statusRounds = Math.max(...statusWindows.map((w) => w.rounds));
  const slowest = median(checks.map((list) => Math.max(...list.map((c) => c.shape.windowMs))));
  const sum = median(checks.map((list) => list.reduce((t, c) => t + c.shape.windowMs, 0)));
  const slowestCheckRounds = Math.max(...(checks[0] ?? []).map((c) => c.shape.rounds));
  const sumRounds = (checks[0] ?? []).reduce((t, c) => t + c.shape.rounds, 0);
  // Rounds, not ms, decide: at a fixed latency they are the wait, and they do not move with CPU load.
  verdicts.push({
    pass: statusRounds <= slowestCheckRounds,
    text: `${s.scenario}: status page checks in parallel: it waits ${statusRounds} rounds (${ms(statusMs)} ms on Creatio); the slowest check alone ${slowestCheckRounds} rounds (${ms(slowest)} ms), all checks one after another ${sumRounds} rounds (${ms(sum)} ms)`,
  });
  const checkRows = (checks[0] ?? []).map((c) => [
    c.check,
    `${c.shape.count}`,
    `${c.shape.rounds}`,
    ms(median(checks.map((list) => list.find((x) => x.check === c.check)?.shape.windowMs ?? Number.NaN))),
  ]);
  out.push("");
  out.push("Status checks, each alone (minimum run):");
  out.push("");
  out.push(table(["Check", "Calls", "Rounds", "Creatio ms"], checkRows));

  // Which calls each step made.
  out.push("");
  out.push("Calls per step (first repeat):");
  out.push("");
  const first = wizardRuns[0];
  const firstMin = minimumRuns[0];
  if (first && firstMin) {
    out.push(
      table(
        ["Step", "Creatio calls: wizard", "Creatio calls: minimum", "Browser requests to the wizard"],
        STEP_IDS.map((id) => [
          STEP_INFO[id].label,
          callList(stepOf(first, id).calls),
          callList(stepOf(firstMin, id).calls),
          requestList(stepOf(first, id).requests),
        ]),
      ),
    );
  }
  if (s.allDone.some((done) => !done)) {
    out.push("");
    out.push("Note: the status page did not show all four steps Done in every repeat.");
  }
  return { markdown: out.join("\n"), verdicts };
}

export function floorSection(floor: BrowserFloor, s: ScenarioResult | undefined, repeat: number): string {
  const out: string[] = [];
  out.push(
    `What a page load and a server action cost in this Chromium on this machine when the page holds nothing: the blank Next.js app (same next and react, built in this run; \`/\` and \`/second\`, each an h1 and a next/link to the other, and \`/action\`, an h1 and a button whose server action only calls \`refresh()\` and returns a value; all rendered per request), loaded and clicked the way the wizard's pages are. Medians over ${repeat} repeat${repeat === 1 ? "" : "s"} after one warm-up.`,
  );
  out.push("");
  const response = (value: number | undefined, kind: string) =>
    value === undefined ? "–" : `${ms(value)} ${kind}`;
  out.push(
    table(
      ["Page load or action", "Floor ms (min–max)", "HTML / RSC response ms"],
      [
        [
          "Document load of `/` (fresh context; `page.goto` until its h1 shows, after the load event)",
          withSpread(
            floor.documentMs,
            floor.samples.map((x) => x.documentMs),
          ),
          response(floor.htmlMs, "HTML"),
        ],
        [
          "Client navigation `/` -> `/second` (click the link until its h1 shows and the address is `/second`)",
          withSpread(
            floor.clientMs,
            floor.samples.map((x) => x.clientMs),
          ),
          response(floor.rscMs, "RSC"),
        ],
        [
          "Server action with `refresh()` on `/action` (fresh context, once hydrated; click the button until the action answered, the progress (role status) is gone and the returned value shows)",
          withSpread(
            floor.actionMs,
            floor.samples.map((x) => x.actionMs),
          ),
          "–",
        ],
      ],
    ),
  );
  if (s) {
    out.push("");
    out.push(
      `Floor of each step's page loads and actions (${s.scenario}; the steps of the other scenarios load the same pages and run the same actions):`,
    );
    out.push("");
    out.push(
      table(
        ["Step", "Page loads and actions", "Browser floor ms"],
        STEP_IDS.map((id) => {
          const parts = floorPartsOf(s.wizard, id);
          return [
            STEP_INFO[id].label,
            describeParts(parts) || "none",
            parts.length > 0 ? ms(floorOf(floor, parts)) : "–",
          ];
        }),
      ),
    );
  }
  return out.join("\n");
}

export function jsSection(js: BenchResult["js"]): { markdown: string; verdicts: Verdict[] } {
  const blank = js.blank.gzipBytes;
  const rows = [
    ["blank Next.js page `/`", `${js.blank.files}`, kb(js.blank.rawBytes), kb(blank), "1.00x", ""],
    ...js.routes.map((r) => [
      `\`${r.route}\``,
      `${r.files}`,
      kb(r.rawBytes),
      kb(r.gzipBytes),
      ratio(r.gzipBytes, blank),
      mark(r.gzipBytes <= BUDGET.firstLoadJsRatio * blank),
    ]),
  ];
  const verdicts = js.routes.map((r) => ({
    pass: r.gzipBytes <= BUDGET.firstLoadJsRatio * blank,
    text: `first-load JavaScript of ${r.route}: ${kb(r.gzipBytes)} kB gzip, ${ratio(r.gzipBytes, blank)} the blank page's ${kb(blank)} kB (budget ${BUDGET.firstLoadJsRatio}x)`,
  }));
  return {
    markdown: table(
      ["Route", "JS files", "Raw kB", "Gzip kB", "vs blank", `≤ ${BUDGET.firstLoadJsRatio}x`],
      rows,
    ),
    verdicts,
  };
}

export const HOW_TO_RUN = [
  "`npm run bench` (about 3 to 4 minutes on 2 cores, longer while other work runs, plus `next build` when the sources changed since the last build).",
  "It starts its own wizard, demo servers and blank Next.js app on free ports (never 3000, 3100, 4100, 4101);",
  "choose them with `BENCH_PORT`, `BENCH_DEMO_CREATIO_PORT`, `BENCH_DEMO_IDENTITY_PORT`, `BENCH_PROXY_PORT`, `BENCH_BLANK_PORT`.",
  '`BENCH_SCENARIOS="fresh-8.1-netfx"` measures one scenario; `BENCH_REPEAT=7` repeats each run 7 times (default 5; median and min–max shown).',
  "`npm run bench -- --operators 20` instead runs 20 operators at once against the wizard's server (no browser; see the README).",
  "It exits 0 when a budget fails (it reports), and 1 only when the benchmark itself could not run.",
].join("\n");

const METHOD = [
  `- Every call to the demo Creatio waits ${LATENCY_MS} ms (tenant config \`latencyMs\`). Each run uses a fresh tenant; a warm-up run on a throwaway tenant comes first, so no measured run pays for loading code.`,
  "- **Wizard**: Chromium drives the production build (`next start`) with issue 3's accessible names, moving through the wizard as an operator does. It opens the connect page `/` once as a document load in a fresh browser context (the browser fetches the HTML, runs all JavaScript and hydrates; timed until the Connect button shows, after the load event); from then on it follows the wizard's own links, each a client navigation (next/link: one RSC request, plus the code chunk of a page not seen before; the page rendered in place, the JavaScript already loaded not run again): step 2 and step 4 by their links in \"Setup steps\", the status page by the header's Connection status link, each timed from the click until the page's h1 shows and the address is the page's path (a lost session would land on the sign-in page instead: the run stops). Connect and Continue redirect to the next page, which the router renders in place too: Connect ends when step 1's page shows and Continue when step 3's page shows, so those page loads count in those steps, as client navigations. An action is timed from the click until the result shows: the server action answered, the progress (role status) is gone and the step says Done in \"Setup steps\" (Connect's sign-in until the action answered, then step 1's page as a client navigation). Typing into fields is not timed.",
  "- **Minimum**: the same steps as direct `lib/creatio` calls (`connectToCreatio`, `openCreatio(...)` methods) in a Node process: no browser, no Next, no server actions. What each step calls is listed below.",
  "- **Calls** come from the tenant snapshot's `calls`, diffed around each step. **Rounds** and **most in flight** come from a pass-through proxy in front of the demo Creatio that timestamps every call (the snapshot has no times): rounds is the longest chain of calls each starting after the previous one ended, so at a fixed latency a page's Creatio wait is about rounds x latency. A page load counts as parallel when its calls overlap and it waits no more rounds than the slowest single read needs alone.",
  "- **Waits on Creatio**: the time during which at least one Creatio call of the step was in flight; the rest of the wizard's time is its own (server rendering, the browser loading and running JavaScript). **HTML / RSC response ms**: from the request's start until the server's response was fully received (the server's render, Creatio reads included, plus the transfer): the HTML document of a document load, the RSC payload of a client navigation; \"–\" where it is not measured (parts that are actions, and the pages an action's redirect brings).",
  "- **Browser floor**: the blank Next.js app (same next and react, built in this run: `/` and `/second`, each an h1 and a next/link without prefetch to the other, and `/action`, an h1 and a client component with one button, handed by the page (as the wizard's pages hand theirs) a server action from a `\"use server\"` file that does nothing but `refresh()` from next/cache, as the wizard's actions end, and return a small object; all rendered per request like the wizard's pages) loaded and clicked in the same Chromium with the same code as the wizard: a document load of `/` in a fresh context until its h1 shows after the load event, then (once React has hydrated the link, not timed) a client navigation to `/second` by clicking the link until its h1 shows; then, in another fresh context, `/action` opened and hydrated (not timed) and its button clicked, timed as the wizard's actions: until the server action answered, the progress (role status, shown while the transition is pending) is gone and the returned value shows. So the action floor holds the click, the POST, the server running the action and re-rendering the page, React Flight decoding the answer and React committing the re-rendered page and the result. One warm-up, then medians over the repeats. A step's floor is one document-load floor per document load, one client-navigation floor per client navigation and one action floor per action part (Connect's sign-in included; Continue, whose redirect brings step 3's page, counts as the client navigation it ends in); each failing step line in Budgets says it beside the step's time over the minimum. The budget of a step (issue 16) is its browser floor plus 1.2x the minimum's median: the wizard's median must not exceed it.",
  "- **Status page**: the rounds it waits on Creatio against the minimum's four checks timed one by one: the slowest alone, and all of them one after another. The wizard's own probe of the Identity Service (not a Creatio call) is not counted here; it is in the step's wall time.",
  "- **First-load JavaScript**: the script files a fresh browser context fetches until the load event, gzipped at level 9 and summed; the blank page is `/` of the browser floor's blank App Router app (a layout and three pages; `/action`'s client component and server action are that page's code alone, not loaded by `/`), built in the same run from the same node_modules (bench/.tmp/blank).",
  "- **Server time outside Creatio**: every page render and server action of the wizard answers with a `Server-Timing` header (`wizard;dur=…, creatio;dur=…, identity;dur=…, total;dur=…`): from the request's arrival until its response headers, the time during which no Creatio or Identity Service call of that request was in flight is `wizard`. The bench reads it from the responses of each step (the action's POST, the RSC payload or HTML of a page load) and sums it per step; each action's median must stay at most 30 ms. Parts a page streams in after its headers (the navigation's states) are not in it.",
  "- Wall times are medians over the repeats, with the lowest and highest repeat beside them (min–max).",
].join("\n");

export function renderReport(result: BenchResult): { markdown: string; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  const parts: string[] = [];
  const { meta } = result;
  parts.push("# Benchmark: the wizard against the minimum");
  parts.push("");
  parts.push(
    `Run ${meta.date} · ${meta.cpus} cores · Node ${meta.node} · next ${meta.next} · react ${meta.react} · latency ${LATENCY_MS} ms per Creatio call · ${meta.repeat} repeat${meta.repeat === 1 ? "" : "s"} per scenario · took ${Math.round(meta.durationS)} s · load average ${meta.loadBefore.toFixed(1)} before, ${meta.loadAfter.toFixed(1)} after`,
  );
  if (Math.max(meta.loadBefore, meta.loadAfter) > meta.cpus) {
    parts.push("");
    parts.push(
      `> The machine was busy with other work (load average above ${meta.cpus}): wall times are inflated, the wizard's more than the minimum's (it runs a browser and a server). Call counts and rounds do not depend on load.`,
    );
  }
  parts.push("");
  parts.push("## Steps");
  for (const s of result.scenarios) {
    const section = scenarioSection(s, result.timedCalls, result.floor);
    parts.push("");
    parts.push(section.markdown);
    verdicts.push(...section.verdicts);
  }
  parts.push("");
  parts.push("## Browser floor");
  parts.push("");
  parts.push(floorSection(result.floor, result.scenarios[0], meta.repeat));
  parts.push("");
  parts.push("## First-load JavaScript");
  parts.push("");
  const js = jsSection(result.js);
  parts.push(js.markdown);
  verdicts.push(...js.verdicts);
  parts.push("");
  parts.push("## Budgets (issues 7 and 16)");
  parts.push("");
  parts.push("```");
  parts.push(...verdicts.map((v) => `${mark(v.pass)}  ${v.text}`));
  parts.push("```");
  parts.push("");
  parts.push("## What each step measures");
  parts.push("");
  parts.push(
    table(
      ["Step", "Wizard", "Minimum"],
      STEP_IDS.map((id) => [STEP_INFO[id].label, STEP_INFO[id].wizard, STEP_INFO[id].minimum]),
    ),
  );
  parts.push("");
  parts.push("## Method");
  parts.push("");
  parts.push(METHOD);
  parts.push("");
  parts.push("## How to run");
  parts.push("");
  parts.push(HOW_TO_RUN);
  parts.push("");
  return { markdown: parts.join("\n"), verdicts };
}
