import "server-only";
import { isWizardError } from "@/lib/errors";
import { sendHttp } from "@/lib/transport";
import {
  type CreatioAnswer,
  type CreatioConnection,
  callCreatio,
  csrfHeader,
  exchange,
  servicePath,
} from "./request";
import { featureIdSelectBody, SELECT_PATH } from "./runtime";
import { canExecuteAnswerSchema, selectAnswerSchema } from "./schemas";

// The read-only calls of the connection diagnostics (lib/diagnostics): what the site root answers,
// Creatio's anonymous pings and login pages, one signed-in select for the CSRF check, and the
// operation rights. Each changes nothing in Creatio (docs/creatio-api.md §2, §3, §4.7).

export interface SiteRootAnswer {
  status: number;
  server: string | null;
  location: string | null;
}

/** `GET B/`: whatever the web server answers at the site root (any status), without following redirects. */
export async function getSiteRoot(conn: CreatioConnection): Promise<SiteRootAnswer> {
  const answer = await sendHttp({
    method: "GET",
    url: `${conn.baseUrl}/`,
    trust: conn.trust,
    timeoutMs: conn.timeoutMs,
    recorder: conn.recorder,
    system: "creatio",
  });
  return {
    status: answer.status,
    server: answer.headers.get("server"),
    location: answer.headers.get("location"),
  };
}

/** Creatio's anonymous pages: the two pings, and each runtime's own login page (§3). */
export const ANONYMOUS_PROBES = {
  pingNetfx: { path: "/0/api/HealthCheck/Ping", want: "not-html" },
  pingNet: { path: "/api/HealthCheck/Ping", want: "not-html" },
  pageNetfx: { path: "/0/Login/NuiLogin.aspx", want: "html" },
  pageNet: { path: "/Login/Login.html", want: "html" },
} as const;

/**
 * True when the anonymous page answers 200 in the expected form: a ping with something other than
 * HTML (a site that answers every path with the same HTML page must not pass for a ping), a login
 * page with HTML. Any failure to answer is false.
 */
export async function answersAnonymously(
  conn: CreatioConnection,
  probe: keyof typeof ANONYMOUS_PROBES,
): Promise<boolean> {
  const { path, want } = ANONYMOUS_PROBES[probe];
  try {
    const answer = await sendHttp({
      method: "GET",
      url: conn.baseUrl + path,
      trust: conn.trust,
      timeoutMs: conn.timeoutMs,
      recorder: conn.recorder,
      system: "creatio",
    });
    if (answer.status !== 200) return false;
    const html =
      /text\/html/i.test(answer.headers.get("content-type") ?? "") || answer.body.trimStart().startsWith("<");
    return want === "html" ? html : !html;
  } catch (e) {
    if (isWizardError(e)) return false;
    throw e;
  }
}

/** The CSRF header a signed-in call carries now (named after the CSRF cookie), or null without one. */
export function csrfHeaderName(conn: CreatioConnection): string | null {
  const url = conn.baseUrl + servicePath(conn, SELECT_PATH);
  return Object.keys(csrfHeader(conn.jar, url))[0] ?? null;
}

/** One signed-in DataService call (a one-row select), with the session's cookies and CSRF header. */
export async function selectWithSession(conn: CreatioConnection): Promise<void> {
  await callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, SELECT_PATH),
    body: featureIdSelectBody(),
    schema: selectAnswerSchema,
  });
}

/** Never `ServiceModel/RightsService.svc/...`: it answers an empty body (§4.7). */
const RIGHTS_PATH = "/rest/RightsService/GetCanExecuteOperation";

/** The system operations whose rights the wizard asks about (Creatio's "Operation permissions"). */
export type CreatioOperation = "CanManageSysSettings" | "CanManageSolution" | "CanManageAdministration";

/**
 * `rest/RightsService/GetCanExecuteOperation` for the signed-in user (§4.7), answered as it came:
 * `{"GetCanExecuteOperationResult": true|false}` on 200; the caller judges other answers.
 */
export function askOperationRight(
  conn: CreatioConnection,
  operation: CreatioOperation,
): Promise<CreatioAnswer> {
  return exchange(conn, { method: "POST", path: servicePath(conn, RIGHTS_PATH), body: { operation } });
}

/** The same question, for a step that needs the answer: yes or no, or a WizardError for any other answer. */
export function canExecuteOperation(conn: CreatioConnection, operation: CreatioOperation): Promise<boolean> {
  return callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, RIGHTS_PATH),
    body: { operation },
    schema: canExecuteAnswerSchema,
  });
}

/** The answer of askOperationRight as a yes/no, or null when Creatio did not say. */
export function operationRightOf(answer: CreatioAnswer): boolean | null {
  const result = (answer.json as { GetCanExecuteOperationResult?: unknown } | undefined)
    ?.GetCanExecuteOperationResult;
  return answer.status === 200 && typeof result === "boolean" ? result : null;
}
