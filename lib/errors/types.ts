// The shapes a user-facing error carries. Browser-safe.

/** One HTTP call made to Creatio or the Identity Service, as shown in details and reports. Never a secret. */
export interface CallRecord {
  method: string;
  /** Full URL without query secrets (Creatio calls carry none). */
  url: string;
  /** HTTP status, or null when no answer came (DNS, refused, timeout, TLS). */
  status: number | null;
  ms: number;
  /** Error code (`area:reason`) when the call failed. */
  error?: string;
}

/** The certificate a server presented, shown to the operator before trusting it. Not a secret. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  subjectAltName: string | null;
  validFrom: string;
  validTo: string;
  /** SHA-256, upper-case hex with colons: the value to pin in `TlsTrust.fingerprint256`. */
  fingerprint256: string;
  selfSigned: boolean;
}
