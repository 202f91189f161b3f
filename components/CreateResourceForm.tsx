"use client";
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import type { CreateResourceResult } from "@/app/setup/resource/actions";
import type { AddDefaultResourceResult } from "@/lib/creatio/types";
import type { ActionError } from "@/lib/wizard/result";
import { ErrorAlert } from "./ErrorAlert";
import { Icon } from "./Icon";
import { Progress } from "./Progress";
import { useFocusOnChange } from "./useFocusOnChange";

export function CreateResourceForm({
  action,
  existing,
  existingName,
  returnPath,
}: {
  action: () => Promise<CreateResourceResult>;
  /** Default resources found on load (null: could not read). */
  existing: number | null;
  existingName: string | null;
  returnPath: string;
}) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<{
    n: number;
    result?: AddDefaultResourceResult;
    error?: ActionError;
  } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useFocusOnChange(resultRef, outcome?.result ? outcome.n : null);

  const run = () => {
    if (pending) return;
    startTransition(async () => {
      const r = await action();
      setOutcome((o) => ({ n: (o?.n ?? 0) + 1, ...(r.ok ? { result: r.result } : { error: r.error }) }));
    });
  };

  return (
    <section className="panel" aria-labelledby="resource-change">
      <h2 id="resource-change">What will change</h2>
      {existing === 1 ? (
        <p>
          Nothing needs to change: the default resource exists
          {existingName ? (
            <>
              {" "}
              (<code>{existingName}</code>)
            </>
          ) : null}
          . Pressing the button checks again and never creates a second one.
        </p>
      ) : existing !== null && existing > 1 ? (
        <p>Nothing will be created: Creatio already has more than one default resource (see above).</p>
      ) : (
        <p>
          The wizard checks first that no default resource exists, then asks Creatio to register one with the
          Identity Service (a scope named <code>ApplicationAccess_…</code>). Creatio calls the Identity
          Service meanwhile: <strong>this can take tens of seconds.</strong>
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={run} disabled={pending}>
          Create default resource
        </button>
      </div>
      {pending ? (
        <Progress>
          Creating the default resource. Creatio is calling the Identity Service: this can take tens of
          seconds. Keep this page open.
        </Progress>
      ) : null}
      {outcome?.error ? (
        <ErrorAlert
          key={outcome.n}
          error={outcome.error}
          title="Default resource not created"
          returnPath={returnPath}
          focus
        />
      ) : null}
      {outcome?.result ? (
        <div className="alert alert-success" ref={resultRef} tabIndex={-1}>
          <p className="alert-title">
            <Icon name="check" />
            <strong>
              {outcome.result.outcome === "created"
                ? "Default resource created"
                : "Default resource already existed"}
            </strong>
          </p>
          <p>
            {outcome.result.outcome === "created"
              ? "Creatio registered its default resource with the Identity Service."
              : "Nothing was created: Creatio already had its default resource."}
            {outcome.result.scope ? (
              <>
                {" "}
                Scope name: <code>{outcome.result.scope}</code>.
              </>
            ) : null}
          </p>
          <p>
            <Link href="/status" prefetch={false}>
              Open the status page
            </Link>
          </p>
        </div>
      ) : null}
    </section>
  );
}
