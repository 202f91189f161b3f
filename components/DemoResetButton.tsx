"use client";
import { useState, useTransition } from "react";
import type { ResetDemoResult } from "@/app/demo/actions";
import type { ActionError } from "@/lib/wizard/result";
import styles from "./Demo.module.css";
import { ErrorAlert } from "./ErrorAlert";
import { Progress } from "./Progress";

/**
 * "Reset demo": this browser's demo Creatio back to its scenario's start. On success the action sends
 * the browser to the connect page, which says so; a failure is shown here with its fix.
 */
export function DemoResetButton({ reset }: { reset: () => Promise<ResetDemoResult> }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ n: number; error: ActionError } | null>(null);
  const onClick = () => {
    if (pending) return;
    start(async () => {
      // On success the action redirects: nothing comes back to handle here.
      const result: ResetDemoResult | undefined = await reset();
      if (result?.ok === false) setError((e) => ({ n: (e?.n ?? 0) + 1, error: result.error }));
    });
  };
  return (
    <>
      <button type="button" className="secondary" onClick={onClick} disabled={pending}>
        Reset demo
      </button>
      {pending ? (
        <div className={styles.bannerError}>
          <Progress>Putting this browser&apos;s demo Creatio back at the start of its scenario…</Progress>
        </div>
      ) : null}
      {error ? (
        <div className={styles.bannerError}>
          <ErrorAlert key={error.n} error={error.error} title="The demo was not reset" focus />
        </div>
      ) : null}
    </>
  );
}
