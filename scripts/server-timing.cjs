// Server-Timing for every response of the wizard's server (issue 16), loaded by the client-address.cjs
// preload (node --require; copied into dist/app by the build). Per request it keeps a record in an
// AsyncLocalStorage that lib/transport/request-timing.ts reads through a global symbol (the server's
// bundle has its own module copies, the process one globalThis): each Creatio or Identity Service call
// the request makes notes when it starts and ends. When the response's headers are written it adds
//   Server-Timing: wizard;dur=12.3, creatio;dur=101.5, identity;dur=0.0, total;dur=113.8
// total: from the request's arrival until its headers; creatio / identity: the time during which at
// least one call to that system was in flight; wizard: the rest of total, the wizard's own time
// (session, parsing, rendering). Parts a page streams in after its headers are not in it.
//
// Why here and not in the action or page frame: Next.js has no API to set a response header from a
// server action or a server component (headers() is read-only, cookies() sets only cookies), and
// proxy.ts runs before the route and returns before its render, so it cannot time it. The Node
// request itself is the one place that sees a page render and a server action alike, with `next start`.
const http = require("node:http");
const { AsyncLocalStorage } = require("node:async_hooks");
const { performance } = require("node:perf_hooks");

const KEY = Symbol.for("creatio-wizard.request-timing");
if (!globalThis[KEY]) globalThis[KEY] = new AsyncLocalStorage();
const storage = globalThis[KEY];

/** ms during which at least one of `calls` (of `system`, or any) was in flight, up to `now`. */
function busyMs(calls, now, system) {
  const spans = calls
    .filter((c) => system === undefined || c.system === system)
    .map((c) => [c.start, c.end ?? now])
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let from = Number.NEGATIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  for (const [s, e] of spans) {
    if (s > to) {
      if (to > from) total += to - from;
      from = s;
      to = e;
    } else if (e > to) {
      to = e;
    }
  }
  if (to > from) total += to - from;
  return total;
}

/** The header's value for a request that arrived at `store.start`, at `now`. */
function serverTiming(store, now) {
  const total = Math.max(0, now - store.start);
  const outside = Math.min(total, busyMs(store.calls, now));
  const f = (v) => v.toFixed(1);
  return [
    `wizard;dur=${f(total - outside)}`,
    `creatio;dur=${f(busyMs(store.calls, now, "creatio"))}`,
    `identity;dur=${f(busyMs(store.calls, now, "identity"))}`,
    `total;dur=${f(total)}`,
  ].join(", ");
}

/** Wraps a request: its calls are noted in `store`, and the header is added just before the headers go out. */
function timeRequest(res, run) {
  const store = { start: performance.now(), calls: [] };
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadWithTiming(...args) {
    if (!this.headersSent) {
      try {
        this.setHeader("Server-Timing", serverTiming(store, performance.now()));
      } catch {
        // Headers given as a raw array cannot be merged: the response goes out without timing.
      }
    }
    return writeHead.apply(this, args);
  };
  return storage.run(store, run);
}

if (!http.Server.prototype[KEY]) {
  http.Server.prototype[KEY] = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function emitWithTiming(event, req, res, ...rest) {
    if (event !== "request" || !res || typeof res.writeHead !== "function") {
      return emit.call(this, event, req, res, ...rest);
    }
    return timeRequest(res, () => emit.call(this, event, req, res, ...rest));
  };
}

module.exports = { busyMs, serverTiming, timeRequest, KEY };
