"use client";
import { useRef, useState, useTransition } from "react";
import type { ActionError, ActionResult } from "@/lib/wizard/result";
import { ErrorAlert } from "./ErrorAlert";
import { Icon } from "./Icon";
import { Progress } from "./Progress";
import { useFocusOnChange } from "./useFocusOnChange";

/**
 * One button that writes to Creatio: while it runs the button is disabled and `progress` shows (a second
 * click sends nothing); then the error with its fix, or what changed, takes the focus.
 */
export function OneClickAction<T>({
  label,
  action,
  progress,
  errorTitle,
  returnPath,
  successTitle,
  success,
}: {
  label: string;
  action: () => Promise<ActionResult<{ result: T }>>;
  progress: React.ReactNode;
  errorTitle: string;
  returnPath: string;
  successTitle: (result: T) => React.ReactNode;
  /** The success alert's body, below its title. */
  success: (result: T) => React.ReactNode;
}) {
  const [pending, startTransition] = useTransition();
  // `n` counts the runs: every new result or error takes the focus again, even when it reads the same.
  const [outcome, setOutcome] = useState<
    { n: number; ok: true; result: T } | { n: number; ok: false; error: ActionError } | null
  >(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useFocusOnChange(resultRef, outcome?.ok ? outcome.n : null);

  const run = () => {
    if (pending) return;
    startTransition(async () => {
      const r = await action();
      setOutcome((o) => {
        const n = (o?.n ?? 0) + 1;
        return r.ok ? { n, ok: true, result: r.result } : { n, ok: false, error: r.error };
      });
    });
  };

  return (
    <>
      <div className="actions">
        <button type="button" onClick={run} disabled={pending}>
          {label}
        </button>
      </div>
      {pending ? <Progress>{progress}</Progress> : null}
      {outcome && !outcome.ok ? (
        <ErrorAlert key={outcome.n} error={outcome.error} title={errorTitle} returnPath={returnPath} focus />
      ) : null}
      {outcome?.ok ? (
        <div className="alert alert-success" ref={resultRef} tabIndex={-1}>
          <p className="alert-title">
            <Icon name="check" />
            <strong>{successTitle(outcome.result)}</strong>
          </p>
          {success(outcome.result)}
        </div>
      ) : null}
    </>
  );
}
