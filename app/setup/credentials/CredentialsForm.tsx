"use client";
import Link from "next/link";
import { useRef, useState, useTransition } from "react";
import { type Resolver, useForm } from "react-hook-form";
import type { SaveCredentialsResult, SavedCode, TestConnectionResult } from "@/app/setup/credentials/actions";
import { CheckList } from "@/components/CheckList";
import { DiagnosisList } from "@/components/DiagnosisList";
import { ErrorAlert } from "@/components/ErrorAlert";
import { Field } from "@/components/Field";
import { Icon } from "@/components/Icon";
import { credentialsResolver, useWarmFormResolvers } from "@/components/lazy-form-resolvers";
import { Progress } from "@/components/Progress";
import { useFocusOnChange } from "@/components/useFocusOnChange";
import type { SecretState } from "@/lib/creatio/types";
import type { Check } from "@/lib/diagnostics/types";
import { isLoopbackUrl } from "@/lib/wizard/links";
import type { ActionError } from "@/lib/wizard/result";
import type { CredentialsInput, CredentialsValues } from "@/lib/wizard/schemas";
import { nextStep } from "@/lib/wizard/steps";
import { AppSettingsPaste } from "./AppSettingsPaste";
import { DemoCaTrust, presentedCertificate } from "./DemoCaTrust";

type Saved = Extract<SaveCredentialsResult, { ok: true }>;
type Outcome =
  | { n: number; kind: "test"; checks: Check[]; demoCa?: "offer" | "trusted" }
  | { n: number; kind: "save"; result: Saved }
  | { n: number; kind: "error"; error: ActionError; title: string };

const OUTCOME_TEXT: Record<SavedCode["outcome"], string> = {
  saved: "Saved",
  "not-saved": "Not saved",
  kept: "Kept (not sent: the stored secret stays)",
};
const VERIFIED_TEXT: Record<SavedCode["verified"], string> = {
  matches: "Read back: matches",
  differs: "Read back: differs",
  "not-readable": "Read back: not readable (Creatio never sends the secret back)",
  unknown: "Read back: not possible",
};

const FIELDS = ["identityUrl", "clientId", "clientSecret"] as const;

export function CredentialsForm({
  test,
  save,
  returnPath,
  defaults,
  secret,
  previous,
  demo,
  creatioIsLocal,
}: {
  test: (input: CredentialsInput) => Promise<TestConnectionResult>;
  save: (input: CredentialsInput) => Promise<SaveCredentialsResult>;
  returnPath: string;
  defaults: { identityUrl: string; clientId: string };
  /** Whether Creatio holds a secret, and whether one typed earlier is kept on the server. Never the value. */
  secret: { stored: SecretState; typedBefore: boolean };
  previous: { identityUrl: string; clientId: string } | null;
  demo: { identityUrl: string | null; appSettingsUrl: string | null } | null;
  /** Creatio's own host is a loopback address (then a loopback Identity Service URL is expected). */
  creatioIsLocal: boolean;
}) {
  const [secretStoredNow, setSecretStoredNow] = useState(false);
  const secretOptional = secret.stored !== "not-set" || secret.typedBefore || secretStoredNow;
  // The resolver follows secretOptional as it changes (after a save the secret becomes optional).
  const resolver: Resolver<CredentialsInput, unknown, CredentialsValues> =
    credentialsResolver(secretOptional);
  useWarmFormResolvers();
  const form = useForm<CredentialsInput, unknown, CredentialsValues>({
    resolver,
    defaultValues: { identityUrl: defaults.identityUrl, clientId: defaults.clientId, clientSecret: "" },
  });
  const { register, handleSubmit, formState, setError, setValue, getValues, trigger, clearErrors } = form;
  const [pending, startTransition] = useTransition();
  const [working, setWorking] = useState<"test" | "save" | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [restored, setRestored] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  useFocusOnChange(resultRef, outcome && outcome.kind !== "error" ? outcome.n : null);
  const next = nextStep("credentials");

  const applyFieldErrors = (fieldErrors: Record<string, string[]> | undefined) => {
    for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
      if ((FIELDS as readonly string[]).includes(field)) {
        setError(field as (typeof FIELDS)[number], { message: messages[0] });
      }
    }
  };

  const fail = (error: ActionError, title: string) =>
    setOutcome((o) => ({ n: (o?.n ?? 0) + 1, kind: "error", error, title }));

  const onSave = handleSubmit((values) => {
    if (pending) return;
    setWorking("save");
    startTransition(async () => {
      const r = await save(values);
      setWorking(null);
      if (!r.ok) {
        applyFieldErrors(r.fieldErrors);
        fail(r.error, "Settings not saved");
        return;
      }
      // The secret never comes back, not even into this field.
      setValue("clientSecret", "");
      if (r.secretStored) setSecretStoredNow(true);
      setOutcome((o) => ({ n: (o?.n ?? 0) + 1, kind: "save", result: r }));
    });
  });

  const onTest = async () => {
    if (pending) return;
    clearErrors();
    const valid = await trigger(["identityUrl", "clientId"]);
    if (!valid) return;
    setWorking("test");
    startTransition(async () => {
      const r = await test(getValues());
      setWorking(null);
      if (!r.ok) {
        applyFieldErrors(r.fieldErrors);
        fail(r.error, "Not tested");
        return;
      }
      setOutcome((o) => ({ n: (o?.n ?? 0) + 1, kind: "test", checks: r.checks, demoCa: r.demoCa }));
    });
  };

  const restore = () => {
    if (!previous) return;
    setValue("identityUrl", previous.identityUrl, { shouldDirty: true });
    setValue("clientId", previous.clientId, { shouldDirty: true });
    setRestored(true);
  };

  const fillFromAppSettings = (clientId: string, clientSecret: string) => {
    setValue("clientId", clientId, { shouldDirty: true, shouldValidate: true });
    setValue("clientSecret", clientSecret, { shouldDirty: true, shouldValidate: true });
  };

  const errors = formState.errors;
  const typedUrl = form.watch("identityUrl");
  const localUrlWarning = !creatioIsLocal && isLoopbackUrl(typedUrl);
  const secretHint =
    secret.typedBefore && !secretStoredNow
      ? "A secret you entered earlier is kept on the wizard's server (not yet saved in Creatio): leave this empty to use it."
      : secret.stored === "set" || secretStoredNow
        ? "Creatio already holds a secret. Leave this empty to keep it, or enter a new one. Creatio never shows it back."
        : secret.stored === "unknown"
          ? "Creatio does not say whether a secret is stored. Enter it, or leave empty to keep a stored one."
          : "One of the Secrets of the system client in the Identity Service's appsettings.json (32 characters).";

  return (
    <>
      {demo?.identityUrl ? (
        <div className="alert alert-info">
          <p>
            <strong>Demo:</strong> use the Identity Service URL <code>{demo.identityUrl}</code>.
            {demo.appSettingsUrl ? (
              <>
                {" "}
                Its{" "}
                <a href={demo.appSettingsUrl} target="_blank" rel="noopener noreferrer">
                  appsettings.json<span className="visually-hidden"> (opens in a new tab)</span>
                </a>{" "}
                holds the client ID and secret: paste it below.
              </>
            ) : null}
          </p>
        </div>
      ) : null}

      <AppSettingsPaste onFill={fillFromAppSettings} />

      {/* method="post": a submit before hydration must never put the secret into the URL. */}
      <form
        method="post"
        onSubmit={onSave}
        noValidate
        className="panel"
        aria-labelledby="credentials-form-heading"
      >
        <h2 id="credentials-form-heading">Identity Service connection</h2>
        <Field
          id="identityUrl"
          label="Identity Service URL"
          type="text"
          inputMode="url"
          autoComplete="off"
          placeholder="https://is.example.com:8090"
          hint={
            localUrlWarning
              ? "This address means the Creatio server itself: it works only if the Identity Service runs on the Creatio server. Otherwise use a name or address that the Creatio server reaches."
              : "The Identity Service site root as Creatio's server reaches it. Stored without a trailing slash."
          }
          error={errors.identityUrl?.message}
          {...register("identityUrl")}
        />
        <Field
          id="clientId"
          label="Client ID"
          type="text"
          autoComplete="off"
          autoCapitalize="none"
          hint="The ClientId of the system client, for example IdServiceUser."
          error={errors.clientId?.message}
          {...register("clientId")}
        />
        <Field
          id="clientSecret"
          label="Client secret"
          type="password"
          autoComplete="new-password"
          hint={secretHint}
          error={errors.clientSecret?.message}
          {...register("clientSecret")}
        />
        <div className="actions">
          <button type="submit" disabled={pending}>
            Save settings
          </button>
          <button type="button" className="secondary" onClick={onTest} disabled={pending}>
            Test connection
          </button>
          {previous ? (
            <button type="button" className="secondary" onClick={restore} disabled={pending}>
              Restore previous values
            </button>
          ) : null}
        </div>
        {restored && previous ? (
          <p className="hint">
            Restored the URL and client ID Creatio held before the last save. The secret cannot be restored:
            Creatio never gives it back.
          </p>
        ) : null}
        {working === "save" ? (
          <Progress>Saving the three settings in Creatio, then asking its health check…</Progress>
        ) : null}
        {working === "test" ? (
          <Progress>Testing the Identity Service from the wizard&apos;s server…</Progress>
        ) : null}
      </form>

      {outcome?.kind === "error" ? (
        <ErrorAlert
          key={outcome.n}
          error={outcome.error}
          title={outcome.title}
          returnPath={returnPath}
          focus
        />
      ) : null}

      {outcome?.kind === "test" ? (
        <section className="panel" ref={resultRef} tabIndex={-1} aria-labelledby="test-result-heading">
          <h2 id="test-result-heading">Test from the wizard&apos;s server</h2>
          <p className="hint">Nothing was saved. Creatio itself is tested after Save settings.</p>
          <CheckList checks={outcome.checks} serverName="The Identity Service" />
          {outcome.demoCa ? (
            <DemoCaTrust
              state={outcome.demoCa}
              certificate={presentedCertificate(outcome.checks)}
              onTrusted={() => void onTest()}
            />
          ) : null}
        </section>
      ) : null}

      {outcome?.kind === "save" ? (
        <section className="panel" ref={resultRef} tabIndex={-1} aria-labelledby="save-result-heading">
          <h2 id="save-result-heading">
            {outcome.result.allSaved ? "Settings saved" : "Settings partly saved"}
          </h2>
          <table className="settings-table">
            <caption className="visually-hidden">What was saved, per system setting</caption>
            <thead>
              <tr>
                <th scope="col">System setting</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {outcome.result.codes.map((c) => (
                <tr key={c.code}>
                  <th scope="row">
                    <code>{c.code}</code>
                  </th>
                  <td>
                    <span
                      className={`badge badge-${c.outcome === "not-saved" ? "failed" : c.outcome === "saved" ? "passed" : "info"}`}
                    >
                      <Icon
                        name={c.outcome === "not-saved" ? "cross" : c.outcome === "saved" ? "check" : "info"}
                      />
                      <span>{OUTCOME_TEXT[c.outcome]}</span>
                    </span>{" "}
                    <span className="hint">{VERIFIED_TEXT[c.verified]}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!outcome.result.allSaved ? (
            <p>
              <strong>Fix:</strong> Creatio refused the settings marked &quot;Not saved&quot;. The user needs
              the &quot;Can manage system settings&quot; (CanManageSysSettings) permission; then press Save
              settings again.
            </p>
          ) : null}
          <h3 className="view-title">From the wizard&apos;s server</h3>
          <CheckList checks={outcome.result.hostChecks} headingLevel={4} serverName="The Identity Service" />
          {outcome.result.demoCa ? (
            <DemoCaTrust
              state={outcome.result.demoCa}
              certificate={presentedCertificate(outcome.result.hostChecks)}
              onTrusted={() => void onTest()}
            />
          ) : null}
          <h3 className="view-title">From Creatio&apos;s server (its health check)</h3>
          <CheckList checks={outcome.result.creatioChecks} headingLevel={4} />
          {outcome.result.diagnoses.length > 0 ? (
            <DiagnosisList diagnoses={outcome.result.diagnoses} />
          ) : null}
          {next && outcome.result.allSaved ? (
            <p className="next-step">
              <Link href={next.path} prefetch={false}>
                Go to step {next.number}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
