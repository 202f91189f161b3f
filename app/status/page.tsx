import type { Metadata } from "next";
import { signOutAction } from "@/app/actions";
import { connectionInfo } from "@/components/AppHeader";
import { CheckList } from "@/components/CheckList";
import { Icon } from "@/components/Icon";
import { WizardShell } from "@/components/WizardShell";
import { withCreatioPage } from "@/lib/session/creatio";
import { demoConfig } from "@/lib/wizard/demo";
import { allDone } from "@/lib/wizard/state";
import { loadStatus } from "@/lib/wizard/status";
import { STATUS_PATH } from "@/lib/wizard/steps";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Connection status" };

export default async function StatusPage() {
  const { state, data: view } = await withCreatioPage(STATUS_PATH, loadStatus);
  const problems = [...view.steps, ...view.creatio, ...view.host].filter(
    (c) => c.verdict === "failed",
  ).length;
  const healthy = allDone(view.states) && problems === 0;

  return (
    <WizardShell
      current={null}
      states={view.states}
      connection={connectionInfo(state)}
      demo={demoConfig() !== null}
      signOut={signOutAction}
    >
      <h1>Connection status</h1>
      <p className="lead">
        Read live from Creatio just now. Each problem says what it means and how to fix it.
      </p>
      <div className={`alert ${healthy ? "alert-success" : problems > 0 ? "alert-error" : "alert-warning"}`}>
        <p className="alert-title">
          <Icon name={healthy ? "check" : problems > 0 ? "cross" : "warning"} />
          <strong>
            {healthy
              ? "Connected: all four steps are done and no check failed."
              : problems > 0
                ? `${problems} ${problems === 1 ? "check failed" : "checks failed"}.`
                : "Not finished: some steps are not done yet."}
          </strong>
        </p>
      </div>

      <h2>Steps</h2>
      <CheckList checks={view.steps} label="Steps" />

      <h2>Creatio&apos;s view</h2>
      <CheckList checks={view.creatio} label="Creatio's view" />

      <h2>The wizard server&apos;s view</h2>
      {view.host.length > 0 ? (
        <CheckList checks={view.host} label="The wizard server's view" />
      ) : (
        <p>Not tested: no Identity Service URL is saved in Creatio yet.</p>
      )}
      {view.disagreement ? <CheckList checks={[view.disagreement]} /> : null}

      <p>
        <a href="/status/report" download>
          Download report
        </a>{" "}
        <span className="hint">(JSON, without passwords, secrets or cookies)</span>
      </p>
    </WizardShell>
  );
}
