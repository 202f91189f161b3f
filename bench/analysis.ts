// What the timed calls say: how many overlap (parallel) and how many wait for each other.
import type { SnapshotCall } from "./demo-admin";
import type { Phase } from "./steps";
import type { TimedCall } from "./timing-proxy";

export interface CallShape {
  count: number;
  /** Most calls in flight at one moment: 1 means strictly one after another. */
  maxInFlight: number;
  /**
   * Sequential rounds: the longest chain of calls each starting after the previous one ended. At a
   * fixed latency per call, a page's Creatio wait is about rounds x latency.
   */
  rounds: number;
  /** From the first call's start to the last call's end, ms. */
  windowMs: number;
}

/** The tenant's timed calls that started inside the window. */
export function callsDuring(calls: TimedCall[], tenantId: string, start: number, end: number): TimedCall[] {
  return calls.filter((c) => c.tenantId === tenantId && c.start >= start && c.start <= end);
}

export function shapeOf(calls: TimedCall[]): CallShape {
  if (calls.length === 0) return { count: 0, maxInFlight: 0, rounds: 0, windowMs: 0 };
  const events = calls.flatMap((c) => [
    { t: c.start, d: 1 },
    { t: c.end, d: -1 },
  ]);
  // An end and a start at the same instant do not overlap: ends first.
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let inFlight = 0;
  let maxInFlight = 0;
  for (const e of events) {
    inFlight += e.d;
    maxInFlight = Math.max(maxInFlight, inFlight);
  }
  // Greedy by end time: the most calls that are pairwise one after another.
  let rounds = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const c of [...calls].sort((a, b) => a.end - b.end)) {
    if (c.start >= lastEnd) {
      rounds++;
      lastEnd = c.end;
    }
  }
  const first = Math.min(...calls.map((c) => c.start));
  const last = Math.max(...calls.map((c) => c.end));
  return { count: calls.length, maxInFlight, rounds, windowMs: last - first };
}

/** Time during which at least one of the calls was in flight (union of their intervals), ms. */
export function busyMs(calls: TimedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  let total = 0;
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const c of sorted) {
    if (c.start > to) {
      if (to > from) total += to - from;
      from = c.start;
      to = c.end;
    } else {
      to = Math.max(to, c.end);
    }
  }
  if (to > from) total += to - from;
  return total;
}

/** The tenant's calls that started inside any of the phases. */
export function callsInPhases(calls: TimedCall[], tenantId: string, phases: Phase[]): TimedCall[] {
  return phases.flatMap((p) => callsDuring(calls, tenantId, p.start, p.end));
}

/** Short name of a call for listings: the last path segment (`Login`, `SelectQuery`, ...). */
export function callName(call: { path: string }): string {
  const segments = call.path.split("/").filter((s) => s !== "");
  const last = segments.at(-1) ?? "/";
  // ClearFeaturesCacheForAllUsers/<name> ends with the feature name (or nothing).
  const clear = segments.indexOf("ClearFeaturesCacheForAllUsers");
  return clear >= 0 ? "ClearFeaturesCacheForAllUsers" : last;
}

export function countNamed(calls: SnapshotCall[], name: string): number {
  return calls.filter((c) => callName(c) === name).length;
}

/** Runtime detections: the DataService probe under the prefix this runtime does not use. */
export function runtimeProbes(calls: SnapshotCall[], runtime: "netfx" | "net"): number {
  const probe =
    runtime === "netfx"
      ? "/DataService/json/SyncReply/SelectQuery"
      : "/0/DataService/json/SyncReply/SelectQuery";
  return calls.filter((c) => c.path === probe).length;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
