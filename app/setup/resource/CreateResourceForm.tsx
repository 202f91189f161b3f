"use client";
import Link from "next/link";
import type { CreateResourceResult } from "@/app/setup/resource/actions";
import { OneClickAction } from "@/components/OneClickAction";

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
      <OneClickAction
        label="Create default resource"
        action={action}
        progress="Creating the default resource. Creatio is calling the Identity Service: this can take tens of seconds. Keep this page open."
        errorTitle="Default resource not created"
        returnPath={returnPath}
        successTitle={(result) =>
          result.outcome === "created" ? "Default resource created" : "Default resource already existed"
        }
        success={(result) => (
          <>
            <p>
              {result.outcome === "created"
                ? "Creatio registered its default resource with the Identity Service."
                : "Nothing was created: Creatio already had its default resource."}
              {result.scope ? (
                <>
                  {" "}
                  Scope name: <code>{result.scope}</code>.
                </>
              ) : null}
            </p>
            <p>
              <Link href="/status" prefetch={false}>
                Open the status page
              </Link>
            </p>
            <p>
              <Link href="/setup/verify" prefetch={false}>
                Prove it end to end
              </Link>{" "}
              with a temporary app that gets its own token.
            </p>
          </>
        )}
      />
    </section>
  );
}
