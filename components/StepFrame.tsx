import { signOutAction } from "@/app/actions";
import type { CreatioSessionState } from "@/lib/creatio/types";
import { demoConfig } from "@/lib/wizard/demo";
import type { StepStates, StreamedStepStates } from "@/lib/wizard/state";
import { STEPS, type Step } from "@/lib/wizard/steps";
import { connectionInfo } from "./AppHeader";
import { WizardShell } from "./WizardShell";

/**
 * The frame of a step page (server component): the wizard shell for the signed-in Creatio, the step's
 * title as the heading, and the lead that places the step among the four. The page brings the rest.
 */
export function StepFrame({
  step,
  state,
  states,
  lead,
  children,
}: {
  step: Step;
  state: CreatioSessionState;
  /** All four steps' states for the navigation, or those known now and the rest streamed in. */
  states: StepStates | StreamedStepStates;
  /** What the step does, after "Step n of 4.". */
  lead: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <WizardShell
      current={step.id}
      states={states}
      connection={connectionInfo(state)}
      demo={demoConfig() !== null}
      signOut={signOutAction}
    >
      <h1>{step.title}</h1>
      <p className="lead">
        Step {step.number} of {STEPS.length}. {lead}
      </p>
      {children}
    </WizardShell>
  );
}
