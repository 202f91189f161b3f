import Link from "next/link";
import { ConnectForm } from "@/app/_connect/ConnectForm";
import { DemoResetNotice } from "@/app/_connect/DemoResetNotice";
import { AppHeader, connectionInfo } from "@/components/AppHeader";
import { DEMO_SCENARIOS, type DemoScenario } from "@/lib/demo/types";
import { getWizardSession } from "@/lib/session/current";
import { DEMO_USER, demoConfig, listDemoScenarios, sameUrl } from "@/lib/wizard/demo";
import { runtimeLabel } from "@/lib/wizard/links";
import { RETURN_PATHS, safeReturnPath } from "@/lib/wizard/steps";
import { checkAddressAction, connectAction, createDemoTenantAction, signOutAction } from "./actions";

export const dynamic = "force-dynamic";

export default async function ConnectPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const nextParam = typeof query.next === "string" ? query.next : undefined;
  const next = safeReturnPath(nextParam);
  const returning = nextParam !== undefined && RETURN_PATHS.includes(nextParam);
  const reason = query.reason;
  const session = await getWizardSession();
  const demo = demoConfig();
  const scenarios = demo ? await listDemoScenarios(demo) : null;
  const connection = session?.creatio ? connectionInfo(session.creatio) : null;
  const defaults = {
    baseUrl: session?.creatio?.baseUrl ?? session?.lastLogin?.baseUrl ?? "",
    userName: session?.creatio?.userName ?? session?.lastLogin?.userName ?? "",
  };
  // Demo: the picker starts on a scenario linked to, else this browser's current one; the browser's own
  // demo Creatio comes back with its (public) password filled in.
  const ownDemo = demo ? (session?.demo ?? null) : null;
  const linked = DEMO_SCENARIOS.find((id) => id === query.scenario);
  const initialScenario: DemoScenario | undefined =
    linked ?? (ownDemo && ownDemo.scenario !== "custom" ? ownDemo.scenario : undefined);
  const demoPassword =
    ownDemo &&
    defaults.baseUrl &&
    sameUrl(defaults.baseUrl, ownDemo.baseUrl) &&
    defaults.userName === DEMO_USER.userName
      ? DEMO_USER.password
      : undefined;

  return (
    <>
      <AppHeader demo={demo !== null} connection={connection} signOut={signOutAction} />
      <main id="main" tabIndex={-1}>
        <h1>Connect to Creatio</h1>
        {reason === "expired" ? (
          <div className="alert alert-warning">
            <p className="alert-title">
              <strong>Sign in again</strong>
            </p>
            <p>
              Your Creatio session has ended. Sign in again to continue
              {returning ? " on the step you were on" : ""}: what you typed in the wizard is kept.
            </p>
          </div>
        ) : null}
        {reason === "demo-reset" && ownDemo ? <DemoResetNotice title={ownDemo.title} /> : null}
        {reason === "signed-out" ? (
          <div className="alert alert-info">
            <p>You are signed out. The wizard no longer holds a Creatio session for this browser.</p>
          </div>
        ) : null}
        {connection ? (
          <section className="panel connected-card" aria-labelledby="connected-heading">
            <h2 id="connected-heading">Connected</h2>
            <dl className="facts">
              <dt>Creatio</dt>
              <dd>
                <code>{connection.baseUrl}</code>
              </dd>
              <dt>Runtime</dt>
              <dd>{runtimeLabel(connection.runtime)}</dd>
              <dt>Version</dt>
              <dd>{connection.version ?? "Unknown (Creatio did not say)"}</dd>
              <dt>User</dt>
              <dd>{connection.userName}</dd>
            </dl>
            <p>
              <Link href={next} className="button" prefetch={false}>
                Continue to setup
              </Link>
            </p>
          </section>
        ) : null}
        {connection ? <h2>Connect to another Creatio</h2> : null}
        <ConnectForm
          connect={connectAction}
          checkAddress={checkAddressAction}
          createDemoTenant={createDemoTenantAction}
          demo={demo !== null}
          scenarios={scenarios}
          initialScenario={initialScenario}
          defaults={demoPassword ? { ...defaults, password: demoPassword } : defaults}
          next={next}
          signInAgain={reason === "expired"}
        />
      </main>
    </>
  );
}
