import "server-only";
import ky, { TimeoutError } from "ky";
import { type Agent, fetch as undiciFetch } from "undici";
import type { CallRecord } from "@/lib/errors";
import { type ErrorDetails, isWizardError, type WizardError, wizardError } from "@/lib/errors";
import { logOutboundCall } from "@/lib/log";
import { assertUrlAllowed, refusalIn } from "./outbound-guard";
import { readCapped } from "./read-capped";
import { noteOutboundCall } from "./request-timing";
import { agentFor, inspectCertificate } from "./tls";
import type { TlsTrust } from "./types";

// The one HTTP transport of the wizard: ky over undici's fetch with a per-trust undici Agent.
// Creatio calls (request.ts) and the Identity Service probes (lib/identity) both go through
// `sendHttp`, so timeouts, size cap, TLS trust, error mapping and call recording are the same.

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Overrides DEFAULT_TIMEOUT_MS for every call (Creatio and Identity Service): the e2e suite shortens it. */
export const TIMEOUT_ENV = "WIZARD_CREATIO_TIMEOUT_MS";
export const DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024;

/** The per-call timeout: WIZARD_CREATIO_TIMEOUT_MS when it is a whole number of ms (100 to 600 000), else 15 s. */
export function defaultTimeoutMs(env: Record<string, string | undefined> = process.env): number {
  const raw = env[TIMEOUT_ENV]?.trim();
  if (!raw || !/^\d+$/.test(raw)) return DEFAULT_TIMEOUT_MS;
  const ms = Number(raw);
  return ms >= 100 && ms <= 600_000 ? ms : DEFAULT_TIMEOUT_MS;
}

/** The calls of one client or probe, in order. Records never hold a body, header value or cookie. */
export class CallRecorder {
  readonly list: CallRecord[] = [];

  start(method: string, url: string): CallRecord {
    const record: CallRecord = { method, url, status: null, ms: 0 };
    this.list.push(record);
    return record;
  }

  snapshot(): CallRecord[] {
    return this.list.slice();
  }
}

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  trust?: TlsTrust;
  timeoutMs?: number;
  maxBodyBytes?: number;
  recorder: CallRecorder;
  /** Which system is called: only changes the wording of errors. */
  system: "creatio" | "identity";
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** `Set-Cookie` header lines, for the caller's cookie jar. */
  setCookies: string[];
  body: string;
  /** The call's record: the caller sets `error` when it rejects the answer. */
  record: CallRecord;
}

/** ky builds a global Request; undici's own fetch needs plain arguments and our Agent. */
function fetchThrough(dispatcher: Agent) {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const body = request.body ? await request.arrayBuffer() : undefined;
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: [...request.headers],
      body,
      redirect: request.redirect,
      signal: request.signal,
      dispatcher,
    });
    return response as unknown as Response;
  };
}

/** The `code`s along an error's cause chain (undici wraps socket errors in `fetch failed`). */
function errorCodes(e: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  const seen = new Set<unknown>();
  const visit = (x: unknown, depth: number) => {
    if (!x || typeof x !== "object" || seen.has(x) || depth > 6) return;
    seen.add(x);
    const { code, message, cause, errors } = x as {
      code?: unknown;
      message?: unknown;
      cause?: unknown;
      errors?: unknown;
    };
    if (typeof code === "string") codes.push(code);
    if (typeof message === "string") messages.push(message);
    visit(cause, depth + 1);
    if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
  };
  visit(e, 0);
  return { codes, messages };
}

const CODE_MAP: [RegExp, WizardError["code"]][] = [
  [/^ERR_WIZARD_TARGET_REFUSED$/, "network:target-refused"],
  [/^ERR_CERT_PIN_MISMATCH$/, "tls:pin-mismatch"],
  [/^DEPTH_ZERO_SELF_SIGNED_CERT$/, "tls:self-signed"],
  [/^(CERT_HAS_EXPIRED|CERT_NOT_YET_VALID)$/, "tls:expired"],
  [/^ERR_TLS_CERT_ALTNAME_INVALID$/, "tls:hostname"],
  [
    /^(SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE|CERT_REJECTED|INVALID_CA)$/,
    "tls:untrusted",
  ],
  [/^(ERR_SSL_|EPROTO$)/, "tls:protocol"],
  [/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|EAI_NODATA|EAI_FAIL)$/, "network:dns"],
  [/^ECONNREFUSED$/, "network:refused"],
  [/^(EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ENETDOWN)$/, "network:unreachable"],
  [/^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT)$/, "network:timeout"],
  [/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ECONNABORTED)$/, "network:reset"],
];

/** Maps whatever fetch threw to a WizardError code. */
export function classifyNetworkError(e: unknown, timedOut: boolean): WizardError["code"] {
  if (timedOut || e instanceof TimeoutError) return "network:timeout";
  const { codes, messages } = errorCodes(e);
  for (const [pattern, mapped] of CODE_MAP) {
    if (codes.some((c) => pattern.test(c))) return mapped;
  }
  // The fetch standard blocks some ports (6000, 6667...): undici says "bad port".
  if (messages.includes("bad port")) return "input:invalid-url";
  return "network:failed";
}

function failureDetails(code: WizardError["code"], req: HttpRequest, timeoutMs: number): ErrorDetails {
  const details: ErrorDetails = { system: req.system, url: req.url, timeoutMs };
  if (code === "input:invalid-url") {
    details.problem =
      "Web browsers and the wizard do not connect to this port number. Use the site's usual port.";
  }
  return details;
}

/**
 * Sends one request and reads the whole answer (up to the size cap). Never follows redirects.
 * Throws a WizardError for every failure where no complete answer came back; any HTTP status is
 * returned to the caller, who decides what it means.
 */
export async function sendHttp(req: HttpRequest): Promise<HttpResponse> {
  const timeoutMs = req.timeoutMs ?? defaultTimeoutMs();
  const maxBodyBytes = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const record = req.recorder.start(req.method, req.url);
  const started = performance.now();
  const ended = noteOutboundCall(req.system);
  // One deadline for the whole exchange, the body included (ky's timeout stops at the headers).
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), timeoutMs);
  try {
    // Literal addresses are refused here; host names at the socket's lookup (lib/transport/outbound-guard).
    assertUrlAllowed(req.url);
    const response = await ky(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      redirect: "manual",
      retry: 0,
      throwHttpErrors: false,
      timeout: timeoutMs,
      signal: deadline.signal,
      fetch: fetchThrough(agentFor(req.trust)),
      // ky's hook records the status as soon as the headers are in, before the body is read.
      hooks: {
        afterResponse: [
          (_request, _options, answer) => {
            record.status = answer.status;
          },
        ],
      },
    });
    const body = await readCapped(response, maxBodyBytes);
    if (body === null) {
      throw wizardError("network:too-large", { system: req.system, url: req.url, limitBytes: maxBodyBytes });
    }
    return {
      status: response.status,
      headers: response.headers,
      setCookies: response.headers.getSetCookie(),
      body,
      record,
    };
  } catch (e) {
    let error: WizardError;
    const refusal = refusalIn(e);
    if (isWizardError(e)) {
      error = e;
    } else if (refusal) {
      error = wizardError(
        "network:target-refused",
        { system: req.system, url: req.url, problem: refusal.rule, reason: refusal.kind },
        { cause: e },
      );
    } else {
      const code = classifyNetworkError(e, deadline.signal.aborted);
      error = wizardError(code, failureDetails(code, req, timeoutMs), { cause: e });
    }
    if (error.code.startsWith("tls:")) {
      error.certificate = (await inspectCertificate(req.url)) ?? undefined;
    }
    record.error = error.code;
    error.calls = req.recorder.snapshot();
    throw error;
  } finally {
    clearTimeout(timer);
    ended();
    record.ms = Math.round(performance.now() - started);
    logOutboundCall(record);
  }
}

/**
 * A `fetch` for libraries that take one (oauth4webapi's `customFetch`): same transport, trust,
 * limits and recording. Answers are buffered and handed back as a standard Response.
 */
export function recordingFetch(opts: {
  recorder: CallRecorder;
  trust?: TlsTrust;
  timeoutMs?: number;
  maxBodyBytes?: number;
  system: "creatio" | "identity";
}) {
  return async (
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown; signal?: AbortSignal },
  ): Promise<Response> => {
    const method = init.method === "POST" ? "POST" : "GET";
    const body =
      typeof init.body === "string" || init.body instanceof URLSearchParams ? init.body : undefined;
    const answer = await sendHttp({
      method,
      url,
      headers: init.headers,
      body,
      trust: opts.trust,
      timeoutMs: opts.timeoutMs,
      maxBodyBytes: opts.maxBodyBytes,
      recorder: opts.recorder,
      system: opts.system,
    });
    const noBody = answer.status === 204 || answer.status === 304;
    return new Response(noBody ? null : answer.body, {
      status: answer.status,
      headers: [...answer.headers],
    });
  };
}
