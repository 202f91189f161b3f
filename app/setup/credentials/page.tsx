import type { Metadata } from "next";
import { CredentialsForm } from "@/app/setup/credentials/CredentialsForm";
import { CheckList } from "@/components/CheckList";
import { ErrorAlert } from "@/components/ErrorAlert";
import { NowInCreatio } from "@/components/NowInCreatio";
import { StepFrame } from "@/components/StepFrame";
import { withCreatioPage } from "@/lib/frame/creatio-context";
import { creatioViewFromRead } from "@/lib/wizard/checks";
import { demoConfig } from "@/lib/wizard/demo";
import { isLoopbackUrl } from "@/lib/wizard/links";
import { loadStepPage } from "@/lib/wizard/load";
import { credentialsState, effectiveSecretState } from "@/lib/wizard/state";
import { stepById } from "@/lib/wizard/steps";
import { saveCredentialsAction, testConnectionAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Fill out the system settings" };

const STEP = stepById("credentials");

export default async function CredentialsPage() {
  const { session, state, data } = await withCreatioPage(STEP.path, (ctx) =>
    loadStepPage(ctx, ["settings", "health"]),
  );
  const { snapshot, stepStates } = data;
  const own = credentialsState(snapshot);
  const demo = demoConfig();
  const settings = snapshot.settings.ok ? snapshot.settings.value : null;
  const draft = session.draft?.baseUrl === state.baseUrl ? session.draft : null;
  const previous = session.previous?.baseUrl === state.baseUrl ? session.previous : null;
  // What Creatio's health check finds wrong now, each with its meaning and fix.
  const problems =
    own.state === "failed"
      ? creatioViewFromRead(snapshot.health, state).checks.filter((c) => c.verdict === "fail")
      : [];
  const secretState = settings
    ? effectiveSecretState(settings, snapshot.health, snapshot.secretSavedByWizard)
    : "unknown";

  return (
    <StepFrame
      step={STEP}
      state={state}
      states={stepStates}
      lead={
        <>
          Enter where the Identity Service runs and the system client Creatio uses with it. Save writes{" "}
          <code>OAuth20IdentityServerUrl</code>, <code>OAuth20IdentityServerClientId</code> and{" "}
          <code>OAuth20IdentityServerClientSecret</code>, then asks Creatio&apos;s health check.
        </>
      }
    >
      <NowInCreatio step={STEP} state={own.state}>
        <p>{own.summary}</p>
        {problems.length > 0 ? <CheckList checks={problems} label="Problems Creatio reports" /> : null}
      </NowInCreatio>
      {!snapshot.settings.ok ? (
        <ErrorAlert error={snapshot.settings.error} title="Could not read the system settings" />
      ) : null}

      <CredentialsForm
        test={testConnectionAction}
        save={saveCredentialsAction}
        returnPath={STEP.path}
        defaults={{
          // What the operator typed before (kept across a new sign-in) wins over Creatio's current values.
          identityUrl: draft?.identityUrl ?? settings?.url ?? "",
          clientId: draft?.clientId ?? settings?.clientId ?? "",
        }}
        secret={{ stored: secretState, typedBefore: draft !== null && draft.clientSecret !== "" }}
        previous={
          previous && (previous.identityUrl || previous.clientId)
            ? { identityUrl: previous.identityUrl ?? "", clientId: previous.clientId ?? "" }
            : null
        }
        creatioIsLocal={isLoopbackUrl(state.baseUrl)}
        demo={
          demo
            ? {
                identityUrl:
                  session.demoTenants.find((t) => t.baseUrl === state.baseUrl)?.identityUrl ??
                  demo.identityUrl,
                appSettingsUrl: demo.identityUrl ? `${demo.identityUrl}/__demo/appsettings.json` : null,
              }
            : null
        }
      />
    </StepFrame>
  );
}
