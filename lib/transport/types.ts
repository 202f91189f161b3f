// Transport options the app passes in. Browser-safe (the connect form sends a trust setting).

/** Per-connection TLS trust: a CA bundle (PEM) or one pinned self-signed certificate (SHA-256, hex with colons). */
export interface TlsTrust {
  caPem?: string;
  fingerprint256?: string;
}
