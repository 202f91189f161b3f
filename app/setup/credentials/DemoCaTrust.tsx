"use client";
import { useState, useTransition } from "react";
import { trustDemoIdentityCaAction } from "@/app/demo/actions";
import { ErrorAlert } from "@/components/ErrorAlert";
import { Progress } from "@/components/Progress";
import type { CertificateInfo } from "@/lib/creatio/types";
import type { ActionError } from "@/lib/wizard/result";

/**
 * Demo mode, self-signed scenario, beside step 3's checks from the wizard's server. "offer": the fix
 * for an untrusted-certificate diagnosis. The demo's Identity Service has a certificate from the demo's
 * own CA; trusting it applies to this browser's demo Identity Service checks only (never process-wide),
 * then the test runs again. "trusted": says why those checks now pass.
 */
export function DemoCaTrust({
  state,
  certificate,
  onTrusted,
}: {
  state: "offer" | "trusted";
  /** The certificate the Identity Service presented (from the failed check), shown before trusting. */
  certificate?: CertificateInfo;
  onTrusted: () => void;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ n: number; error: ActionError } | null>(null);
  if (state === "trusted") {
    return (
      <p className="hint">
        Demo: the wizard&apos;s server trusts the demo&apos;s certificate authority for these checks (this
        browser&apos;s demo Identity Service only).
      </p>
    );
  }
  const onClick = () => {
    if (pending) return;
    start(async () => {
      const result = await trustDemoIdentityCaAction();
      if (result.ok) onTrusted();
      else setError((e) => ({ n: (e?.n ?? 0) + 1, error: result.error }));
    });
  };
  return (
    <div className="alert alert-info">
      <p className="alert-title">
        <strong>Demo: trust the demo&apos;s certificate authority</strong>
      </p>
      <p>
        The demo&apos;s Identity Service uses an HTTPS certificate from the demo&apos;s own certificate
        authority: Creatio&apos;s server trusts it, the wizard&apos;s server does not. Trusting it here
        applies to this browser&apos;s demo Identity Service only. With a real Identity Service, install your
        company&apos;s CA certificate on the wizard&apos;s server, or compare the certificate&apos;s SHA-256
        fingerprint with its administrator.
      </p>
      {certificate ? (
        <dl className="facts">
          <dt>Certificate presented</dt>
          <dd>{certificate.subject}</dd>
          <dt>Issued by</dt>
          <dd>{certificate.issuer}</dd>
          <dt>SHA-256 fingerprint</dt>
          <dd>
            <code>{certificate.fingerprint256}</code>
          </dd>
        </dl>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onClick} disabled={pending}>
          Trust the demo&apos;s certificate authority
        </button>
      </div>
      {pending ? <Progress>Trusting the demo&apos;s certificate authority…</Progress> : null}
      {error ? (
        <ErrorAlert
          key={error.n}
          error={error.error}
          title="The demo's certificate authority is not trusted"
          focus
        />
      ) : null}
    </div>
  );
}

/** The certificate a failed check saw, if any (TLS failures carry it). */
export function presentedCertificate(
  checks: readonly { details: { certificate?: CertificateInfo } }[],
): CertificateInfo | undefined {
  return checks.find((c) => c.details.certificate)?.details.certificate;
}
