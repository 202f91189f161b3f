import { Suspense } from "react";
import type { StepStates } from "@/lib/wizard/state";
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
  /** A promise: the page is shown first, and the navigation's states stream in when read. */
  states: StepStates | Promise<StepStates>;
  connection: ConnectionInfo;
  demo: boolean;
  signOut: () => Promise<void>;
  children: React.ReactNode;
}) {
  return (
    <>
      <AppHeader demo={demo} connection={connection} signOut={signOut} />
      <div className="shell">
        {states instanceof Promise ? (
          <Suspense fallback={<Stepper current={current} states={null} />}>
            <StreamedStepper current={current} states={states} />
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
