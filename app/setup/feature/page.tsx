import type { Metadata } from "next";
import { EnableFeatureForm } from "@/app/setup/feature/EnableFeatureForm";
import { ErrorAlert } from "@/components/ErrorAlert";
import { NowInCreatio } from "@/components/NowInCreatio";
import { StepFrame } from "@/components/StepFrame";
import type { FeatureStatus } from "@/lib/creatio/types";
import { withCreatioPage } from "@/lib/frame/creatio-context";
import { loadOverview } from "@/lib/wizard/load";
import { stepById } from "@/lib/wizard/steps";
import { enableFeatureAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Enable OAuth 2.0 integration" };

const STEP = stepById("feature");

function stateText(value: 0 | 1 | null, none: string): string {
  if (value === 1) return "On (1)";
  if (value === 0) return "Off (0)";
  return none;
}

/** What pressing the button will change, said before it is pressed. */
function plannedChanges(f: FeatureStatus | null): string[] {
  if (!f) return ["Adds a state row for All employees, then clears the feature cache."];
  const changes: string[] = [];
  if (!f.exists) changes.push("Creates the additional feature OAuth20Integration.");
  if (f.allEmployeesState === null) changes.push("Adds a state row for All employees (state 1, on).");
  else if (f.allEmployeesState === 0)
    changes.push("Sets the existing state row for All employees to 1 (on).");
  changes.push(
    changes.length === 0
      ? "Nothing needs to change: the feature is already on for All employees. Pressing the button again only clears the feature cache and checks."
      : "Then clears the feature cache and checks that Creatio reports the feature on.",
  );
  return changes;
}

export default async function FeaturePage() {
  const { state, data } = await withCreatioPage(STEP.path, loadOverview);
  const { snapshot, states } = data;
  const feature = snapshot.feature.ok ? snapshot.feature.value : null;

  return (
    <StepFrame
      step={STEP}
      state={state}
      states={states}
      lead={
        <>
          Creatio shows OAuth 2.0 integrated applications only when the additional feature{" "}
          <code>OAuth20Integration</code> is on. This step turns it on for the role All employees, so every
          user has it.
        </>
      }
    >
      <NowInCreatio step={STEP} state={states.feature.state}>
        <p>{states.feature.summary}</p>
        {snapshot.feature.ok && feature ? (
          <dl className="facts">
            <dt>
              Additional feature <code>OAuth20Integration</code>
            </dt>
            <dd>{feature.exists ? "Exists" : "Does not exist yet"}</dd>
            <dt>State for All employees</dt>
            <dd>
              {stateText(
                feature.allEmployeesState,
                feature.exists ? "No state row" : "No state row (no feature)",
              )}
            </dd>
            <dt>State for you ({state.userName})</dt>
            <dd>{stateText(feature.currentUserState, "Unknown (Creatio did not say)")}</dd>
          </dl>
        ) : null}
      </NowInCreatio>
      {!snapshot.feature.ok ? (
        <ErrorAlert error={snapshot.feature.error} title="Could not read the feature" />
      ) : null}

      <EnableFeatureForm
        action={enableFeatureAction}
        plannedChanges={plannedChanges(feature)}
        returnPath={STEP.path}
      />
    </StepFrame>
  );
}
