// `npm run bench`: the wizard against the minimum at 50 ms per Creatio call, first-load JavaScript
// against a blank Next.js page, and the browser floor (the blank app's page loads and server action in
// the same Chromium) (issue 7). Reports budgets; asserts nothing.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium } from "@playwright/test";
import { DEMO_SCENARIOS, type DemoScenario } from "@/lib/demo/types";
import { measureBrowserFloor } from "./browser-floor";
import { now } from "./clock";
import {
  CHROMIUM,
  DEFAULT_REPEAT,
  DEFAULT_SCENARIOS,
  HOST,
  LATENCY_MS,
  PORT_ENV,
  RESULTS_FILE,
  ROOT,
  SESSION_SECRET,
  START_TIMEOUT_MS,
  TMP_DIR,
} from "./config";
import { DemoAdmin, viaProxy } from "./demo-admin";
import { BenchError } from "./errors";
import { BLANK_DIR, buildBlankApp, type FirstLoadJs, measureFirstLoadJs, NEXT_BIN } from "./first-load-js";
import { MinimumWorker } from "./minimum";
import { findServerPid, readActionIds, renderOperators, runOperators } from "./operators";
import { choosePort } from "./ports";
import { type BenchResult, HOW_TO_RUN, renderReport, type ScenarioResult } from "./report";
import { type RunningServer, startServer, stopAllNow } from "./servers";
import { startTimingProxy, type TimingProxy } from "./timing-proxy";
import { runWizard, type WizardRunResult } from "./wizard-run";

const OPERATORS_FILE = path.join(ROOT, "bench", "results-operators.md");

/** `--operators N` (issue 16): N operators at once instead of the browser run. */
function operatorsFromArgs(): number | undefined {
  const at = process.argv.indexOf("--operators");
  const inline = process.argv.find((a) => a.startsWith("--operators="));
  const raw = inline ? inline.slice("--operators=".length) : at >= 0 ? process.argv[at + 1] : undefined;
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw new BenchError(`--operators must be a whole number from 1 to 200; it is "${raw}".`);
  return n;
}

const WIZARD_ROUTES = [
  "/",
  "/setup/feature",
  "/setup/settings",
  "/setup/credentials",
  "/setup/resource",
  "/status",
];

function log(message: string) {
  console.log(`[bench] ${message}`);
}

function scenariosFromEnv(): DemoScenario[] {
  const raw = process.env.BENCH_SCENARIOS;
  if (!raw || raw.trim() === "") return DEFAULT_SCENARIOS;
  const names = raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const name of names) {
    if (!(DEMO_SCENARIOS as readonly string[]).includes(name)) {
      throw new BenchError(
        `BENCH_SCENARIOS names an unknown scenario "${name}". Known: ${DEMO_SCENARIOS.join(", ")}.`,
      );
    }
  }
  return names as DemoScenario[];
}

function repeatFromEnv(): number {
  const raw = process.env.BENCH_REPEAT;
  if (!raw || raw.trim() === "") return DEFAULT_REPEAT;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 10)
    throw new BenchError(`BENCH_REPEAT must be a whole number from 1 to 10; it is "${raw}".`);
  return n;
}

function versionOf(pkg: string): string {
  const file = path.join(ROOT, "node_modules", pkg, "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

const cleanups: (() => Promise<void> | void)[] = [];
/** Stops everything the bench started, in parallel, giving up after 15 s (the exit handler then signals the servers). */
async function cleanUp() {
  const pending = cleanups.splice(0).map((fn) => Promise.resolve().then(fn));
  await Promise.race([Promise.allSettled(pending), new Promise((r) => setTimeout(r, 15_000).unref())]);
}

async function main(): Promise<void> {
  const started = now();
  const scenarios = scenariosFromEnv();
  const repeat = repeatFromEnv();
  if (!existsSync(CHROMIUM.executablePath)) {
    throw new BenchError(
      `Chromium is missing at ${CHROMIUM.executablePath}. Install Debian's chromium or set CHROMIUM_PATH.`,
    );
  }

  const taken = new Set<number>();
  const ports = {
    wizard: await choosePort(PORT_ENV.wizard, taken),
    demoCreatio: await choosePort(PORT_ENV.demoCreatio, taken),
    demoIdentity: await choosePort(PORT_ENV.demoIdentity, taken),
    proxy: await choosePort(PORT_ENV.proxy, taken),
    blank: await choosePort(PORT_ENV.blank, taken),
  };
  const wizardUrl = `http://${HOST}:${ports.wizard}`;
  const demoCreatioUrl = `http://${HOST}:${ports.demoCreatio}`;

  log(
    `Starting the wizard on ${wizardUrl} the way \`npm start\` does (it builds first when no build matches the sources)…`,
  );
  let echo = true;
  const app: RunningServer = await startServer({
    what: "The wizard (scripts/start.mjs)",
    command: [process.execPath, path.join(ROOT, "scripts", "start.mjs")],
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(ports.wizard),
      WIZARD_HOST: HOST,
      DEMO_CREATIO_PORT: String(ports.demoCreatio),
      DEMO_IDENTITY_PORT: String(ports.demoIdentity),
      WIZARD_DEMO: "on",
      WIZARD_SESSION_SECRET: SESSION_SECRET,
      NEXT_TELEMETRY_DISABLED: "1",
    },
    url: `${wizardUrl}/`,
    timeoutMs: START_TIMEOUT_MS,
    onLine: (line) => {
      if (echo && !line.includes("oidc-provider WARNING")) console.log(`  ${line}`);
    },
  });
  cleanups.push(() => app.stop());
  echo = false;

  const operators = operatorsFromArgs();
  if (operators !== undefined) {
    const admin = new DemoAdmin(demoCreatioUrl);
    const serverPid = app.pid ? findServerPid(app.pid) : undefined;
    const result = await runOperators({
      operators,
      scenario: scenarios[0] ?? "fresh-8.1-netfx",
      wizardUrl,
      ids: readActionIds(path.join(ROOT, "dist", "app")),
      admin,
      serverPid,
      repeatSingle: repeat,
      loadavg: () => os.loadavg()[0] ?? 0,
      cpus: os.availableParallelism(),
      log,
    });
    const report = renderOperators(result);
    const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const markdown = `# Benchmark: many operators at once\n\nRun ${date} · Node ${process.versions.node} · \`npm run bench -- --operators ${operators}\`\n\n${report.markdown}\n`;
    writeFileSync(OPERATORS_FILE, markdown);
    console.log("");
    console.log(markdown);
    console.log(
      report.failed === 0 ? "All budgets pass." : `${report.failed} budget lines FAIL (see above).`,
    );
    console.log(`Written to ${path.relative(ROOT, OPERATORS_FILE)}.`);
    return;
  }

  const proxy: TimingProxy = await startTimingProxy(demoCreatioUrl, ports.proxy);
  cleanups.push(() => proxy.close());
  const admin = new DemoAdmin(demoCreatioUrl);
  const worker = new MinimumWorker();
  cleanups.push(() => worker.stop());
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM.executablePath, args: CHROMIUM.args });
  } catch (error) {
    throw new BenchError(`Chromium did not start: ${(error as Error).message.split("\n")[0]}`);
  }
  cleanups.push(() => browser.close());

  const newTenant = async (scenario: DemoScenario, latencyMs: number) => {
    const tenant = await admin.createTenant(scenario, { latencyMs });
    const { runtime } = await admin.snapshot(tenant.id);
    return { tenant, runtime, creatioUrl: viaProxy(tenant.baseUrl, proxy.url) };
  };
  const wizardOn = async (scenario: DemoScenario, latencyMs: number): Promise<WizardRunResult> => {
    const { tenant, creatioUrl } = await newTenant(scenario, latencyMs);
    return runWizard({
      browser,
      wizardUrl,
      admin,
      scenario,
      tenantId: tenant.id,
      creatioUrl,
      identity: tenant.identityService,
      settle: () => proxy.settle(400),
      progress: process.env.BENCH_VERBOSE === "1" ? (m) => log(`  ${m}`) : undefined,
    });
  };
  const minimumOn = async (scenario: DemoScenario, latencyMs: number) => {
    const { tenant, creatioUrl } = await newTenant(scenario, latencyMs);
    return worker.run({
      adminUrl: demoCreatioUrl,
      scenario,
      tenantId: tenant.id,
      creatioUrl,
      identity: tenant.identityService,
    });
  };

  // Warm-up on throwaway tenants without latency: route modules, server actions, the child's imports.
  log("Warming up (one wizard run and one minimum run, not measured)…");
  for (const scenario of scenarios) {
    await wizardOn(scenario, 0);
    await minimumOn(scenario, 0);
  }

  const loadBefore = os.loadavg()[0] ?? 0;
  const results = new Map<DemoScenario, ScenarioResult>();
  let lastWizard: WizardRunResult | undefined;
  for (let round = 1; round <= repeat; round++) {
    for (const scenario of scenarios) {
      log(`Round ${round}/${repeat}, ${scenario}: wizard, then minimum (latency ${LATENCY_MS} ms per call)…`);
      const wizard = await wizardOn(scenario, LATENCY_MS);
      const minimum = await minimumOn(scenario, LATENCY_MS);
      const runtime = (await admin.snapshot(wizard.measure.tenantId)).runtime;
      const entry = results.get(scenario) ?? { scenario, runtime, wizard: [], minimum: [], allDone: [] };
      entry.wizard.push(wizard.measure);
      entry.minimum.push(minimum);
      entry.allDone.push(wizard.allDone);
      results.set(scenario, entry);
      lastWizard = wizard;
    }
  }
  worker.stop();
  const loadAfter = os.loadavg()[0] ?? 0;

  log("Measuring first-load JavaScript of each wizard route (signed in, fresh browser context each)…");
  const routes: FirstLoadJs[] = [];
  for (const route of WIZARD_ROUTES) {
    routes.push(await measureFirstLoadJs(browser, wizardUrl, route, lastWizard?.storageState));
  }

  log("Building a blank Next.js app (three pages) with the same next and react (bench/.tmp/blank)…");
  buildBlankApp();
  const blankUrl = `http://${HOST}:${ports.blank}`;
  const blankServer = await startServer({
    what: "The blank Next.js app",
    command: [process.execPath, NEXT_BIN, "start", "-p", String(ports.blank), "-H", HOST],
    cwd: BLANK_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    url: `${blankUrl}/`,
    timeoutMs: 60_000,
  });
  cleanups.push(() => blankServer.stop());
  const blank = await measureFirstLoadJs(browser, blankUrl, "/");
  log(
    "Measuring the browser floor: the blank app's document load, client navigation and server action, same Chromium…",
  );
  const floor = await measureBrowserFloor(browser, blankUrl, repeat);

  const result: BenchResult = {
    scenarios: [...results.values()],
    timedCalls: proxy.calls,
    js: { routes, blank },
    floor,
    meta: {
      date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      node: process.versions.node,
      next: versionOf("next"),
      react: versionOf("react"),
      cpus: os.availableParallelism(),
      repeat,
      durationS: (now() - started) / 1000,
      loadBefore,
      loadAfter,
    },
  };
  // The raw measurements, for a closer look (not committed: bench/.tmp is ignored).
  writeFileSync(path.join(TMP_DIR, "last-run.json"), JSON.stringify(result, null, 1));
  const report = renderReport(result);
  writeFileSync(RESULTS_FILE, report.markdown);
  console.log("");
  console.log(report.markdown);
  const failed = report.verdicts.filter((v) => !v.pass).length;
  console.log(
    failed === 0
      ? "All budgets pass."
      : `${failed} of ${report.verdicts.length} budget lines FAIL (see above). The benchmark reports; it does not fail the build.`,
  );
  console.log(`Written to ${path.relative(ROOT, RESULTS_FILE)}.`);
  console.log("");
  console.log("How to run it again:");
  console.log(HOW_TO_RUN);
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n[bench] Stopped (${signal}); stopping the bench's servers…`);
    stopAllNow();
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .then(async () => {
    await cleanUp();
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    await cleanUp();
    const message =
      error instanceof BenchError
        ? error.message
        : `Unexpected error: ${(error as Error)?.stack ?? String(error)}`;
    console.error(`\n[bench] The benchmark could not run.\n${message}\n`);
    process.exit(1);
  });
