import Link from "next/link";
import type { StepStates } from "@/lib/wizard/state";
import { STEPS, type StepId } from "@/lib/wizard/steps";
import { CheckingBadge, StateBadge } from "./StateBadge";

/**
 * The four steps as links with their live state; the current one carries aria-current="step".
 * Each link's name is exactly the step title (tests and docs rely on it); the state sits beside it.
 * A step missing from `states` is still being read: it says so (the links work already).
 */
export function Stepper({ current, states }: { current: StepId | null; states: Partial<StepStates> }) {
  return (
    <nav aria-label="Setup steps" className="stepper">
      <ol>
        {STEPS.map((step) => {
          const isCurrent = step.id === current;
          const status = states[step.id];
          return (
            <li key={step.id} className={isCurrent ? "current" : undefined}>
              <span className="step-number" aria-hidden="true">
                {step.number}
              </span>
              <span className="step-text">
                <Link href={step.path} aria-current={isCurrent ? "step" : undefined} prefetch={false}>
                  {step.title}
                </Link>
                {status ? <StateBadge state={status.state} /> : <CheckingBadge />}
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** The navigation once the states read in the background have arrived (streamed in after the page). */
export async function StreamedStepper({
  current,
  states,
}: {
  current: StepId | null;
  states: Promise<StepStates>;
}) {
  return <Stepper current={current} states={await states} />;
}
