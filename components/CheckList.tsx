import { Fragment } from "react";
import type { Check, FactValue, Verdict } from "@/lib/diagnostics/types";
import { groupSkipped } from "@/lib/report/overall";
import { CallTable, callStatus } from "./CallDetails";
import styles from "./checks.module.css";
import { Icon, type IconName } from "./Icon";

// One check in the design-notes shape, on every page: verdict (icon and word), one sentence, "Fix:",
// details folded (facts, then each call's method, URL, status and milliseconds). Browser-safe.

export const VERDICT: Record<Verdict, { label: string; icon: IconName; badge: string }> = {
  pass: { label: "Passed", icon: "check", badge: "badge-passed" },
  warn: { label: "Warning", icon: "warning", badge: "badge-warning" },
  fail: { label: "Failed", icon: "cross", badge: "badge-failed" },
  "not-run": { label: "Not run", icon: "circle", badge: "badge-info" },
};

export function VerdictBadge({ verdict }: { verdict: Verdict }) {
  const v = VERDICT[verdict];
  return (
    <span className={`badge ${v.badge}`}>
      <Icon name={v.icon} />
      <span>{v.label}</span>
    </span>
  );
}

function factText(value: FactValue): string {
  if (value === true) return "yes";
  if (value === false) return "no";
  return String(value);
}

function summaryText(check: Check): string {
  const calls = check.details.calls;
  const only = calls.length === 1 ? calls[0] : undefined;
  if (only) return `Details: ${only.method} ${callStatus(only)}, ${Math.round(check.ms || only.ms)} ms`;
  if (calls.length > 1) return `Details: ${calls.length} calls, ${Math.round(check.ms)} ms`;
  return "Details";
}

function CheckDetails({ check }: { check: Check }) {
  const facts = Object.entries(check.details.facts).filter(([, v]) => v !== null && v !== "");
  const calls = check.details.calls;
  if (facts.length === 0 && calls.length === 0) return null;
  return (
    <details className="calls">
      <summary>{summaryText(check)}</summary>
      {facts.length > 0 ? (
        <dl className={`facts ${styles.facts}`}>
          {facts.map(([label, value]) => (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>
                <code>{factText(value)}</code>
              </dd>
            </Fragment>
          ))}
        </dl>
      ) : null}
      {calls.length > 0 ? <CallTable calls={calls} /> : null}
    </details>
  );
}

export function CheckItem({
  check,
  headingLevel = 3,
  serverName = "Creatio",
}: {
  check: Check;
  headingLevel?: 3 | 4 | 5;
  /** Whose words `details.serverMessage` are. */
  serverName?: string;
}) {
  const Heading = `h${headingLevel}` as "h3" | "h4" | "h5";
  const said = check.details.serverMessage;
  return (
    <li className={`check ${check.verdict === "not-run" ? styles.notRun : ""}`}>
      <div className="check-head">
        <Heading className="check-title">{check.title}</Heading>
        <VerdictBadge verdict={check.verdict} />
      </div>
      <p className="check-sentence">{check.message}</p>
      {said && !check.message.includes(said) ? (
        <p className="check-sentence">
          {serverName} said: <q>{said}</q>
        </p>
      ) : null}
      {check.fix ? (
        <p className="check-fix">
          <strong>Fix:</strong> {check.fix}
        </p>
      ) : null}
      <CheckDetails check={check} />
    </li>
  );
}

/**
 * Neighbouring checks that did not run for the same reason, as one line: each title stays a heading (so
 * that every check can still be found by its name), the reason is said once.
 */
function SkippedChecks({
  checks,
  reason,
  headingLevel = 3,
}: {
  checks: readonly Check[];
  reason: string;
  headingLevel?: 3 | 4 | 5;
}) {
  const Heading = `h${headingLevel}` as "h3" | "h4" | "h5";
  return (
    <li className={`check ${styles.notRun}`}>
      <div className="check-head">
        <div className={styles.skippedTitles}>
          {checks.map((check, i) => (
            <Fragment key={check.id}>
              <Heading className="check-title">{check.title}</Heading>
              {i < checks.length - 1 ? <span aria-hidden="true">, </span> : null}
            </Fragment>
          ))}
        </div>
        <VerdictBadge verdict="not-run" />
      </div>
      <p className="check-sentence">{reason}</p>
    </li>
  );
}

export function CheckList({
  checks,
  label,
  headingLevel,
  serverName,
}: {
  checks: readonly Check[];
  label?: string;
  headingLevel?: 3 | 4 | 5;
  serverName?: string;
}) {
  return (
    <ul className="checks" aria-label={label}>
      {groupSkipped(checks).map((row) =>
        row.kind === "check" ? (
          <CheckItem
            key={row.check.id}
            check={row.check}
            headingLevel={headingLevel}
            serverName={serverName}
          />
        ) : (
          <SkippedChecks
            key={row.checks.map((c) => c.id).join("+")}
            checks={row.checks}
            reason={row.reason}
            headingLevel={headingLevel}
          />
        ),
      )}
    </ul>
  );
}
