"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import type { CheckAddressResult } from "@/app/actions";
import { CheckTree } from "@/components/CheckTree";
import styles from "@/components/checks.module.css";
import { ErrorAlert } from "@/components/ErrorAlert";
import { Progress } from "@/components/Progress";
import { useFocusOnChange } from "@/components/useFocusOnChange";
import type { ConnectionCheck } from "@/lib/diagnostics/types";
import type { ActionError } from "@/lib/wizard/result";
import type { CheckAddressInput, TrustInput } from "@/lib/wizard/schemas";

interface Values {
  baseUrl: string;
  userName: string;
  password: string;
}

const same = (a: Values | null, b: Values) =>
  a !== null && a.baseUrl === b.baseUrl && a.userName === b.userName && a.password === b.password;

/**
 * "Check this address" on the connect page: the layered check of the typed address (DNS, TCP, TLS, HTTP,
 * is it Creatio, runtime, and with a password the sign-in, CSRF and the two permissions). Runs only when
 * pressed, so a failed Connect sends nothing more to Creatio by itself.
 */
export function LayeredCheck({
  check,
  values,
  validate,
  trust,
  failure,
  disabled = false,
}: {
  check: (input: CheckAddressInput) => Promise<CheckAddressResult>;
  /** The connect form's current values. */
  values: () => Values;
  /** Validates the address field of the form (and shows its message there). */
  validate: () => Promise<boolean>;
  trust?: TrustInput;
  /** The last Connect failed with this error code (`n` counts attempts); null when it did not. */
  failure: { n: number; code: string } | null;
  disabled?: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ n: number; check: ConnectionCheck } | null>(null);
  const [error, setError] = useState<{ n: number; error: ActionError } | null>(null);
  const failedWith = useRef<Values | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useFocusOnChange(resultRef, result?.n ?? null);

  // A new failed Connect: remember what it was tried with, and drop the result of an earlier check.
  const failureN = failure?.n ?? null;
  const failureCode = failure?.code ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per failed attempt; values() reads the form then.
  useEffect(() => {
    if (failureN === null) return;
    failedWith.current = failureCode?.startsWith("auth:") ? values() : null;
    setResult(null);
    setError(null);
  }, [failureN]);

  const run = async () => {
    if (pending || disabled) return;
    if (!(await validate())) return;
    const now = values();
    // Never repeat a sign-in that just failed with the same values: Creatio may lock the user.
    const skipSignIn = same(failedWith.current, now);
    startTransition(async () => {
      const r = await check({
        baseUrl: now.baseUrl,
        userName: now.userName,
        password: skipSignIn ? "" : now.password,
        skipSignIn,
        ...trust,
      });
      if (!r.ok) {
        setResult(null);
        setError((e) => ({ n: (e?.n ?? 0) + 1, error: r.error }));
        return;
      }
      setError(null);
      setResult((p) => ({ n: (p?.n ?? 0) + 1, check: r.check }));
    });
  };

  return (
    <section className={styles.addressCheck} aria-labelledby="address-check-heading">
      <h2 id="address-check-heading" className={styles.addressTitle}>
        Connection check
      </h2>
      <p className="hint" id="address-check-hint">
        {failure ? "Connect failed. " : "Not connecting? "}
        Check this address finds the layer that fails: DNS, the connection, the certificate, whether Creatio
        answers and its runtime, then, with a password, the sign-in and the two permissions the wizard needs.
        It only reads, and signs out again.
      </p>
      <button
        type="button"
        className="secondary"
        onClick={run}
        disabled={pending || disabled}
        aria-describedby="address-check-hint"
      >
        Check this address
      </button>
      {pending ? <Progress>Checking the address layer by layer…</Progress> : null}
      {error ? <ErrorAlert key={error.n} error={error.error} title="Not checked" focus /> : null}
      {result ? (
        <div className={styles.addressResult} ref={resultRef} tabIndex={-1}>
          <CheckTree
            group={result.check.group}
            headingLevel={3}
            title={`Layers of ${result.check.creatio.url}`}
            label="Connection check"
            intro="From the wizard's server, top down: a failed layer leaves the layers below it not run."
          />
        </div>
      ) : null}
    </section>
  );
}
