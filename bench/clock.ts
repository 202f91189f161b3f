// One clock for every process of the bench (the minimum runs in a child): epoch milliseconds with
// sub-millisecond precision, so call timestamps and step windows can be compared across processes.
export function now(): number {
  return performance.timeOrigin + performance.now();
}
