"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { CleanUpResult, ProofResult, ProofView } from "@/app/setup/verify/actions";
import { Leftovers } from "@/app/setup/verify/ProofForm";
import { CheckList } from "@/components/CheckList";
import { ErrorAlert } from "@/components/ErrorAlert";
import { Progress } from "@/components/Progress";
import { ProofGroup } from "@/components/ProofGroup";
import { useFocusOnChange } from "@/components/useFocusOnChange";
import type { CheckGroup } from "@/lib/diagnostics/types";
import type { ActionError } from "@/lib/wizard/result";

// The status page's opt-in check: step 5's proof (the same server action as /setup/verify, never keeping
// the app), its hops shown as a check group like the others. It writes to Creatio, so the page says what
// it does before the button, and it never runs by itself (not on load, not on the automatic refresh).

type Outcome = { n: number; ok: true; run: ProofView } | { n: number; ok: false; error: ActionError };

export function StatusProof({
  run,
  cleanUpAction,
  last,
  userName,
  prefix,
}: {
  run: (input: { keep: boolean }) => Promise<ProofResult>;
  cleanUpAction: (input: { names?: string[] }) => Promise<CleanUpResult>;
  /** This session's last proof (within the hour), as the report holds it; null when none ran. */
  last: CheckGroup | null;
  userName: string;
  /** The temporary app's name without its time (`IS wizard proof`). */
  prefix: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [leftovers, setLeftovers] = useState<{ name: string; clientId: string }[]>([]);
  const [cleanUp, setCleanUp] = useState<CleanUpResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useFocusOnChange(resultRef, outcome?.n ?? null);

  const start = () => {
    if (pending) return;
    startTransition(async () => {
      const result = await run({ keep: false });
      setCleanUp(null);
      setLeftovers(result.ok ? result.run.leftovers : []);
      setOutcome((previous) => ({ ...result, n: (previous?.n ?? 0) + 1 }) as Outcome);
      // The headline, the summary and the report count the proof: read the page again (its checks only read).
      if (result.ok) router.refresh();
    });
  };
  const retryCleanUp = () => {
    if (pending) return;
    startTransition(async () => {
      const result = await cleanUpAction({ names: leftovers.map((app) => app.name) });
      setCleanUp(result);
      if (result.ok) setLeftovers(result.leftovers);
    });
  };

  const view = outcome?.ok ? outcome.run : null;
  // The run just made, or else the session's last one (after a reload).
  const shown = view?.group ?? last;
  return (
    <>
      <div className="alert alert-warning">
        <p>
          <strong>This check writes to Creatio.</strong> It creates a temporary app named{" "}
          <code>{prefix} &lt;UTC time&gt;</code> in &quot;OAuth 2.0 integrated applications&quot;, bound to
          your user <code>{userName}</code>, asks the Identity Service for that app&apos;s token, sends one
          read to Creatio with only that token, and deletes the app again. The token never leaves the
          wizard&apos;s server.
        </p>
      </div>
      <p>
        <button type="button" className="button" onClick={start} disabled={pending} aria-disabled={pending}>
          Run the end-to-end proof
        </button>
      </p>
      {pending ? (
        <Progress>
          Running the end-to-end proof: checking your rights, creating the temporary app, asking the Identity
          Service for its token, one read with only that token, deleting the app. This takes a few seconds.
        </Progress>
      ) : null}
      <div ref={resultRef} tabIndex={-1}>
        {outcome && !outcome.ok ? (
          <ErrorAlert error={outcome.error} title="The end-to-end proof could not run" focus />
        ) : null}
        {view ? (
          <p role="status">
            {view.passed
              ? `Proved in ${(view.ms / 1000).toFixed(1)} s: an integration with its own client can call Creatio, and the temporary app is deleted.`
              : "The proof stopped: the first failed hop says what happened and what to do."}
          </p>
        ) : null}
        {shown ? <ProofGroup group={shown} /> : null}
        <Leftovers
          leftovers={leftovers}
          pending={pending}
          onCleanUp={retryCleanUp}
          label="Retry the clean-up"
        />
        {cleanUp && !cleanUp.ok ? <ErrorAlert error={cleanUp.error} title="Clean-up did not run" /> : null}
        {cleanUp?.ok && cleanUp.checks.length > 0 ? (
          <CheckList checks={cleanUp.checks} label="Clean-up" />
        ) : null}
      </div>
      <p className="hint">
        To keep an app for an integration (its client id and secret, with curl, PowerShell and Postman
        snippets), use <Link href="/setup/verify">Prove it end to end</Link>.
      </p>
    </>
  );
}
