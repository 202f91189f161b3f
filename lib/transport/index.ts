import "server-only";

// The one HTTP transport of the wizard, used by lib/creatio and lib/identity alike: timeouts, size
// cap, TLS trust per connection, call recording and the mapping of network failures to errors.
export {
  CallRecorder,
  classifyNetworkError,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_TIMEOUT_MS,
  defaultTimeoutMs,
  type HttpRequest,
  type HttpResponse,
  recordingFetch,
  sendHttp,
  TIMEOUT_ENV,
} from "./http";
export { readCapped } from "./read-capped";
export { type ReadSharing, sendWithinRequest } from "./shared-reads";
export {
  agentFor,
  certificateInfo,
  inspectCertificate,
  normalizeFingerprint,
  normalizeTrust,
  parseCaPem,
} from "./tls";
export type { TlsTrust } from "./types";
