// GET /status/report?format=json|markdown: the status page's checks as a download, without any secret
// (renderReport redacts the session's cookie values; the password and client secret never enter the run).
import { renderReport } from "@/lib/diagnostics";
import { withCreatioRoute } from "@/lib/frame/creatio-context";
import { getWizardSession } from "@/lib/session/current";
import type { ActionError } from "@/lib/wizard/result";
import { loadStatus, reportSteps } from "@/lib/wizard/status";

export const dynamic = "force-dynamic";

const FORMATS = ["json", "markdown"] as const;
type Format = (typeof FORMATS)[number];

const NOT_SIGNED_IN: ActionError = {
  code: "auth:session-expired",
  message: "The report needs a signed-in Creatio session, and this browser has none (or it has ended).",
  fix: "Sign in on the connect page, then download the report again from Connection status.",
  calls: [],
};

function errorResponse(status: number, error: Pick<ActionError, "code" | "message" | "fix">): Response {
  const body = { error: { code: error.code, message: error.message, fix: error.fix } };
  return new Response(`${JSON.stringify(body, null, 2)}\n`, {
    status,
    headers: { "cache-control": "no-store", "content-type": "application/json; charset=utf-8" },
  });
}

export async function GET(request: Request): Promise<Response> {
  const asked = new URL(request.url).searchParams.get("format") ?? "json";
  if (!(FORMATS as readonly string[]).includes(asked)) {
    return errorResponse(400, {
      code: "input:invalid-field",
      message: `There is no report format "${asked.slice(0, 40)}".`,
      fix: "Use ?format=json or ?format=markdown (the links on the Connection status page).",
    });
  }
  const format = asked as Format;
  const session = await getWizardSession();
  if (!session?.creatio) return errorResponse(401, NOT_SIGNED_IN);
  const outcome = await withCreatioRoute(session, async (ctx) => {
    const view = await loadStatus(ctx);
    return renderReport(view.run, format, { steps: reportSteps(view.states) });
  });
  if (!outcome.ok) {
    return errorResponse(outcome.error.code === "auth:session-expired" ? 401 : 502, outcome.error);
  }
  const { body, contentType, fileName } = outcome.value;
  return new Response(body.endsWith("\n") ? body : `${body}\n`, {
    status: 200,
    headers: {
      "cache-control": "no-store",
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName}"`,
      "x-content-type-options": "nosniff",
    },
  });
}
