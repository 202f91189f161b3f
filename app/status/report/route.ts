// GET /status/report: the status as a JSON download, without any secret.

import { withCreatioRoute } from "@/lib/session/creatio";
import { getWizardSession } from "@/lib/session/current";
import { buildReport } from "@/lib/wizard/report";
import type { ActionError } from "@/lib/wizard/result";
import { loadStatus } from "@/lib/wizard/status";

export const dynamic = "force-dynamic";

const NOT_SIGNED_IN: ActionError = {
  code: "auth:session-expired",
  message: "The report needs a signed-in Creatio session, and this browser has none (or it has ended).",
  fix: "Sign in on the connect page, then download the report again from Connection status.",
  calls: [],
};

export async function GET(): Promise<Response> {
  const session = await getWizardSession();
  const headers = { "cache-control": "no-store", "content-type": "application/json; charset=utf-8" };
  if (!session?.creatio) {
    return new Response(JSON.stringify({ error: NOT_SIGNED_IN }, null, 2), { status: 401, headers });
  }
  const outcome = await withCreatioRoute(session, async (ctx) => {
    const view = await loadStatus(ctx);
    return buildReport({
      now: new Date(),
      state: ctx.state,
      snapshot: view.snapshot,
      states: view.states,
      checks: [
        ...view.steps,
        ...view.creatio,
        ...view.host,
        ...(view.disagreement ? [view.disagreement] : []),
      ],
      calls: ctx.client.calls,
    });
  });
  if (!outcome.ok) {
    const status = outcome.error.code === "auth:session-expired" ? 401 : 502;
    return new Response(JSON.stringify({ error: outcome.error }, null, 2), { status, headers });
  }
  const stamp = outcome.value.generatedAt.replace(/[:.]/g, "-");
  return new Response(`${JSON.stringify(outcome.value, null, 2)}\n`, {
    status: 200,
    headers: {
      ...headers,
      "content-disposition": `attachment; filename="creatio-identity-report-${stamp}.json"`,
    },
  });
}
