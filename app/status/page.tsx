import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/actions";
import { connectionInfo } from "@/components/AppHeader";
import { AutoRefresh } from "@/components/AutoRefresh";
import { CheckTree } from "@/components/CheckTree";
import { DiagnosisList } from "@/components/DiagnosisList";
import { Icon } from "@/components/Icon";
import { VantagePoints } from "@/components/VantagePoints";
import { WizardShell } from "@/components/WizardShell";
import type { CheckGroup, CheckGroupId } from "@/lib/diagnostics/types";
import { withCreatioPage } from "@/lib/session/creatio";
import { failedCount } from "@/lib/wizard/checks";
import { demoConfig } from "@/lib/wizard/demo";
import { allDone } from "@/lib/wizard/state";
import { loadStatus } from "@/lib/wizard/status";
import { STATUS_PATH } from "@/lib/wizard/steps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connection status" };

/** How often the page checks again by itself. */
const REFRESH_SECONDS = 60;

function group(groups: readonly CheckGroup[], id: CheckGroupId): CheckGroup {
  const found = groups.find((g) => g.id === id);
  // runDiagnostics always returns the four groups.
  if (!found) throw new Error(`The diagnostics run has no "${id}" group.`);
  return found;
}

export default async function StatusPage() {
  const { state, data: view } = await withCreatioPage(STATUS_PATH, loadStatus);
  const { run, states } = view;
  const failed = failedCount(run.groups);
  const done = allDone(states);
  const tone = failed > 0 || !run.healthy ? "error" : done ? "success" : "warning";
  const summary =
    tone === "error"
      ? `${failed} ${failed === 1 ? "check failed" : "checks failed"}.${run.diagnoses.length > 0 ? " The diagnosis below says why and what to do." : ""}`
      : tone === "success"
        ? "Connected: all four steps are done and no check failed."
        : "Not finished: some steps are not done yet.";

  return (
    <WizardShell
      current={null}
      states={states}
      connection={connectionInfo(state)}
      demo={demoConfig() !== null}
      signOut={signOutAction}
    >
      <h1>Connection status</h1>
      <p className="lead">
        Read live from Creatio and the Identity Service. The checks only read: nothing changes in Creatio.
      </p>
      <AutoRefresh checkedAt={run.startedAt} summary={summary} intervalSeconds={REFRESH_SECONDS} />
      <div className={`alert alert-${tone}`}>
        <p className="alert-title">
          <Icon name={tone === "error" ? "cross" : tone === "success" ? "check" : "warning"} />
          <strong>{summary}</strong>
        </p>
      </div>

      <h2>Diagnosis</h2>
      {run.diagnoses.length > 0 ? (
        <DiagnosisList diagnoses={run.diagnoses} groups={run.groups} />
      ) : (
        <p>No known field problem matches these results.</p>
      )}

      <h2>Identity Service, from both sides</h2>
      <p>
        Creatio calls the Identity Service from its own server, so the wizard&apos;s view and Creatio&apos;s
        view can differ (DNS, firewall, certificates, <code>localhost</code>).
      </p>
      <VantagePoints
        wizard={group(run.groups, "identity-from-wizard")}
        creatio={group(run.groups, "identity-from-creatio")}
      />

      <CheckTree
        group={group(run.groups, "creatio")}
        intro="Layer by layer, from the wizard's server: a failed layer leaves the layers below it not run."
      />
      <CheckTree group={group(run.groups, "setup")} />

      <h2>End to end</h2>
      <p>
        These checks only read. To prove that an integration with its own client can call Creatio (a temporary
        app is created and deleted), <Link href="/setup/verify">prove it end to end</Link>.
      </p>

      <h2>Report</h2>
      <p>
        For support: the versions, the runtime, every check with its timings, Creatio&apos;s health check and,
        for each failed request, a curl command with placeholders instead of secrets. It holds no password,
        client secret or Creatio cookie.
      </p>
      <p>
        <a href="/status/report?format=json" download>
          Download report
        </a>{" "}
        <span className="hint">(JSON)</span>
      </p>
      <p>
        <a href="/status/report?format=markdown" download>
          Download report as Markdown
        </a>
      </p>
    </WizardShell>
  );
}
