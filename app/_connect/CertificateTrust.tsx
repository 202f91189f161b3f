"use client";
import type { CertificateInfo } from "@/lib/creatio/types";

/**
 * The certificate a server presented, shown before the operator decides to trust it for this
 * connection only (never a process-wide switch).
 */
export function CertificateTrust({
  certificate,
  onTrust,
  disabled,
}: {
  certificate: CertificateInfo;
  onTrust: (fingerprint256: string) => void;
  disabled: boolean;
}) {
  return (
    <section className="panel" aria-labelledby="certificate-heading">
      <h2 id="certificate-heading">The certificate the server presented</h2>
      <dl className="facts">
        <dt>Subject</dt>
        <dd>{certificate.subject}</dd>
        <dt>Issuer</dt>
        <dd>
          {certificate.issuer}
          {certificate.selfSigned ? " (self-signed)" : ""}
        </dd>
        {certificate.subjectAltName ? (
          <>
            <dt>Names</dt>
            <dd>{certificate.subjectAltName}</dd>
          </>
        ) : null}
        <dt>Valid</dt>
        <dd>
          {certificate.validFrom} to {certificate.validTo}
        </dd>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <code>{certificate.fingerprint256}</code>
        </dd>
      </dl>
      <p>
        Compare this fingerprint with the SHA-256 fingerprint of the certificate installed on the server (ask
        its administrator). Trust it only if they match: the wizard then accepts this one certificate for this
        connection, and nothing else.
      </p>
      <div className="actions">
        <button type="button" onClick={() => onTrust(certificate.fingerprint256)} disabled={disabled}>
          Trust this certificate and connect
        </button>
      </div>
    </section>
  );
}
