import "server-only";
import { FEATURE_CODE } from "@/lib/contract/creatio";
import { isWizardError } from "@/lib/errors";
import { DataValueType, equals, selectBody } from "./dataservice";
import { type CreatioConnection, callCreatio, exchange, fail } from "./request";
import { applicationInfoAnswerSchema } from "./schemas";
import type { CreatioRuntime } from "./types";

// Which hosting runtime (.NET Framework: services under /0; .NET: at the root) and which version
// (docs/creatio-api.md §3).

export const SELECT_PATH = "/DataService/json/SyncReply/SelectQuery";

/**
 * The one-row select of the OAuth20Integration feature's Id: harmless, so runtime detection and the
 * CSRF probe send it too. One body for all three, so that identical reads of one request to the
 * wizard share one call (lib/transport/shared-reads.ts).
 */
export function featureIdSelectBody() {
  return selectBody({
    rootSchemaName: "Feature",
    columns: ["Id"],
    where: [equals("Code", DataValueType.TEXT, FEATURE_CODE)],
    rowCount: 1,
  });
}

async function dataServiceAnswers(conn: CreatioConnection, prefix: "/0" | ""): Promise<boolean> {
  const answer = await exchange(conn, {
    method: "POST",
    path: `${prefix}${SELECT_PATH}`,
    body: featureIdSelectBody(),
  });
  const json = answer.json as { success?: unknown } | undefined;
  return answer.status === 200 && !answer.html && typeof json?.success === "boolean";
}

async function pageAnswers(conn: CreatioConnection, path: string): Promise<boolean> {
  const answer = await exchange(conn, { method: "GET", path });
  return answer.status === 200;
}

function pick(netfx: boolean, net: boolean): CreatioRuntime | null {
  if (netfx === net) return null;
  return netfx ? "netfx" : "net";
}

/**
 * After login: DataService at `B/0/...` answers on .NET Framework, at `B/...` on .NET. If both or
 * neither do, anonymous probes decide: the login pages, then the health pings.
 */
export async function detectRuntime(conn: CreatioConnection): Promise<CreatioRuntime> {
  // Each pair asks both places at once: only reads, and one round instead of two.
  const fromDataService = pick(
    ...(await Promise.all([dataServiceAnswers(conn, "/0"), dataServiceAnswers(conn, "")])),
  );
  if (fromDataService) return fromDataService;
  const fromLoginPages = pick(
    ...(await Promise.all([
      pageAnswers(conn, "/0/Login/NuiLogin.aspx"),
      pageAnswers(conn, "/Login/Login.html"),
    ])),
  );
  if (fromLoginPages) return fromLoginPages;
  const fromPing = pick(
    ...(await Promise.all([
      pageAnswers(conn, "/0/api/HealthCheck/Ping"),
      pageAnswers(conn, "/api/HealthCheck/Ping"),
    ])),
  );
  if (fromPing) return fromPing;
  throw fail(conn, "creatio:unexpected", {
    serverMessage: "Signed in, but DataService answered neither under /0 nor at the site root.",
  });
}

export function prefixOf(runtime: CreatioRuntime): "/0" | "" {
  return runtime === "netfx" ? "/0" : "";
}

/** coreVersion from GetApplicationInfo, e.g. "8.1.2.3842"; null when Creatio would not say. */
export async function readVersion(conn: CreatioConnection): Promise<string | null> {
  try {
    return await callCreatio(conn, {
      method: "POST",
      path: `${conn.prefix}/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo`,
      body: {},
      schema: applicationInfoAnswerSchema,
    });
  } catch (e) {
    // Not knowing the version is no reason to stop: the version gates fall back to probing.
    if (isWizardError(e) && (e.code === "creatio:unexpected" || e.code === "creatio:server-error"))
      return null;
    throw e;
  }
}
