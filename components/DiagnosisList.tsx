import type { CheckGroup, Diagnosis } from "@/lib/diagnostics/types";
import styles from "./checks.module.css";

/** Diagnoses that only inform (nothing is broken); the others are problems to fix. */
const INFORMATIONAL: readonly Diagnosis["id"][] = ["health-check-absent"];

/** "group/check" evidence as the titles of the checks the page shows (refs to checks not shown are left out). */
function evidenceTitles(evidence: readonly string[], groups: readonly CheckGroup[]): string[] {
  return evidence.flatMap((ref) => {
    const [groupId, checkId] = ref.split("/");
    const check = groups.find((g) => g.id === groupId)?.checks.find((c) => c.id === checkId);
    return check ? [check.title] : [];
  });
}

/** Each field problem the rules recognise: what happened, then "Fix:", then which checks show it. */
export function DiagnosisList({
  diagnoses,
  groups = [],
  label = "Diagnoses",
}: {
  diagnoses: readonly Diagnosis[];
  /** The checks on the page, to name the evidence; without them no "Seen in" line. */
  groups?: readonly CheckGroup[];
  label?: string;
}) {
  return (
    <ul className={styles.diagnoses} aria-label={label}>
      {diagnoses.map((d) => {
        const seen = evidenceTitles(d.evidence, groups);
        return (
          <li
            key={d.id}
            className={`${styles.diagnosis} ${INFORMATIONAL.includes(d.id) ? styles.diagnosisInfo : ""}`}
          >
            <h3>{d.title}</h3>
            <p>{d.message}</p>
            <p>
              <strong>Fix:</strong> {d.fix}
            </p>
            {seen.length > 0 ? <p className={styles.evidence}>Seen in: {seen.join("; ")}.</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
