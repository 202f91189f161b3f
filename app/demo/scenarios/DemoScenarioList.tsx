import Link from "next/link";
import styles from "@/components/Demo.module.css";
import type { PickerScenario } from "@/components/ScenarioPicker";
import type { DemoScenario } from "@/lib/demo/types";

/** Every demo scenario as a section: its title, the trainer's paragraph, and a link to pick it. */
export function DemoScenarioList({
  scenarios,
  current,
}: {
  scenarios: PickerScenario[];
  /** This browser's current scenario, marked as such. */
  current: DemoScenario | "custom" | null;
}) {
  return (
    <ol className={styles.scenarioList}>
      {scenarios.map((s) => (
        <li key={s.id}>
          <section id={s.id} className="panel" aria-labelledby={`${s.id}-title`}>
            <h2 id={`${s.id}-title`}>{s.title}</h2>
            {s.id === current ? <p className="hint">This browser&apos;s current demo scenario.</p> : null}
            <p>{s.explanation}</p>
            {s.available ? (
              <p>
                <Link href={`/?${new URLSearchParams({ scenario: s.id }).toString()}`} prefetch={false}>
                  Choose this scenario<span className="visually-hidden">: {s.title}</span>
                </Link>
              </p>
            ) : (
              <p className={styles.unavailable}>
                Not available here{s.unavailableReason ? `: ${s.unavailableReason}` : "."}
              </p>
            )}
          </section>
        </li>
      ))}
    </ol>
  );
}
