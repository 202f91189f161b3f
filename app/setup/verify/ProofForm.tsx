"use client";
import { useRef, useState, useTransition } from "react";
import { CheckList } from "@/components/CheckList";
import { ErrorAlert } from "@/components/ErrorAlert";
import { Icon } from "@/components/Icon";
import { Progress } from "@/components/Progress";
import { useFocusOnChange } from "@/components/useFocusOnChange";
import type { ActionError } from "@/lib/wizard/result";
import type { CleanUpResult, ProofResult, ProofView } from "./actions";

// Step 5's form: "Keep this app", "Run the proof", the hops as checks, the kept app's credentials shown
// once (component state only: a reload drops them), and the retry of a failed clean-up.

type Kept = NonNullable<ProofView["kept"]>;

const BEARER_BODY = JSON.stringify({
  rootSchemaName: "Contact",
  operationType: 0,
  allColumns: false,
  rowCount: 1,
  columns: { items: { Id: { expression: { expressionType: 0, columnPath: "Id" } } } },
});

export function curlSnippet(app: Omit<Kept, "clientSecret">): string {
  return [
    `CLIENT_ID='${app.clientId}'`,
    "CLIENT_SECRET='<paste the client secret>'",
    `TOKEN=$(curl -s -X POST '${app.tokenEndpoint}' \\`,
    '  -d grant_type=client_credentials -d client_id="$CLIENT_ID" --data-urlencode client_secret="$CLIENT_SECRET" \\',
    '  | sed -E \'s/.*"access_token":"([^"]+)".*/\\1/\')',
    `curl -s -X POST '${app.selectUrl}' \\`,
    '  -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" \\',
    `  -d '${BEARER_BODY}'`,
  ].join("\n");
}

export function powershellSnippet(app: Omit<Kept, "clientSecret">): string {
  return [
    `$clientId = '${app.clientId}'`,
    "$clientSecret = Read-Host -Prompt 'Client secret'",
    `$token = (Invoke-RestMethod -Method Post -Uri '${app.tokenEndpoint}' -Body @{ grant_type = 'client_credentials'; client_id = $clientId; client_secret = $clientSecret }).access_token`,
    `Invoke-RestMethod -Method Post -Uri '${app.selectUrl}' -Headers @{ Authorization = "Bearer $token" } -ContentType 'application/json' -Body '${BEARER_BODY}'`,
  ].join("\n");
}

/** A Postman collection for the kept app: URLs and client id as variables, the secret an empty one. */
export function postmanCollection(app: Omit<Kept, "clientSecret">): string {
  return JSON.stringify(
    {
      info: {
        name: app.name,
        schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
      },
      variable: [
        { key: "tokenUrl", value: app.tokenEndpoint },
        { key: "selectUrl", value: app.selectUrl },
        { key: "clientId", value: app.clientId },
        { key: "clientSecret", value: "" },
      ],
      item: [
        {
          name: "1. Token (client credentials)",
          event: [
            {
              listen: "test",
              script: { exec: ["pm.collectionVariables.set('token', pm.response.json().access_token);"] },
            },
          ],
          request: {
            method: "POST",
            url: "{{tokenUrl}}",
            body: {
              mode: "urlencoded",
              urlencoded: [
                { key: "grant_type", value: "client_credentials" },
                { key: "client_id", value: "{{clientId}}" },
                { key: "client_secret", value: "{{clientSecret}}" },
              ],
            },
          },
        },
        {
          name: "2. First call to Creatio",
          request: {
            method: "POST",
            url: "{{selectUrl}}",
            header: [
              { key: "Authorization", value: "Bearer {{token}}" },
              { key: "Content-Type", value: "application/json" },
            ],
            body: { mode: "raw", raw: BEARER_BODY },
          },
        },
      ],
    },
    null,
    2,
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="button button-secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setCopied(true);
        } catch {
          setCopied(false);
        }
      }}
    >
      {copied ? `${label}: copied` : `Copy ${label.toLowerCase()}`}
    </button>
  );
}

function KeptApp({ app }: { app: Kept }) {
  const { clientSecret, ...shown } = app;
  const download = () => {
    const blob = new Blob([postmanCollection(shown)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = "creatio-integration.postman_collection.json";
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="panel" aria-labelledby="kept-app">
      <h2 id="kept-app">Your app: shown once</h2>
      <p>
        <strong>Copy the secret now.</strong> It is shown only on this page and is gone after a reload; the
        wizard does not keep it. The app is on Creatio&apos;s &quot;OAuth 2.0 integrated applications&quot;
        page as <code>{app.name}</code>.
      </p>
      <dl className="facts">
        <dt>Client id</dt>
        <dd>
          <code data-testid="kept-client-id">{app.clientId}</code>{" "}
          <CopyButton text={app.clientId} label="Client id" />
        </dd>
        <dt>Client secret</dt>
        <dd>
          <code data-testid="kept-client-secret">{clientSecret}</code>{" "}
          <CopyButton text={clientSecret} label="Client secret" />
        </dd>
      </dl>
      <h3>curl</h3>
      <pre>
        <code>{curlSnippet(shown)}</code>
      </pre>
      <CopyButton text={curlSnippet(shown)} label="curl snippet" />
      <h3>PowerShell</h3>
      <pre>
        <code>{powershellSnippet(shown)}</code>
      </pre>
      <CopyButton text={powershellSnippet(shown)} label="PowerShell snippet" />
      <h3>Postman</h3>
      <p>
        A collection with the URLs and the client id as variables; <code>clientSecret</code> is left empty for
        you to paste.
      </p>
      <button type="button" className="button button-secondary" onClick={download}>
        Download Postman collection
      </button>
    </section>
  );
}

/** Temporary apps still in Creatio, with a button to delete them (step 5 and the status page). */
export function Leftovers({
  leftovers,
  onCleanUp,
  pending,
  label,
}: {
  leftovers: { name: string; clientId: string }[];
  onCleanUp: () => void;
  pending: boolean;
  label: string;
}) {
  if (leftovers.length === 0) return null;
  return (
    <div className="alert alert-warning">
      <p className="alert-title">
        <Icon name="warning" />
        <strong>
          {leftovers.length === 1 ? "1 temporary app is" : `${leftovers.length} temporary apps are`} still in
          Creatio
        </strong>
      </p>
      <ul>
        {leftovers.map((app) => (
          <li key={app.clientId}>
            <code>{app.name}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={onCleanUp} disabled={pending}>
        {label}
      </button>
    </div>
  );
}

export function ProofForm({
  run,
  cleanUpAction,
  oldApps,
}: {
  run: (input: { keep: boolean }) => Promise<ProofResult>;
  cleanUpAction: (input: { names?: string[] }) => Promise<CleanUpResult>;
  /** `IS wizard proof` apps older than an hour, found when the page opened. */
  oldApps: { name: string; clientId: string }[];
}) {
  const [keep, setKeep] = useState(false);
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<
    { n: number; ok: true; run: ProofView } | { n: number; ok: false; error: ActionError } | null
  >(null);
  const [old, setOld] = useState(oldApps);
  const [cleanUpChecks, setCleanUpChecks] = useState<CleanUpResult | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useFocusOnChange(resultRef, outcome?.n ?? null);

  const start = () => {
    if (pending) return;
    startTransition(async () => {
      const result = await run({ keep });
      setOutcome((previous) => ({ ...result, n: (previous?.n ?? 0) + 1 }) as typeof previous);
    });
  };
  const cleanUp = (names?: string[]) => {
    if (pending) return;
    startTransition(async () => {
      const result = await cleanUpAction(names ? { names } : {});
      setCleanUpChecks(result);
      if (result.ok) {
        if (names && outcome?.ok) {
          setOutcome({ ...outcome, run: { ...outcome.run, leftovers: result.leftovers } });
        } else setOld(result.leftovers);
      }
    });
  };

  const view = outcome?.ok ? outcome.run : null;
  return (
    <>
      <Leftovers
        leftovers={old}
        pending={pending}
        onCleanUp={() => cleanUp()}
        label="Delete these old temporary apps"
      />
      <section className="panel" aria-labelledby="proof-run">
        <h2 id="proof-run">Run it</h2>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={keep}
              onChange={(e) => setKeep(e.target.checked)}
              disabled={pending}
            />{" "}
            Keep this app
          </label>
          <p className="hint">
            Off: the app is deleted at the end. On: it stays, and its client id and secret are shown once,
            with snippets to use it.
          </p>
        </div>
        <button type="button" className="button" onClick={start} disabled={pending} aria-disabled={pending}>
          Run the proof
        </button>
        {pending ? (
          <Progress>
            Running the proof: rights, user to bind, creating the temporary app, asking the Identity Service
            for its token, one read with only that token, deleting the app.
          </Progress>
        ) : null}
      </section>
      <div ref={resultRef} tabIndex={-1}>
        {outcome && !outcome.ok ? (
          <ErrorAlert error={outcome.error} title="The proof could not run" focus />
        ) : null}
        {view ? (
          <section aria-labelledby="proof-result">
            <h2 id="proof-result">
              {view.passed ? "Proved: an integration can call Creatio" : "The proof stopped"}
            </h2>
            <p role="status">
              {view.passed
                ? `Every hop passed in ${(view.ms / 1000).toFixed(1)} s.`
                : "The first failed hop says what happened and what to do."}
            </p>
            <CheckList checks={view.checks} label="Hops of the proof" />
            <Leftovers
              leftovers={view.leftovers}
              pending={pending}
              onCleanUp={() => cleanUp(view.leftovers.map((app) => app.name))}
              label="Retry the clean-up"
            />
            {view.kept ? <KeptApp app={view.kept} /> : null}
          </section>
        ) : null}
        {cleanUpChecks && !cleanUpChecks.ok ? (
          <ErrorAlert error={cleanUpChecks.error} title="Clean-up did not run" />
        ) : null}
        {cleanUpChecks?.ok && cleanUpChecks.checks.length > 0 ? (
          <CheckList checks={cleanUpChecks.checks} label="Clean-up" />
        ) : null}
      </div>
    </>
  );
}
