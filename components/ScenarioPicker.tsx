"use client";
import Link from "next/link";
import type { DemoScenario } from "@/lib/demo/types";
import styles from "./Demo.module.css";

export interface PickerScenario {
  id: DemoScenario;
  title: string;
  explanation: string;
  available: boolean;
  unavailableReason?: string;
}

export const SCENARIOS_PATH = "/demo/scenarios";

/**
 * Demo mode only: which state "Use demo Creatio" creates the browser's demo Creatio in. A native
 * select (keyboard and screen readers for free); the trainer's explanation of the chosen scenario
 * is folded under it, and every explanation is on one page linked from here.
 */
export function ScenarioPicker({
  scenarios,
  value,
  onChange,
  disabled,
}: {
  /** null: the demo did not list its scenarios. */
  scenarios: PickerScenario[] | null;
  value: DemoScenario;
  onChange: (scenario: DemoScenario) => void;
  disabled: boolean;
}) {
  if (!scenarios || scenarios.length === 0) {
    return (
      <div className={styles.picker}>
        <p className="hint">
          The demo Creatio did not list its scenarios, so &quot;Use demo Creatio&quot; creates a fresh Creatio
          8.1. If it fails too, restart the wizard with <code>npm start</code>.
        </p>
      </div>
    );
  }
  const chosen = scenarios.find((s) => s.id === value);
  return (
    <div className={styles.picker}>
      <div className="field">
        <label htmlFor="scenario">Demo scenario</label>
        <p className="hint" id="scenario-hint">
          &quot;Use demo Creatio&quot; creates a demo Creatio in this state for this browser only.
        </p>
        <select
          id="scenario"
          aria-describedby="scenario-hint"
          value={value}
          onChange={(e) => onChange(e.target.value as DemoScenario)}
          disabled={disabled}
        >
          {scenarios.map((s) => (
            <option key={s.id} value={s.id} disabled={!s.available}>
              {s.available ? s.title : `${s.title} (not available here)`}
            </option>
          ))}
        </select>
      </div>
      {chosen ? (
        <details className="helper scenario-explanation">
          <summary>What this scenario shows (for the trainer)</summary>
          <p>{chosen.explanation}</p>
        </details>
      ) : null}
      <p className="hint">
        <Link href={SCENARIOS_PATH} prefetch={false}>
          All demo scenarios explained
        </Link>
      </p>
    </div>
  );
}
