// Settings of `npm run bench`: what it runs, on which ports, with which browser.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DemoScenario } from "@/lib/demo/types";

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH_DIR, "..");
export const TMP_DIR = path.join(BENCH_DIR, ".tmp");
export const RESULTS_FILE = path.join(BENCH_DIR, "results.md");

/** Latency the demo Creatio adds to every call (issue 7: budgets hold at 50 ms). */
export const LATENCY_MS = 50;

/** Scenarios measured by default; BENCH_SCENARIOS="fresh-8.1-netfx" narrows it. */
export const DEFAULT_SCENARIOS: DemoScenario[] = ["fresh-8.1-netfx", "fresh-8.3-net"];

/** The e2e suite's ports (playwright.config.ts) and `npm start`'s default: never used here. */
export const RESERVED_PORTS = new Set([3000, 3100, 4100, 4101]);

export const PORT_ENV = {
  wizard: "BENCH_PORT",
  demoCreatio: "BENCH_DEMO_CREATIO_PORT",
  demoIdentity: "BENCH_DEMO_IDENTITY_PORT",
  proxy: "BENCH_PROXY_PORT",
  blank: "BENCH_BLANK_PORT",
} as const;

export const HOST = "127.0.0.1";

export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
};

/** Budgets of issues 7 and 16: a step takes at most its browser floor plus stepRatio x the minimum. */
export const BUDGET = {
  stepRatio: 1.2,
  firstLoadJsRatio: 1.5,
  /** Median server time outside Creatio of each server action (Server-Timing `wizard`), ms. */
  serverActionMs: 30,
  /** --operators: p95 step time at most this many times the single-operator median. */
  operatorsP95Ratio: 2,
} as const;

/** Repeats per scenario when BENCH_REPEAT is unset (issue 16: medians over at least 5). */
export const DEFAULT_REPEAT = 5;

/** The session secret of the bench's own wizard (a throwaway, like the e2e one). */
export const SESSION_SECRET = "bench-session-secret-that-is-long-enough-0123456789";

/** How long one UI wait may take before the run is declared broken. */
export const UI_TIMEOUT_MS = 30_000;
/** Building the wizard from scratch on 2 cores can take minutes. */
export const START_TIMEOUT_MS = 420_000;
