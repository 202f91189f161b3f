import type { StepState } from "@/lib/wizard/state";
import type { Step } from "@/lib/wizard/steps";
import { StateBadge } from "./StateBadge";

/** A step page's panel of what Creatio holds now: the heading with the step's state, then the page's facts. */
export function NowInCreatio({
  step,
  state,
  children,
}: {
  step: Step;
  state: StepState;
  children: React.ReactNode;
}) {
  const headingId = `${step.id}-now`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="check-head">
        <h2 id={headingId}>Now in Creatio</h2>
        <StateBadge state={state} />
      </div>
      {children}
    </section>
  );
}
