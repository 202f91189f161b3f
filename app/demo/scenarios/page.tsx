import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { signOutAction } from "@/app/actions";
import { DemoScenarioList } from "@/app/demo/scenarios/DemoScenarioList";
import { AppHeader, connectionInfo } from "@/components/AppHeader";
import { getWizardSession } from "@/lib/session/current";
import { demoConfig, listDemoScenarios } from "@/lib/wizard/demo";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Demo scenarios" };

/** For trainers: every demo scenario with its explanation, each a link back to the picker. */
export default async function DemoScenariosPage() {
  const demo = demoConfig();
  if (!demo) notFound();
  const [session, scenarios] = await Promise.all([getWizardSession(), listDemoScenarios(demo)]);
  const connection = session?.creatio ? connectionInfo(session.creatio) : null;
  return (
    <>
      <AppHeader demo connection={connection} signOut={signOutAction} />
      <main id="main" tabIndex={-1}>
        <h1>Demo scenarios</h1>
        <p className="lead">
          For trainers: what each scenario sets up, what goes wrong, and what the wizard should show. Each
          trainee&apos;s browser gets its own demo Creatio, so a class can run different scenarios side by
          side.
        </p>
        {scenarios ? (
          <DemoScenarioList scenarios={scenarios} current={session?.demo?.scenario ?? null} />
        ) : (
          <div className="alert alert-warning">
            <p>
              The demo Creatio did not list its scenarios. Restart the wizard with <code>npm start</code> so
              that the demo servers start again.
            </p>
          </div>
        )}
        <p>
          <Link href="/" prefetch={false}>
            Back to the connect page
          </Link>
        </p>
      </main>
    </>
  );
}
