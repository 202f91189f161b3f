import Link from "next/link";
import type { StepStates } from "@/lib/wizard/state";
import { STEPS, type StepId } from "@/lib/wizard/steps";
import { CheckingBadge, StateBadge } from "./StateBadge";

/**
 * The four steps as links with their live state; the current one carries aria-current="step".
 * Each link's name is exactly the step title (tests and docs rely on it); the state sits beside it.
 * `states` null: the states are still being read (the links work already).
 */
export function Stepper({ current, states }: { current: StepId | null; states: StepStates | null }) {
  return (
    <nav aria-label="Setup steps" className="stepper">
      <ol>
        {STEPS.map((step) => {
          const isCurrent = step.id === current;
          return (
            <li key={step.id} className={isCurrent ? "current" : undefined}>
              <span className="step-number" aria-hidden="true">
                {step.number}
              </span>
              <span className="step-text">
                <Link href={step.path} aria-current={isCurrent ? "step" : undefined} prefetch={false}>
                  {step.title}
                </Link>
                {states ? <StateBadge state={states[step.id].state} /> : <CheckingBadge />}
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
