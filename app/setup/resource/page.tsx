import type { Metadata } from "next";
import { CreateResourceForm } from "@/app/setup/resource/CreateResourceForm";
import { CheckList } from "@/components/CheckList";
import { ErrorAlert } from "@/components/ErrorAlert";
import { NowInCreatio } from "@/components/NowInCreatio";
import { StepFrame } from "@/components/StepFrame";
import { describeError } from "@/lib/errors";
import { withCreatioPage } from "@/lib/frame/creatio-context";
import { loadStepPage } from "@/lib/wizard/load";
import { credentialsState, resourceState } from "@/lib/wizard/state";
import { stepById } from "@/lib/wizard/steps";
import { createDefaultResourceAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create default resource" };

const STEP = stepById("resource");

export default async function ResourcePage() {
  const { state, data } = await withCreatioPage(STEP.path, (ctx) =>
    loadStepPage(ctx, ["resources", "settings", "health"]),
  );
  const { snapshot, stepStates } = data;
  const own = resourceState(snapshot.resources);
  const credentials = credentialsState(snapshot);
  const resources = snapshot.resources.ok ? snapshot.resources.value : null;
  const multiple =
    resources !== null && resources.count > 1 ? describeError("resource:multiple-defaults") : null;
  const credentialsReady = credentials.state === "done";

  return (
    <StepFrame
      step={STEP}
      state={state}
      states={stepStates}
      lead={
        <>
          Creatio registers its default resource with the Identity Service. OAuth 2.0 integrated applications
          get access to Creatio through it. Creatio needs exactly one.
        </>
      }
    >
      <NowInCreatio step={STEP} state={own.state}>
        <p>{own.summary}</p>
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
      </NowInCreatio>
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
            Step 3 is not done ({credentials.summary}) Creatio needs the three system settings to reach the
            Identity Service, so creating the resource will likely fail until they are right.
          </p>
        </div>
      ) : null}
      <CreateResourceForm
        action={createDefaultResourceAction}
        existing={resources?.count ?? null}
        existingName={resources?.names[0] ?? null}
        returnPath={STEP.path}
      />
    </StepFrame>
  );
}
