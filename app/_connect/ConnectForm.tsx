"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import type { ConnectResult, DemoTenantResult } from "@/app/actions";
import { ErrorAlert } from "@/components/ErrorAlert";
import { Field } from "@/components/Field";
import { connectResolver, useWarmFormResolvers } from "@/components/lazy-form-resolvers";
import { Progress } from "@/components/Progress";
import { type PickerScenario, ScenarioPicker } from "@/components/ScenarioPicker";
import { useFocusOnChange } from "@/components/useFocusOnChange";
import type { DemoScenario } from "@/lib/demo/types";
import { runtimeLabel } from "@/lib/wizard/links";
import type { ActionError } from "@/lib/wizard/result";
import type { ConnectInput, ConnectRequest, ConnectValues, TrustInput } from "@/lib/wizard/schemas";
import { CertificateTrust } from "./CertificateTrust";
import { LayeredCheck } from "./LayeredCheck";

type Connected = Extract<ConnectResult, { ok: true }>;

export function ConnectForm({
  connect,
  checkAddress,
  createDemoTenant,
  demo,
  scenarios,
  initialScenario = "fresh-8.1-netfx",
  defaults,
  next,
  signInAgain = false,
}: {
  /** Signs in; without warnings to show, the server answers with the page at `next` (a redirect). */
  connect: (input: ConnectRequest) => Promise<ConnectResult>;
  /** "Check this address": the layered connection check (components/LayeredCheck). */
  checkAddress: React.ComponentProps<typeof LayeredCheck>["check"];
  createDemoTenant: (input: { scenario?: DemoScenario }) => Promise<DemoTenantResult>;
  /** Demo mode: offer "Use demo Creatio". */
  demo: boolean;
  /** The demo's scenarios with titles and trainer explanations (null: the demo did not list them). */
  scenarios: PickerScenario[] | null;
  /** The scenario the picker starts on (this browser's current demo scenario, or one linked to). */
  initialScenario?: DemoScenario;
  /** `password` only for this browser's own demo Creatio (its password is public). */
  defaults: { baseUrl: string; userName: string; password?: string };
  /** Where to go after signing in (already checked to be one of the wizard's pages). */
  next: string;
  /** The Creatio session ended: the operator only needs to type the password again. */
  signInAgain?: boolean;
}) {
  const router = useRouter();
  const form = useForm<ConnectInput, unknown, ConnectValues>({
    resolver: connectResolver,
    defaultValues: {
      baseUrl: defaults.baseUrl,
      userName: defaults.userName,
      password: defaults.password ?? "",
    },
    mode: "onSubmit",
  });
  const { register, handleSubmit, formState, setError, setValue, setFocus } = form;
  useWarmFormResolvers();
  // Signing in again after expiry (URL and user kept): only the password is missing.
  useEffect(() => {
    if (signInAgain && defaults.baseUrl && defaults.userName) setFocus("password");
  }, [signInAgain, defaults.baseUrl, defaults.userName, setFocus]);
  const [pending, startTransition] = useTransition();
  const [demoPending, startDemo] = useTransition();
  const [error, setErrorState] = useState<ActionError | null>(null);
  const [connected, setConnected] = useState<Connected | null>(null);
  const [demoFilled, setDemoFilled] = useState<string | null>(null);
  const [scenario, setScenario] = useState<DemoScenario>(initialScenario);
  // Remounts the alert for every new failure, so focus moves to it each time.
  const [attempt, setAttempt] = useState(0);
  const submitRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  useFocusOnChange(resultRef, connected);

  const busy = pending || demoPending;

  const [caPem, setCaPem] = useState("");

  const submit = (values: ConnectValues, trust?: TrustInput) => {
    if (busy) return;
    setErrorState(null);
    setConnected(null);
    startTransition(async () => {
      const result = await connect({ ...values, ...trust, next });
      if (!result.ok) {
        for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
          if (field === "baseUrl" || field === "userName" || field === "password") {
            setError(field, { message: messages[0] });
          }
        }
        if (!result.fieldErrors || result.fieldErrors.caPem || result.fieldErrors.fingerprint256) {
          setErrorState(result.error);
          setAttempt((n) => n + 1);
        }
        return;
      }
      setValue("password", "");
      setConnected(result);
      // Only a sign-in with something to read (password change recommended) comes back here: it
      // waits for the operator. Otherwise the server has already answered with the next page.
      if (result.warnings.length === 0) router.push(next);
    });
  };

  const onSubmit = handleSubmit((values) => submit(values, caPem.trim() ? { caPem } : undefined));

  const trustAndConnect = (fingerprint256: string) =>
    void handleSubmit((values) => submit(values, { fingerprint256, ...(caPem.trim() ? { caPem } : {}) }))();

  const fillWithDemo = () => {
    if (busy) return;
    setErrorState(null);
    setDemoFilled(null);
    startDemo(async () => {
      const result = await createDemoTenant({ scenario });
      if (!result.ok) {
        setErrorState(result.error);
        setAttempt((n) => n + 1);
        return;
      }
      setValue("baseUrl", result.baseUrl);
      setValue("userName", result.userName);
      setValue("password", result.password);
      form.clearErrors();
      setDemoFilled(result.baseUrl);
      submitRef.current?.focus();
    });
  };

  const errors = formState.errors;
  return (
    <>
      {/* method="post": a submit before hydration must never put the password into the URL. */}
      <form method="post" onSubmit={onSubmit} noValidate aria-describedby="connect-intro">
        <p id="connect-intro" className="lead">
          Sign in as a Creatio administrator. The wizard keeps the Creatio session on its server only; your
          browser never sees Creatio&apos;s cookies or your password again.
        </p>
        <Field
          id="baseUrl"
          label="Creatio URL"
          type="text"
          inputMode="url"
          autoComplete="url"
          placeholder="https://creatio.example.com"
          hint="The address Creatio opens at in the browser, without /0 or a page name."
          error={errors.baseUrl?.message}
          {...register("baseUrl")}
        />
        <Field
          id="userName"
          label="User name"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          error={errors.userName?.message}
          {...register("userName")}
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...register("password")}
        />
        <div className="actions">
          <button type="submit" ref={submitRef} disabled={busy}>
            Connect
          </button>
          {demo ? (
            <button type="button" className="secondary" onClick={fillWithDemo} disabled={busy}>
              Use demo Creatio
            </button>
          ) : null}
        </div>
        {demo ? (
          <ScenarioPicker scenarios={scenarios} value={scenario} onChange={setScenario} disabled={busy} />
        ) : null}
        <details className="helper">
          <summary>HTTPS certificate of your company&apos;s authority</summary>
          <div className="field">
            <label htmlFor="caPem">CA certificate (PEM)</label>
            <p className="hint" id="caPem-hint">
              Only when Creatio&apos;s HTTPS certificate comes from your company&apos;s own certificate
              authority: paste that authority&apos;s certificate (-----BEGIN CERTIFICATE-----…). It is trusted
              for this connection only.
            </p>
            <textarea
              id="caPem"
              aria-describedby="caPem-hint"
              value={caPem}
              onChange={(e) => setCaPem(e.target.value)}
              spellCheck={false}
            />
          </div>
        </details>
      </form>
      {pending ? <Progress>Signing in to Creatio and detecting its runtime and version…</Progress> : null}
      {demoPending ? <Progress>Creating a fresh demo Creatio…</Progress> : null}
      {demoFilled && !busy && !connected ? (
        <div className="alert alert-info">
          <p>
            Demo Creatio ready at <code>{demoFilled}</code>. The fields are filled with the demo administrator
            Supervisor: press Connect.
          </p>
        </div>
      ) : null}
      {error ? <ErrorAlert key={attempt} error={error} title="Not connected" focus /> : null}
      {error?.certificate && (error.code === "tls:self-signed" || error.code === "tls:untrusted") ? (
        <CertificateTrust certificate={error.certificate} onTrust={trustAndConnect} disabled={busy} />
      ) : null}
      {connected ? null : (
        <LayeredCheck
          check={checkAddress}
          values={() => form.getValues()}
          validate={() => form.trigger("baseUrl")}
          trust={caPem.trim() ? { caPem } : undefined}
          failure={error ? { n: attempt, code: error.code } : null}
          disabled={busy}
        />
      )}
      {connected ? (
        <div className="alert alert-success" ref={resultRef} tabIndex={-1}>
          <p className="alert-title">
            <strong>Connected</strong>
          </p>
          <p>
            Signed in to <code>{connected.connection.baseUrl}</code> as {connected.connection.userName}:
            Creatio {connected.connection.version ?? "(version unknown)"} on{" "}
            {runtimeLabel(connected.connection.runtime)}.
            {connected.warnings.length === 0 ? " Opening the next step…" : null}
          </p>
          {connected.warnings.map((w) => (
            <p key={w}>
              <strong>Note:</strong> {w}
            </p>
          ))}
          {connected.warnings.length > 0 ? (
            <p>
              <Link href={next} prefetch={false}>
                Continue to setup
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
