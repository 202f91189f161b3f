"use client";
import Link from "next/link";
import type { EnableFeatureActionResult } from "@/app/setup/feature/actions";
import { OneClickAction } from "@/components/OneClickAction";
import type { EnableFeatureResult } from "@/lib/creatio/types";
import { nextStep } from "@/lib/wizard/steps";

function changedLines(r: EnableFeatureResult): string[] {
  const lines: string[] = [];
  if (r.created) lines.push("Created the additional feature OAuth20Integration.");
  if (r.allEmployeesRow === "inserted") lines.push("Added a state row for All employees with state 1 (on).");
  else if (r.allEmployeesRow === "updated") lines.push("Set the state row for All employees to 1 (on).");
  else lines.push("The state row for All employees was already 1 (on): not changed.");
  const { base64Name, allFeatures } = r.cacheCleared;
  if (base64Name && allFeatures) lines.push("Cleared the feature cache.");
  else if (base64Name || allFeatures)
    lines.push(
      "Cleared the feature cache (one of the two cache calls was refused; the check below decides).",
    );
  else lines.push("Creatio refused both feature-cache calls; the check below decides.");
  lines.push(
    r.verifiedState === 1
      ? "Checked: Creatio now reports the feature on for your user."
      : "Creatio did not confirm the feature state for your user.",
  );
  return lines;
}

export function EnableFeatureForm({
  action,
  plannedChanges,
  returnPath,
}: {
  action: () => Promise<EnableFeatureActionResult>;
  plannedChanges: string[];
  returnPath: string;
}) {
  const next = nextStep("feature");

  return (
    <section className="panel" aria-labelledby="feature-change">
      <h2 id="feature-change">What will change</h2>
      <ul>
        {plannedChanges.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <OneClickAction
        label="Enable for all users"
        action={action}
        progress="Enabling OAuth20Integration for all users and clearing the feature cache…"
        errorTitle="Not enabled"
        returnPath={returnPath}
        successTitle={() => "What changed"}
        success={(result) => (
          <>
            <ul>
              {changedLines(result).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
            <p>
              <strong>Refresh any open Creatio pages</strong> (press F5 in each tab) before you look for OAuth
              2.0 integrated applications in the System Designer: open pages keep the old feature state.
            </p>
            {next ? (
              <p>
                <Link href={next.path} prefetch={false}>
                  Go to step {next.number}
                </Link>
              </p>
            ) : null}
          </>
        )}
      />
    </section>
  );
}
