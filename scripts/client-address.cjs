// Preloaded into the Next.js server by lib/cli/start.ts (node --require; copied into dist/app by the build): puts the TCP peer address of each
// request into the x-wizard-client-address header, replacing whatever a client sent under that name.
// The access gate counts wrong passwords per client address with it (lib/access/lockout.ts); Next's
// own X-Forwarded-For keeps a value the client wrote, so it is believed only with WIZARD_TRUST_PROXY.
const http = require("node:http");
// Server-Timing on every response (issue 16): the same preload, so every way of starting the server has it.
require("./server-timing.cjs");

const HEADER = "x-wizard-client-address";
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithClientAddress(event, req, ...rest) {
  if (event === "request" && req && req.headers) {
    req.headers[HEADER] = req.socket?.remoteAddress || "";
  }
  return emit.call(this, event, req, ...rest);
};
