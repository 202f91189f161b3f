import "server-only";
import { type HttpRequest, type HttpResponse, sendHttp } from "./http";
import { currentRequest } from "./request-timing";

// Identical reads within one request to the wizard share one call (issue 16). A page render asks
// Creatio the same question from two places (the status page's CSRF probe and its feature read send
// the same select), and the render that follows Connect asks what Connect's runtime detection just
// asked. The first call goes out; an identical one (same method, URL, headers — cookies and CSRF
// token included — and body) made later in the same request (and with the same TLS trust) takes its answer and lists a call
// record of its own. Any call that may change Creatio forgets every shared answer, so a read after a
// write always goes out. Outside a request of the wizard's server (tests, the CLI) nothing is shared.

/**
 * What a call is to the reads of its request: "share" a read whose answer identical calls may take;
 * "read" a read that is never shared but keeps the shared answers; "write" anything else.
 */
export type ReadSharing = "share" | "read" | "write";

function keyOf(req: HttpRequest): string {
  const headers = Object.entries(req.headers ?? {})
    .map(([name, value]) => `${name.toLowerCase()}: ${value}`)
    .sort();
  const body = typeof req.body === "string" ? req.body : (req.body?.toString() ?? "");
  return JSON.stringify([req.method, req.url, headers, body, req.trust ?? null]);
}

/** `sendHttp`, or the answer of an identical shared read already made in this request. */
export async function sendWithinRequest(req: HttpRequest, sharing: ReadSharing): Promise<HttpResponse> {
  const scope = currentRequest();
  if (!scope) return sendHttp(req);
  if (sharing === "write") scope.sharedReads?.clear();
  if (sharing !== "share") return sendHttp(req);
  scope.sharedReads ??= new Map();
  const reads = scope.sharedReads;
  const key = keyOf(req);
  const earlier = reads.get(key) as Promise<HttpResponse> | undefined;
  if (earlier) {
    // Listed where it was asked for, with the status and time of the call that answered it.
    const record = req.recorder.start(req.method, req.url);
    try {
      const answer = await earlier;
      record.status = answer.record.status;
      record.ms = answer.record.ms;
      return { ...answer, record };
    } catch {
      // The shared call failed: this one asks for itself, so its own failure is its own.
      req.recorder.list.splice(req.recorder.list.indexOf(record), 1);
      return sendHttp(req);
    }
  }
  const sent = sendHttp(req);
  reads.set(key, sent);
  sent.catch(() => {
    if (reads.get(key) === sent) reads.delete(key);
  });
  return sent;
}
