// At most one run of a given write per session at a time: a second request (double click, retry,
// second tab) while the first is still running waits for the same result instead of sending the
// write to Creatio again.
const FLIGHTS = Symbol.for("creatio-identity-wizard.single-flight");
type GlobalWithFlights = typeof globalThis & { [FLIGHTS]?: Map<string, Promise<unknown>> };

function flights(): Map<string, Promise<unknown>> {
  const g = globalThis as GlobalWithFlights;
  g[FLIGHTS] ??= new Map();
  return g[FLIGHTS];
}

export function singleFlight<T>(sessionId: string, key: string, run: () => Promise<T>): Promise<T> {
  const id = `${sessionId}\u0000${key}`;
  const running = flights().get(id);
  if (running) return running as Promise<T>;
  const promise = run().finally(() => flights().delete(id));
  flights().set(id, promise);
  return promise;
}
