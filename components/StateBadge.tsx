import { STEP_STATE_LABELS, type StepState } from "@/lib/wizard/state";
import { Icon, type IconName } from "./Icon";

const ICONS: Record<StepState, IconName> = {
  done: "check",
  "not-done": "circle",
  failed: "cross",
  unknown: "question",
};

/** A step's state as an icon plus a word: never colour alone. */
export function StateBadge({ state }: { state: StepState }) {
  return (
    <span className={`badge badge-${state}`}>
      <Icon name={ICONS[state]} />
      <span>{STEP_STATE_LABELS[state]}</span>
    </span>
  );
}

/** While a state is still being read: a word, no verdict. */
export function CheckingBadge() {
  return (
    <span className="badge badge-checking">
      <span>Checking…</span>
    </span>
  );
}
