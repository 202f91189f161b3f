import type { Metadata } from "next";
import Link from "next/link";
import { signOutAction } from "@/app/actions";
import { cleanUpProofAppsAction, runProofAction } from "@/app/setup/verify/actions";
import { AutoRefresh } from "@/app/status/AutoRefresh";
import { StatusProof } from "@/app/status/StatusProof";
import { connectionInfo } from "@/components/AppHeader";
import { CopySummary } from "@/components/CopySummary";
import { OverallAlert, StatusOverview } from "@/components/StatusOverview";
import { WizardShell } from "@/components/WizardShell";
import { PROOF_APP_PREFIX } from "@/lib/creatio";
import { RUNTIME_LABELS } from "@/lib/diagnostics/layers";
import { withCreatioPage } from "@/lib/frame/creatio-context";
import { assessOverall } from "@/lib/report/overall";
import { ticketSummary } from "@/lib/report/summary";
import { demoConfig } from "@/lib/wizard/demo";
import { loadStatus, reportSteps } from "@/lib/wizard/status";
import { STATUS_PATH, STEPS } from "@/lib/wizard/steps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connection status" };

/** How often the page checks again by itself. */
const REFRESH_SECONDS = 60;

/** Each step's page, for the links of "Setup is not finished". */
function stepHref(number: number): string | null {
  return STEPS.find((s) => s.number === number)?.path ?? null;
}

export default async function StatusPage() {
  const { state, data: view } = await withCreatioPage(STATUS_PATH, loadStatus);
  const { run, states } = view;
  // The proof has its own section below (it writes to Creatio, so it runs only on request).
  const proof = run.groups.find((g) => g.id === "proof") ?? null;
  const readOnly = run.groups.filter((g) => g.id !== "proof");
  // The same functions the report uses (its Markdown summary, and /report when the file is opened).
  const overall = assessOverall({ steps: reportSteps(states), groups: run.groups, diagnoses: run.diagnoses });
  const summary = ticketSummary(
    {
      url: run.creatio.url,
      version: run.creatio.version,
      runtimeLabel: run.creatio.runtime ? RUNTIME_LABELS[run.creatio.runtime] : null,
    },
    overall,
  );

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
        Read live from Creatio and the Identity Service. The checks only read: nothing changes in Creatio
        unless you run the end-to-end proof below.
      </p>
      <AutoRefresh checkedAt={run.startedAt} summary={overall.headline} intervalSeconds={REFRESH_SECONDS} />
      <OverallAlert overall={overall} />
      <StatusOverview overall={overall} diagnoses={run.diagnoses} groups={readOnly} stepHref={stepHref} />

      <h2>End to end</h2>
      <p>
        The checks above only read. The end-to-end proof checks what you connected the Identity Service for:
        an integration that gets a token for its own client and calls Creatio with it.
      </p>
      <StatusProof
        run={runProofAction}
        cleanUpAction={cleanUpProofAppsAction}
        last={proof}
        userName={state.userName}
        prefix={PROOF_APP_PREFIX}
      />

      <h2>Report</h2>
      <p>
        For support: the versions, the runtime, every check with its timings, Creatio&apos;s health check and,
        for each failed request, a curl command with placeholders instead of secrets. It holds no password,
        client secret or Creatio cookie. Support opens the JSON report on the wizard&apos;s{" "}
        <Link href="/report" prefetch={false}>
          Open a report
        </Link>{" "}
        page.
      </p>
      <CopySummary summary={summary} />
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
