// GET /api/status: the status checks for automated monitoring, on the Creatio configured by environment
// (see README, "Monitoring endpoint"). 404 while WIZARD_MONITOR_TOKEN is not set (the endpoint is off and
// says nothing about its configuration), 401 without the bearer token (checked first, in constant time),
// then 200 healthy, 503 not (or not configured). Only read calls reach Creatio; the body is the JSON
// report, without any secret. `?prove=1` adds the end-to-end proof (step 5), which writes to Creatio (a
// temporary app, deleted again): off by default; its hops join the report, and a failed proof is a 503.
// Neither the app's token nor its secret is ever in the answer.
import { bearerMatches, monitorToken, readMonitorConfig, runMonitor } from "@/lib/diagnostics";
import { proveForMonitor } from "@/lib/wizard/proof-run";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const PROVE_VALUES = new Set(["1", "true", "0", "false"]);

const HEADERS = { "cache-control": "no-store", "content-type": "application/json; charset=utf-8" };

function message(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(`${JSON.stringify({ healthy: false, message: text }, null, 2)}\n`, {
    status,
    headers: { ...HEADERS, ...extra },
  });
}

export async function GET(request: Request): Promise<Response> {
  const token = monitorToken(process.env);
  if (!token.ok) {
    return new Response("Not found.\n", {
      status: 404,
      headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" },
    });
  }
  if (!bearerMatches(request.headers.get("authorization"), token.token)) {
    return message(401, "Send the monitoring token as a bearer token: Authorization: Bearer <token>.", {
      "www-authenticate": 'Bearer realm="wizard-status"',
    });
  }
  const url = new URL(request.url);
  const asked = url.searchParams.get("prove");
  if (asked !== null && !PROVE_VALUES.has(asked)) {
    return message(400, "Use ?prove=1 to run the end-to-end proof (it writes to Creatio), or leave it out.");
  }
  const prove = asked === "1" || asked === "true";
  const config = await readMonitorConfig(process.env);
  if (!config.ok) return message(503, config.message);
  const monitored = config.config;
  try {
    const outcome = await runMonitor(
      monitored,
      prove
        ? {
            prove: (run) =>
              proveForMonitor(
                {
                  creatioUrl: monitored.creatioUrl,
                  userName: monitored.userName,
                  password: monitored.password,
                  // The temporary app's applicationUrl: this wizard, as the monitor reached it.
                  applicationUrl: url.origin,
                },
                run,
              ),
          }
        : {},
    );
    return new Response(`${outcome.body}\n`, { status: outcome.status, headers: HEADERS });
  } catch (e) {
    // Logged without the error's text, which could hold what a server answered.
    console.error(`[wizard] /api/status stopped: ${e instanceof Error ? e.name : typeof e}`);
    return message(
      500,
      "The wizard stopped because of an internal error while checking. See the wizard's server log.",
    );
  }
}
