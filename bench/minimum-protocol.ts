// What the parent hands the minimum run (minimum-run.ts) and what it answers, one JSON line each.
import type { RunMeasure } from "./steps";

export interface MinimumInput {
  adminUrl: string;
  scenario: string;
  tenantId: string;
  creatioUrl: string;
  identity: { url: string; clientId: string; clientSecret: string };
}

/** One status check timed alone, after the run: the parallel status page is compared with these. */
export interface CheckTiming {
  check: string;
  start: number;
  end: number;
  calls: number;
}

export interface MinimumOutput {
  measure: RunMeasure;
  checks: CheckTiming[];
}

export const RESULT_MARKER = "BENCH_MINIMUM_RESULT ";
export const ERROR_MARKER = "BENCH_MINIMUM_ERROR ";
