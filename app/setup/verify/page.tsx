import type { Metadata } from "next";
import { signOutAction } from "@/app/actions";
import { connectionInfo } from "@/components/AppHeader";
import { WizardShell } from "@/components/WizardShell";
import { PROOF_APP_PREFIX, proofAppCreatedAt } from "@/lib/creatio";
import { withCreatioPage } from "@/lib/frame/creatio-context";
import { demoConfig } from "@/lib/wizard/demo";
import { loadStepPage } from "@/lib/wizard/load";
import { oldProofApps } from "@/lib/wizard/proof";
import { cleanUpProofAppsAction, runProofAction } from "./actions";
import { ProofForm } from "./ProofForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Prove it end to end" };

const VERIFY_PATH = "/setup/verify";

export default async function VerifyPage() {
  const { state, data } = await withCreatioPage(VERIFY_PATH, async (ctx) => {
    const [page, apps] = await Promise.all([
      loadStepPage(ctx, ["resources"]),
      ctx.read(ctx.client.findIntegrationApps({ prefix: PROOF_APP_PREFIX })),
    ]);
    return { page, apps };
  });
  const old = data.apps.ok ? oldProofApps(data.apps.value, proofAppCreatedAt, new Date()) : [];

  return (
    <WizardShell
      current={null}
      states={data.page.stepStates}
      connection={connectionInfo(state)}
      demo={demoConfig() !== null}
      signOut={signOutAction}
    >
      <h1>Prove it end to end</h1>
      <p className="lead">
        After the four steps, this checks what you connected the Identity Service for: an integration that
        gets a token for its own client and calls Creatio with it.
      </p>
      <section className="panel" aria-labelledby="what-happens">
        <h2 id="what-happens">What will happen</h2>
        <ol>
          <li>The wizard checks that your user may create apps and that Creatio has its default resource.</li>
          <li>
            A temporary server-to-server app named <code>{PROOF_APP_PREFIX} &lt;UTC time&gt;</code> is created
            in Creatio (&quot;OAuth 2.0 integrated applications&quot;), bound to{" "}
            <strong>your own user</strong> <code>{state.userName}</code>: its token carries your rights for up
            to an hour, and the wizard drops it at once.
          </li>
          <li>
            A token is requested from the Identity Service for that app&apos;s own client id and secret.
          </li>
          <li>One read is sent to Creatio with only that token (no session, no cookies).</li>
          <li>The app is deleted again, and the wizard checks that it is gone.</li>
        </ol>
        <p className="hint">
          The token never leaves the wizard&apos;s server. The client secret is shown only if you keep the
          app.
        </p>
      </section>
      <ProofForm run={runProofAction} cleanUpAction={cleanUpProofAppsAction} oldApps={old} />
    </WizardShell>
  );
}
