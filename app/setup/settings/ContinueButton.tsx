"use client";
import { useState, useTransition } from "react";
import { ErrorAlert } from "@/components/ErrorAlert";
import { Progress } from "@/components/Progress";
import type { ActionFailure } from "@/lib/wizard/result";

/** Step 2's "Continue": records the review on the server, which then opens step 3. */
export function ContinueButton({
  action,
  returnPath,
}: {
  action: () => Promise<ActionFailure>;
  returnPath: string;
}) {
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<{ n: number; error: ActionFailure["error"] } | null>(null);
  const run = () => {
    if (pending) return;
    startTransition(async () => {
      const r = await action();
      // Only a failure comes back: on success the server redirects to step 3.
      if (r && !r.ok) setFailure((f) => ({ n: (f?.n ?? 0) + 1, error: r.error }));
    });
  };
  return (
    <div>
      <div className="actions">
        <button type="button" onClick={run} disabled={pending}>
          Continue
        </button>
      </div>
      {pending ? <Progress>Opening step 3…</Progress> : null}
      {failure ? <ErrorAlert key={failure.n} error={failure.error} returnPath={returnPath} focus /> : null}
    </div>
  );
}
