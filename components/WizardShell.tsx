import { Suspense } from "react";
import type { StepStates, StreamedStepStates } from "@/lib/wizard/state";
import type { StepId } from "@/lib/wizard/steps";
import { AppHeader, type ConnectionInfo } from "./AppHeader";
import { Stepper, StreamedStepper } from "./Stepper";

/** The frame of every page under /setup and /status: header, the "Setup steps" navigation, content. */
export function WizardShell({
  current,
  states,
  connection,
  demo,
  signOut,
  children,
}: {
  current: StepId | null;
  /** Streamed: the page is shown with the states known so far; the rest stream in when read. */
  states: StepStates | StreamedStepStates;
  connection: ConnectionInfo;
  demo: boolean;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  return (
    <>
      <AppHeader demo={demo} connection={connection} signOut={signOut} />
      <div className="shell">
        {"all" in states ? (
          <Suspense fallback={<Stepper current={current} states={states.known} />}>
            <StreamedStepper current={current} states={states.all} />
          </Suspense>
        ) : (
          <Stepper current={current} states={states} />
        )}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
