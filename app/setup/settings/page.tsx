import type { Metadata } from "next";
import { ContinueButton } from "@/app/setup/settings/ContinueButton";
import { SettingsTable } from "@/app/setup/settings/SettingsTable";
import { ErrorAlert } from "@/components/ErrorAlert";
import { NowInCreatio } from "@/components/NowInCreatio";
import { StepFrame } from "@/components/StepFrame";
import { withCreatioPage } from "@/lib/frame/creatio-context";
import { systemSettingsUrl } from "@/lib/wizard/links";
import { loadStepPage } from "@/lib/wizard/load";
import { effectiveSecretState, emptySettingCodes, settingsState } from "@/lib/wizard/state";
import { stepById } from "@/lib/wizard/steps";
import { continueFromSettingsAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review system settings" };

const STEP = stepById("settings");

export default async function SettingsPage() {
  const { state, data } = await withCreatioPage(STEP.path, (ctx) =>
    loadStepPage(ctx, ["settings", "health"]),
  );
  const { snapshot, stepStates } = data;
  const own = settingsState(snapshot);
  const settings = snapshot.settings.ok ? snapshot.settings.value : null;
  const empty = settings ? emptySettingCodes(settings, snapshot.health, snapshot.secretSavedByWizard) : [];
  const legacyWithValue = settings?.legacy.filter((l) => l.hasValue) ?? [];

  return (
    <StepFrame
      step={STEP}
      state={state}
      states={stepStates}
      lead={
        <>
          Creatio finds the Identity Service through three system settings. Review what they hold now; nothing
          changes here. You fill them out in step 3.
        </>
      }
    >
      <NowInCreatio step={STEP} state={own.state}>
        {settings ? (
          <>
            <p>
              {empty.length === 0
                ? effectiveSecretState(settings, snapshot.health, snapshot.secretSavedByWizard) === "unknown"
                  ? "The URL and client ID have values; whether the client secret is set cannot be read."
                  : "All three system settings have values."
                : `Empty: ${empty.join(", ")}.`}
            </p>
            <SettingsTable
              settings={settings}
              secret={effectiveSecretState(settings, snapshot.health, snapshot.secretSavedByWizard)}
            />
            {settings.missingCodes.length > 0 ? (
              <div className="alert alert-warning">
                <p>
                  Creatio did not return {settings.missingCodes.map((c) => c).join(", ")}. This build may not
                  have
                  {settings.missingCodes.length === 1 ? " this setting" : " these settings"}: the health check
                  and step 3 will tell.
                </p>
              </div>
            ) : null}
            {legacyWithValue.length > 0 ? (
              <div className="alert alert-warning">
                <p className="alert-title">
                  <strong>Older setting codes found</strong>
                </p>
                <p>
                  This Creatio also has the older settings{" "}
                  {legacyWithValue.map((l, i) => (
                    <span key={l.code}>
                      {i > 0 ? ", " : ""}
                      <code>{l.code}</code>
                    </span>
                  ))}{" "}
                  with values. Creatio&apos;s OAuth 2.0 integration and its health check use the{" "}
                  <code>OAuth20IdentityServer*</code> codes above: if those are empty, copy the values over in
                  step 3.
                </p>
              </div>
            ) : null}
          </>
        ) : null}
        <p>
          <a href={systemSettingsUrl(state)} target="_blank" rel="noopener noreferrer">
            Open System settings in Creatio<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      </NowInCreatio>
      {!snapshot.settings.ok ? (
        <ErrorAlert error={snapshot.settings.error} title="Could not read the system settings" />
      ) : null}

      <ContinueButton action={continueFromSettingsAction} returnPath={STEP.path} />
    </StepFrame>
  );
}
