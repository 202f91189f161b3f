// Turns the measurements into the tables and the budget verdicts of issue 7 (Markdown, printed and
// written to bench/results.md).
import {
  type CallShape,
  callName,
  callsDuring,
  countNamed,
  median,
  phaseShape,
  runtimeProbes,
  shapeOf,
} from "./analysis";
import { BUDGET, LATENCY_MS } from "./config";
import type { SnapshotCall } from "./demo-admin";
import type { FirstLoadJs } from "./first-load-js";
import type { MinimumOutput } from "./minimum-protocol";
import { type RunMeasure, STEP_IDS, STEP_INFO, type StepId, type StepMeasure } from "./steps";
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
  meta: {
    date: string;
    node: string;
    next: string;
    react: string;
    cpus: number;
    repeat: number;
    durationS: number;
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
function callCount(runs: RunMeasure[], id: StepId): string {
  const counts = runs.map((r) => stepOf(r, id).calls.length);
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

interface LoadShape {
  label: string;
  shape: CallShape;
  ms: number;
}

/** Every page load of the wizard's runs, by label, worst repeat (most rounds) first. */
function wizardLoads(s: ScenarioResult, timed: TimedCall[]): LoadShape[] {
  const byLabel = new Map<string, LoadShape[]>();
  for (const run of s.wizard) {
    for (const step of run.steps) {
      for (const phase of step.phases) {
        if (phase.kind !== "load") continue;
        const list = byLabel.get(phase.label) ?? [];
        list.push({
          label: phase.label,
          shape: phaseShape(timed, run.tenantId, phase),
          ms: phase.end - phase.start,
        });
        byLabel.set(phase.label, list);
      }
    }
  }
  return [...byLabel.values()].map((list) => {
    const worst = [...list].sort((a, b) => b.shape.rounds - a.shape.rounds)[0] as LoadShape;
    return { ...worst, ms: median(list.map((l) => l.ms)) };
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

export function scenarioSection(
  s: ScenarioResult,
  timed: TimedCall[],
): { markdown: string; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  const wizardRuns = s.wizard;
  const minimumRuns = s.minimum.map((m) => m.measure);
  const out: string[] = [];
  out.push(`### ${s.scenario} (${s.runtime === "netfx" ? ".NET Framework" : ".NET"})`);

  // Steps: calls and wall time, wizard against minimum.
  const rows: string[][] = [];
  let totalWizard = 0;
  let totalMinimum = 0;
  for (const id of STEP_IDS) {
    const w = median(wizardRuns.map((r) => stepOf(r, id).ms));
    const m = median(minimumRuns.map((r) => stepOf(r, id).ms));
    totalWizard += w;
    totalMinimum += m;
    const pass = w <= BUDGET.stepRatio * m;
    rows.push([
      STEP_INFO[id].label,
      callCount(wizardRuns, id),
      callCount(minimumRuns, id),
      ms(w),
      ms(m),
      ratio(w, m),
      mark(pass),
    ]);
    verdicts.push({
      pass,
      text: `${s.scenario}: step "${STEP_INFO[id].label}" takes ${ms(w)} ms, ${ratio(w, m)} the minimum's ${ms(m)} ms (budget ${BUDGET.stepRatio}x)`,
    });
  }
  rows.push([
    "**Whole wizard**",
    `${wizardRuns.map((r) => allCalls(r).length)[0]}`,
    `${minimumRuns.map((r) => allCalls(r).length)[0]}`,
    ms(totalWizard),
    ms(totalMinimum),
    ratio(totalWizard, totalMinimum),
    "",
  ]);
  out.push(
    table(
      [
        "Step",
        "Calls: wizard",
        "Calls: minimum",
        "Wizard ms",
        "Minimum ms",
        "Ratio",
        `≤ ${BUDGET.stepRatio}x`,
      ],
      rows,
    ),
  );

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
  const loads = wizardLoads(s, timed).filter((l) => l.shape.count > 0);
  const loadRows = loads.map((l) => {
    const pass = l.shape.count < 2 || (l.shape.maxInFlight >= 2 && l.shape.rounds <= slowestRounds);
    return [
      l.label,
      `${l.shape.count}`,
      `${l.shape.maxInFlight}`,
      `${l.shape.rounds}`,
      ms(l.shape.windowMs),
      ms(l.ms),
      mark(pass),
    ];
  });
  const sequentialLoads = loads.filter(
    (l) => !(l.shape.count < 2 || (l.shape.maxInFlight >= 2 && l.shape.rounds <= slowestRounds)),
  );
  verdicts.push({
    pass: sequentialLoads.length === 0,
    text:
      sequentialLoads.length === 0
        ? `${s.scenario}: page loads issue their Creatio reads in parallel: every load waits at most ${slowestRounds} rounds (the slowest single read alone)`
        : `${s.scenario}: page loads issue their Creatio reads in parallel: ${sequentialLoads.map((l) => `${l.label} waits ${l.shape.rounds} rounds (${l.shape.count} calls, at most ${l.shape.maxInFlight} in flight)`).join("; ")}; the slowest single read alone takes ${slowestRounds}`,
  });
  out.push("");
  out.push(
    `Page loads of the wizard (Creatio calls during the load; slowest single read alone: ${slowestRounds} rounds):`,
  );
  out.push("");
  out.push(
    table(
      ["Page load", "Creatio calls", "Most in flight", "Rounds", "Creatio ms", "Load ms", "Parallel"],
      loadRows,
    ),
  );

  // Status page: close to its slowest check, not the sum.
  const statusWindows = wizardRuns.map((r) => {
    const phase = stepOf(r, "status").phases[0];
    return phase ? phaseShape(timed, r.tenantId, phase) : shapeOf([]);
  });
  const statusMs = median(statusWindows.map((w) => w.windowMs));
  const statusRounds = Math.max(...statusWindows.map((w) => w.rounds));
  const slowest = median(checks.map((list) => Math.max(...list.map((c) => c.shape.windowMs))));
  const sum = median(checks.map((list) => list.reduce((t, c) => t + c.shape.windowMs, 0)));
  const statusPass = statusMs <= BUDGET.statusVsSlowestCheck * slowest;
  verdicts.push({
    pass: statusPass,
    text: `${s.scenario}: status page checks in parallel: its Creatio time is ${ms(statusMs)} ms (${statusRounds} rounds); slowest check alone ${ms(slowest)} ms, all checks one after another ${ms(sum)} ms (budget ${BUDGET.statusVsSlowestCheck}x the slowest)`,
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
  "`npm run bench` (about 3 minutes on 2 cores, plus `next build` when the sources changed since the last build).",
  "It starts its own wizard, demo servers and blank Next.js page on free ports (never 3000, 3100, 4100, 4101);",
  "choose them with `BENCH_PORT`, `BENCH_DEMO_CREATIO_PORT`, `BENCH_DEMO_IDENTITY_PORT`, `BENCH_PROXY_PORT`, `BENCH_BLANK_PORT`.",
  '`BENCH_SCENARIOS="fresh-8.1-netfx"` measures one scenario; `BENCH_REPEAT=5` repeats each run (median shown).',
  "It exits 0 when a budget fails (it reports), and 1 only when the benchmark itself could not run.",
].join("\n");

const METHOD = [
  `- Every call to the demo Creatio waits ${LATENCY_MS} ms (tenant config \`latencyMs\`). Each run uses a fresh tenant; a warm-up run on a throwaway tenant comes first, so no measured run pays for loading code.`,
  "- **Wizard**: Chromium drives the production build (`next start`) with issue 3's accessible names. A step's time is its page load (until its heading shows, after the load event) plus its action (click until the result shows: the server action answered, the progress is gone and the step says Done in \"Setup steps\"); typing into fields is not timed. Connect ends when step 1's page shows and Continue when step 3's page shows, so those page loads count in those steps.",
  "- **Minimum**: the same steps as direct `lib/creatio` calls (`connectToCreatio`, `openCreatio(...)` methods) in a Node process: no browser, no Next, no server actions. What each step calls is listed below.",
  "- **Calls** come from the tenant snapshot's `calls`, diffed around each step. **Rounds** and **most in flight** come from a pass-through proxy in front of the demo Creatio that timestamps every call (the snapshot has no times): rounds is the longest chain of calls each starting after the previous one ended, so at a fixed latency a page's Creatio wait is about rounds x latency. A page load counts as parallel when its calls overlap and it waits no more rounds than the slowest single read needs alone.",
  "- **Status page**: its Creatio time (first call start to last call end) against the minimum's four checks timed one by one: the slowest alone, and their sum.",
  "- **First-load JavaScript**: the script files a fresh browser context fetches until the load event, gzipped at level 9 and summed; the blank page is a two-file App Router app built in the same run from the same node_modules (bench/.tmp/blank).",
  "- Wall times are medians over the repeats; the ratio is wizard median / minimum median.",
].join("\n");

export function renderReport(result: BenchResult): { markdown: string; verdicts: Verdict[] } {
  const verdicts: Verdict[] = [];
  const parts: string[] = [];
  const { meta } = result;
  parts.push("# Benchmark: the wizard against the minimum");
  parts.push("");
  parts.push(
    `Run ${meta.date} · ${meta.cpus} cores · Node ${meta.node} · next ${meta.next} · react ${meta.react} · latency ${LATENCY_MS} ms per Creatio call · ${meta.repeat} repeat${meta.repeat === 1 ? "" : "s"} per scenario · took ${Math.round(meta.durationS)} s`,
  );
  parts.push("");
  parts.push("## Steps");
  for (const s of result.scenarios) {
    const section = scenarioSection(s, result.timedCalls);
    parts.push("");
    parts.push(section.markdown);
    verdicts.push(...section.verdicts);
  }
  parts.push("");
  parts.push("## First-load JavaScript");
  parts.push("");
  const js = jsSection(result.js);
  parts.push(js.markdown);
  verdicts.push(...js.verdicts);
  parts.push("");
  parts.push("## Budgets (issue 7)");
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
