import type { CheckResult, CheckVerdict } from "@/lib/wizard/checks";
import { CallDetails } from "./CallDetails";
import { Icon, type IconName } from "./Icon";

const VERDICT: Record<CheckVerdict, { label: string; icon: IconName }> = {
  passed: { label: "Passed", icon: "check" },
  failed: { label: "Failed", icon: "cross" },
  warning: { label: "Warning", icon: "warning" },
  "not-done": { label: "Not done", icon: "circle" },
  unknown: { label: "Unknown", icon: "question" },
  info: { label: "Info", icon: "info" },
};

/** One check in the design-notes shape: verdict, one sentence, "Fix:", details folded. */
export function CheckItem({ check, headingLevel = 3 }: { check: CheckResult; headingLevel?: 3 | 4 | 5 }) {
  const v = VERDICT[check.verdict];
  const Heading = `h${headingLevel}` as "h3" | "h4" | "h5";
  return (
    <li className={`check check-${check.verdict}`}>
      <div className="check-head">
        <Heading className="check-title">{check.title}</Heading>
        <span className={`badge badge-${check.verdict}`}>
          <Icon name={v.icon} />
          <span>{check.verdictLabel ?? v.label}</span>
        </span>
      </div>
      <p className="check-sentence">{check.sentence}</p>
      {check.creatioMessage && !check.sentence.includes(check.creatioMessage) ? (
        <p className="check-sentence">
          Creatio said: <q>{check.creatioMessage}</q>
        </p>
      ) : null}
      {check.fix ? (
        <p className="check-fix">
          <strong>Fix:</strong> {check.fix}
        </p>
      ) : null}
      {check.calls && check.calls.length > 0 ? <CallDetails calls={check.calls} /> : null}
    </li>
  );
}

export function CheckList({
  checks,
  label,
  headingLevel,
}: {
  checks: CheckResult[];
  label?: string;
  headingLevel?: 3 | 4 | 5;
}) {
  return (
    <ul className="checks" aria-label={label}>
      {checks.map((check) => (
        <CheckItem key={check.id} check={check} headingLevel={headingLevel} />
      ))}
    </ul>
  );
}
