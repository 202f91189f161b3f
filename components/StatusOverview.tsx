import Link from "next/link";
import type { CheckGroup, CheckGroupId, Diagnosis } from "@/lib/diagnostics/types";
import { NO_MATCH, type Overall, type StepLike } from "@/lib/report/overall";
import { CheckTree } from "./CheckTree";
import styles from "./checks.module.css";
import { DiagnosisList } from "./DiagnosisList";
import { Icon } from "./Icon";
import { ProofGroup } from "./ProofGroup";
import { VantagePoints } from "./VantagePoints";

// The body of the status page, shared with /report (a report file shown read-only): the overall state,
// the diagnosis for every state, both views of the Identity Service, the layers of Creatio and the setup.
// Browser-safe and without state: everything comes from a diagnostics run or a report. Text from Creatio
// is rendered as text only. The end-to-end proof (opt-in: it writes to Creatio) shows here when the groups
// hold it (a report); the status page runs and shows it in its own section.

function group(groups: readonly CheckGroup[], id: CheckGroupId): CheckGroup | null {
  return groups.find((g) => g.id === id) ?? null;
}

/** The overall state as an alert: icon, and the headline with failures and unfinished steps apart. */
export function OverallAlert({ overall }: { overall: Overall }) {
  return (
    <div className={`alert alert-${overall.tone}`}>
      <p className="alert-title">
        <Icon name={overall.tone === "error" ? "cross" : overall.tone === "success" ? "check" : "warning"} />
        <strong>{overall.headline}</strong>
      </p>
    </div>
  );
}

function StepName({ step, href }: { step: StepLike; href: ((number: number) => string | null) | undefined }) {
  const path = href?.(step.number) ?? null;
  const name = `Step ${step.number}, ${step.title}`;
  return path ? (
    <Link href={path} prefetch={false}>
      {name}
    </Link>
  ) : (
    <strong>{name}</strong>
  );
}

/** Not started or not finished: which steps are left, each with why, and (on the status page) a link. */
function SetupProgress({
  overall,
  stepHref,
}: {
  overall: Overall;
  stepHref?: (number: number) => string | null;
}) {
  const left = [...overall.unfinished, ...overall.unknownSteps].sort((a, b) => a.number - b.number);
  if (left.length === 0) return null;
  const title =
    overall.kind === "not-started"
      ? "Setup has not started"
      : overall.kind === "unhealthy"
        ? "Setup is not finished either"
        : "Setup is not finished";
  return (
    <section className={`${styles.diagnosis} ${styles.progress}`} aria-labelledby="setup-progress">
      <h3 id="setup-progress">{title}</h3>
      <p>
        {overall.kind === "not-started"
          ? "None of the steps is done in this Creatio yet, so there is nothing to diagnose: the checks below fail or do not run until the steps are done."
          : "These steps are left. Checks that depend on them show as not run or not done until then."}
      </p>
      <ul className={styles.stepList} aria-label="Steps left">
        {left.map((step) => (
          <li key={step.number}>
            <StepName step={step} href={stepHref} />: {step.summary}
          </li>
        ))}
      </ul>
      {overall.firstFix && overall.kind !== "unhealthy" ? (
        <p>
          <strong>Fix:</strong> {overall.firstFix}
        </p>
      ) : null}
    </section>
  );
}

/** The "Diagnosis" section: an answer for every state, "no known problem" only when that is true. */
export function OverallDiagnosis({
  overall,
  diagnoses,
  groups,
  stepHref,
}: {
  overall: Overall;
  diagnoses: readonly Diagnosis[];
  groups: readonly CheckGroup[];
  stepHref?: (number: number) => string | null;
}) {
  return (
    <>
      {overall.kind === "healthy" ? (
        <section className={`${styles.diagnosis} ${styles.healthy}`} aria-labelledby="setup-healthy">
          <h3 id="setup-healthy">Connected, nothing to fix</h3>
          <p>
            Every step is done, and neither Creatio&apos;s health check nor the wizard&apos;s own checks found
            a problem.
          </p>
        </section>
      ) : null}
      {overall.noMatch ? (
        <div className={styles.diagnosis}>
          <p>{NO_MATCH}</p>
          {overall.failedChecks.length > 0 ? (
            <p>
              Failed: {overall.failedChecks.map((c) => c.title).join("; ")}. Each shows its own fix below.
            </p>
          ) : null}
        </div>
      ) : null}
      {diagnoses.length > 0 ? <DiagnosisList diagnoses={diagnoses} groups={groups} /> : null}
      <SetupProgress overall={overall} stepHref={stepHref} />
    </>
  );
}

/** Everything below the headline: the diagnosis, both views of the Identity Service, Creatio, the setup. */
export function StatusOverview({
  overall,
  diagnoses,
  groups,
  stepHref,
}: {
  overall: Overall;
  diagnoses: readonly Diagnosis[];
  groups: readonly CheckGroup[];
  /** Links to the wizard's steps (the status page); none on a report opened from a file. */
  stepHref?: (number: number) => string | null;
}) {
  const wizardView = group(groups, "identity-from-wizard");
  const creatioView = group(groups, "identity-from-creatio");
  const creatio = group(groups, "creatio");
  const setup = group(groups, "setup");
  const proof = group(groups, "proof");
  return (
    <>
      <h2>Diagnosis</h2>
      <OverallDiagnosis overall={overall} diagnoses={diagnoses} groups={groups} stepHref={stepHref} />

      <h2>Identity Service, from both sides</h2>
      <p>
        Creatio calls the Identity Service from its own server, so the wizard&apos;s view and Creatio&apos;s
        view can differ (DNS, firewall, certificates, <code>localhost</code>).
      </p>
      {wizardView && creatioView ? <VantagePoints wizard={wizardView} creatio={creatioView} /> : null}

      {creatio ? (
        <CheckTree
          group={creatio}
          intro="Layer by layer, from the wizard's server: a failed layer leaves the layers below it not run."
        />
      ) : null}
      {setup ? <CheckTree group={setup} /> : null}
      {proof ? <ProofGroup group={proof} /> : null}
    </>
  );
}
