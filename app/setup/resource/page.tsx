import type { Metadata } from "next";
import { signOutAction } from "@/app/actions";
import { connectionInfo } from "@/components/AppHeader";
import { CheckList } from "@/components/CheckList";
import { CreateResourceForm } from "@/components/CreateResourceForm";
import { ErrorAlert } from "@/components/ErrorAlert";
import { StateBadge } from "@/components/StateBadge";
import { WizardShell } from "@/components/WizardShell";
import { describeError } from "@/lib/creatio/messages";
import { withCreatioPage } from "@/lib/session/creatio";
import { demoConfig } from "@/lib/wizard/demo";
import { loadOverview } from "@/lib/wizard/load";
import { stepById } from "@/lib/wizard/steps";
import { createDefaultResourceAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create default resource" };

const STEP = stepById("resource");

export default async function ResourcePage() {
  const { state, data } = await withCreatioPage(STEP.path, loadOverview);
  const { snapshot, states } = data;
  const resources = snapshot.resources.ok ? snapshot.resources.value : null;
  const multiple =
    resources !== null && resources.count > 1 ? describeError("resource:multiple-defaults") : null;
  const credentialsReady = states.credentials.state === "done";

  return (
    <WizardShell
      current={STEP.id}
      states={states}
      connection={connectionInfo(state)}
      demo={demoConfig() !== null}
      signOut={signOutAction}
    >
      <h1>{STEP.title}</h1>
      <p className="lead">
        Step 4 of 4. Creatio registers its default resource with the Identity Service. OAuth 2.0 integrated
        applications get access to Creatio through it. Creatio needs exactly one.
      </p>
      <section className="panel" aria-labelledby="resource-now">
        <div className="check-head">
          <h2 id="resource-now">Now in Creatio</h2>
          <StateBadge state={states.resource.state} />
        </div>
        <p>{states.resource.summary}</p>
        {resources && resources.names.length > 0 ? (
          <dl className="facts">
            <dt>{resources.names.length === 1 ? "Scope name" : "Scope names"}</dt>
            <dd>
              {resources.names.map((name) => (
                <div key={name}>
                  <code>{name}</code>
                </div>
              ))}
            </dd>
          </dl>
        ) : null}
      </section>
      {!snapshot.resources.ok ? (
        <ErrorAlert error={snapshot.resources.error} title="Could not read the default resources" />
      ) : null}
      {multiple ? (
        <CheckList
          checks={[
            {
              id: "default-resource",
              title: "More than one default resource",
              verdict: "fail",
              message: multiple.message,
              fix: multiple.fix,
              code: "resource:multiple-defaults",
              ms: 0,
              details: { calls: [], facts: {} },
            },
          ]}
        />
      ) : null}
      {!credentialsReady && resources?.count === 0 ? (
        <div className="alert alert-warning">
          <p>
            Step 3 is not done ({states.credentials.summary}) Creatio needs the three system settings to reach
            the Identity Service, so creating the resource will likely fail until they are right.
          </p>
        </div>
      ) : null}
      <CreateResourceForm
        action={createDefaultResourceAction}
        existing={resources?.count ?? null}
        existingName={resources?.names[0] ?? null}
        returnPath={STEP.path}
      />
    </WizardShell>
  );
}
