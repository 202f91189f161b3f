import "server-only";
import { type ErrorCode, isWizardError, type WizardError } from "@/lib/errors";
import { sendHttp } from "@/lib/transport";
import { DataValueType, equals, readGuid, readInt, readText, selectBody } from "./dataservice";
import { selectRows } from "./features";
import { answerError, type CreatioConnection, callCreatio, exchange, fail, servicePath } from "./request";
import { classifyResourceFailure, getDefaultResources } from "./resource";
import { SELECT_PATH } from "./runtime";
import {
  addClientAnswerSchema,
  type ClientResult,
  deleteAnswerSchema,
  deleteClientAnswerSchema,
  selectAnswerSchema,
} from "./schemas";

// Step 5: the Creatio calls of the end-to-end proof (docs/creatio-api.md §4.6). A server-to-server app is
// an OAuthClientApp row plus a client in the Identity Service, created and deleted together by
// OAuthConfigService. The session calls go through request.ts (cookies, CSRF header); the bearer call
// sends ONLY `Authorization: Bearer` (no cookies, no CSRF header).

/** Every temporary app's name starts with this; the rest is the UTC time it was made. */
export const PROOF_APP_PREFIX = "IS wizard proof";

export function proofAppName(now: Date): string {
  return `${PROOF_APP_PREFIX} ${now.toISOString().replace(/\.\d{3}Z$/, "Z")}`;
}

/** When a temporary app was made, from its name; null for a name the wizard did not give. */
export function proofAppCreatedAt(name: string): Date | null {
  const match = /^IS wizard proof (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?Z)$/.exec(name);
  const date = match?.[1] ? new Date(match[1]) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}

export interface ProofUser {
  id: string;
  name: string;
  /** SysAdminUnitTypeValue: 4 = user (8.1), 4 or 7 (8.2+). */
  type: number | null;
}

export interface IntegrationApp {
  id: string | null;
  name: string;
  clientId: string;
}

/** The new app's credentials. The secret is kept in memory only and never logged. */
export interface CreatedApp {
  name: string;
  clientId: string;
  clientSecret: string;
}

const ADD_CLIENT_PATH = "/rest/OAuthConfigService/AddClient";
const DELETE_CLIENT_PATH = "/rest/OAuthConfigService/DeleteClient";

const DELETE_QUERY_PATH = "/DataService/json/SyncReply/DeleteQuery";
const USER_TYPES = [4, 7];

const CURRENT_USER_MACRO = { expressionType: 1, functionType: 1, macrosType: 1 } as const;

/** SysAdminUnit where Id = the current-user macro (docs/creatio-api.md §4.6 step 2). */
export function currentUserQuery() {
  return {
    rootSchemaName: "SysAdminUnit",
    operationType: 0,
    columns: {
      items: Object.fromEntries(
        ["Id", "Name", "SysAdminUnitTypeValue"].map((c) => [
          c,
          { expression: { expressionType: 0, columnPath: c } },
        ]),
      ),
    },
    filters: {
      filterType: 6,
      isEnabled: true,
      logicalOperation: 0,
      items: {
        me: {
          filterType: 1,
          comparisonType: 3,
          isEnabled: true,
          leftExpression: { expressionType: 0, columnPath: "Id" },
          rightExpression: CURRENT_USER_MACRO,
        },
      },
    },
    rowCount: 1,
  };
}

function toUser(row: Record<string, unknown> | undefined): ProofUser | null {
  if (!row) return null;
  const id = readGuid(row, "Id");
  const name = readText(row, "Name");
  return id && name ? { id: id.toLowerCase(), name, type: readInt(row, "SysAdminUnitTypeValue") } : null;
}

/**
 * The operator's own user: the current-user macro first; if that fails, `Name = <login>` and type 4.
 * Throws `proof:no-user` when neither names a user of type 4 (or 7).
 */
export async function findProofUser(conn: CreatioConnection, login: string): Promise<ProofUser> {
  let user: ProofUser | null = null;
  try {
    const answer = await callCreatio(conn, {
      method: "POST",
      path: servicePath(conn, SELECT_PATH),
      body: currentUserQuery(),
      schema: selectAnswerSchema,
    });
    if (answer.success !== false) user = toUser(answer.rows?.[0]);
  } catch (e) {
    if (!isWizardError(e) || e.code !== "creatio:unexpected") throw e;
  }
  if (!user) {
    const rows = await selectRows(
      conn,
      selectBody({
        rootSchemaName: "SysAdminUnit",
        columns: ["Id", "Name", "SysAdminUnitTypeValue"],
        where: [
          equals("Name", DataValueType.TEXT, login),
          equals("SysAdminUnitTypeValue", DataValueType.INTEGER, 4),
        ],
        rowCount: 1,
      }),
    );
    user = toUser(rows[0]);
  }
  if (!user || (user.type !== null && !USER_TYPES.includes(user.type))) {
    throw fail(conn, "proof:no-user", {
      serverMessage: user ? `${user.name} has type ${user.type}.` : undefined,
    });
  }
  return user;
}

/** OAuthClientApp rows named exactly `name`, or (with `prefix`) whose name starts with it. */
export async function findIntegrationApps(
  conn: CreatioConnection,
  match: { name: string } | { prefix: string },
): Promise<IntegrationApp[]> {
  const byPrefix = "prefix" in match;
  const body = {
    rootSchemaName: "OAuthClientApp",
    operationType: 0,
    columns: {
      items: Object.fromEntries(
        ["Id", "Name", "ClientId"].map((c) => [c, { expression: { expressionType: 0, columnPath: c } }]),
      ),
    },
    filters: {
      filterType: 6,
      isEnabled: true,
      logicalOperation: 0,
      items: {
        name: {
          filterType: 1,
          // 3 = equal, 9 = starts with.
          comparisonType: byPrefix ? 9 : 3,
          isEnabled: true,
          leftExpression: { expressionType: 0, columnPath: "Name" },
          rightExpression: {
            expressionType: 2,
            parameter: { dataValueType: DataValueType.TEXT, value: byPrefix ? match.prefix : match.name },
          },
        },
      },
    },
    rowCount: 100,
  };
  const rows = await selectRows(conn, body as unknown as Parameters<typeof selectRows>[1]);
  return rows.flatMap((row) => {
    const name = readText(row, "Name");
    const clientId = readText(row, "ClientId");
    return name && clientId ? [{ id: readGuid(row, "Id"), name, clientId }] : [];
  });
}

/**
 * AddClient. On `success:false` the state decides, never the (translated) text: a row with this name
 * means "created without scope"; no or several default resources mean step 4; then the untranslated
 * tokens (setting codes, app-config key) and the errorCode.
 */
export async function addIntegrationApp(
  conn: CreatioConnection,
  input: { name: string; applicationUrl: string; systemUserId: string },
): Promise<CreatedApp> {
  const answer = await exchange(conn, {
    method: "POST",
    path: servicePath(conn, ADD_CLIENT_PATH),
    body: {
      addClientRequest: {
        name: input.name,
        applicationUrl: input.applicationUrl,
        systemUserId: input.systemUserId,
        grantType: "client_credentials",
      },
    },
  });
  if (
    (answer.status === 400 || answer.status === 500) &&
    answer.json === undefined &&
    !answer.loginRedirect
  ) {
    throw fail(conn, "proof:malformed-request", { status: answer.status });
  }
  const ok = answer.status >= 200 && answer.status < 300 && !answer.html && answer.json !== undefined;
  if (!ok) throw answerError(conn, "session", ADD_CLIENT_PATH, answer);
  const parsed = addClientAnswerSchema.safeParse(answer.json);
  if (!parsed.success) throw fail(conn, "creatio:unexpected", { status: answer.status });
  const result = parsed.data;
  if (result.success !== false && result.clientId && result.clientSecret) {
    return { name: input.name, clientId: result.clientId, clientSecret: result.clientSecret };
  }
  throw await addClientFailure(conn, input.name, result);
}

async function addClientFailure(
  conn: CreatioConnection,
  name: string,
  result: ClientResult,
): Promise<WizardError> {
  const serverMessage = result.errorInfo?.message ?? undefined;
  const created = await findIntegrationApps(conn, { name }).catch(() => []);
  if (created.length > 0) return fail(conn, "proof:no-scope", { serverMessage });
  const resources = await getDefaultResources(conn).catch(() => null);
  if (resources?.count === 0) return fail(conn, "proof:no-default-resource", { serverMessage });
  if (resources && resources.count > 1) return fail(conn, "resource:multiple-defaults", { serverMessage });
  const code: ErrorCode = ((): ErrorCode => {
    const classified = classifyResourceFailure(result.errorInfo);
    if (classified === "resource:bad-credentials") return "proof:identity-refused";
    if (classified === "resource:failed") return "proof:create-failed";
    return classified;
  })();
  return fail(conn, code, { serverMessage });
}

export type DeleteOutcome = "deleted" | "already-gone";

/** DeleteClient is missing: a 404 (page or WCF "endpoint not found"), or HTML instead of JSON. */
function endpointMissing(status: number, html: boolean, json: unknown): boolean {
  return status === 404 || status === 405 || (html && status !== 200 && json === undefined);
}

/**
 * Deletes one app: DeleteClient (row and Identity Service client together); when it is missing, the
 * DeleteQuery fallback on OAuthClientApp by Id (unconfirmed). Throws `proof:delete-failed` when Creatio
 * or the Identity Service refused: the row is still there.
 */
export async function deleteIntegrationApp(
  conn: CreatioConnection,
  app: IntegrationApp,
): Promise<DeleteOutcome> {
  const answer = await exchange(conn, {
    method: "POST",
    path: servicePath(conn, DELETE_CLIENT_PATH),
    body: { deleteClientRequest: { clientId: app.clientId } },
  });
  if (!answer.loginRedirect && endpointMissing(answer.status, answer.html, answer.json)) {
    return deleteByQuery(conn, app);
  }
  const ok = answer.status >= 200 && answer.status < 300 && !answer.html && answer.json !== undefined;
  if (!ok) throw answerError(conn, "session", DELETE_CLIENT_PATH, answer);
  const parsed = deleteClientAnswerSchema.safeParse(answer.json);
  if (!parsed.success) throw fail(conn, "creatio:unexpected", { status: answer.status });
  if (parsed.data.success !== false) return "deleted";
  // "Record with specified Id does not exist." is translated: ask the table instead.
  const still = await findIntegrationApps(conn, { name: app.name });
  if (!still.some((row) => row.clientId === app.clientId)) return "already-gone";
  throw fail(conn, "proof:delete-failed", { serverMessage: parsed.data.errorInfo?.message ?? undefined });
}

async function deleteByQuery(conn: CreatioConnection, app: IntegrationApp): Promise<DeleteOutcome> {
  const id =
    app.id ??
    (await findIntegrationApps(conn, { name: app.name })).find((r) => r.clientId === app.clientId)?.id;
  if (!id) return "already-gone";
  const body = {
    rootSchemaName: "OAuthClientApp",
    operationType: 3,
    filters: {
      filterType: 6,
      isEnabled: true,
      logicalOperation: 0,
      items: {
        f1: {
          filterType: 1,
          comparisonType: 3,
          isEnabled: true,
          leftExpression: { expressionType: 0, columnPath: "Id" },
          rightExpression: { expressionType: 2, parameter: { dataValueType: DataValueType.GUID, value: id } },
        },
      },
    },
  };
  const answer = await callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, DELETE_QUERY_PATH),
    body,
    schema: deleteAnswerSchema,
  });
  if (answer.success) return (answer.rowsAffected ?? 1) > 0 ? "deleted" : "already-gone";
  throw fail(conn, "proof:delete-failed", {
    serverMessage: answer.errorInfo?.message ?? answer.responseStatus?.Message ?? undefined,
  });
}

export interface BearerResult {
  /** The user Creatio ran the call as (the macro query with the token), when it said. */
  asUser: ProofUser | null;
}

const BEARER_READ = {
  rootSchemaName: "Contact",
  operationType: 0,
  allColumns: false,
  rowCount: 1,
  columns: { items: { Id: { expression: { expressionType: 0, columnPath: "Id" } } } },
};

/** How Creatio answered a bearer call it did not accept, in words (docs/creatio-api.md §4.6 step 5). */
function rejectionReason(status: number, headers: Headers, body: string, location: string | null): string {
  const challenge = headers.get("www-authenticate");
  if (status === 401)
    return challenge ? `WWW-Authenticate: ${challenge.slice(0, 200)}` : "401 without a challenge";
  if (status === 403) return "403 Forbidden";
  if (status >= 300 && status < 400) return `redirect to ${location ?? "another page"}`;
  if (status === 200 && body.trimStart().startsWith("<")) return "an HTML page instead of JSON";
  return `HTTP ${status}`;
}

/**
 * One DataService read with ONLY `Authorization: Bearer <token>`, then the current-user macro the same
 * way to name the user. Throws `proof:token-rejected` (with status and the first 300 characters of the
 * body) or `proof:user-lacks-rights` (200 success:false with a security errorCode).
 */
export async function bearerRead(conn: CreatioConnection, accessToken: string): Promise<BearerResult> {
  const send = (body: unknown) =>
    sendHttp({
      method: "POST",
      url: conn.baseUrl + servicePath(conn, SELECT_PATH),
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        Authorization: `Bearer ${accessToken}`,
      },
      body: JSON.stringify(body),
      trust: conn.trust,
      timeoutMs: conn.timeoutMs,
      maxBodyBytes: conn.maxBodyBytes,
      recorder: conn.recorder,
      system: "creatio",
    });
  const answer = await send(BEARER_READ);
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    json = undefined;
  }
  const parsed = selectAnswerSchema.safeParse(json);
  const excerpt = answer.body.slice(0, 300);
  if (answer.status !== 200 || !parsed.success) {
    const location = answer.headers.get("location");
    throw fail(conn, "proof:token-rejected", {
      status: answer.status,
      reason: rejectionReason(answer.status, answer.headers, answer.body, location),
      serverMessage: excerpt || undefined,
    });
  }
  if (parsed.data.success === false) {
    const info = (json as { errorInfo?: { errorCode?: string; message?: string } }).errorInfo;
    const security = /Security|Rights|Permission/i.test(info?.errorCode ?? "");
    throw fail(conn, security ? "proof:user-lacks-rights" : "proof:token-rejected", {
      status: 200,
      reason: "success:false",
      serverMessage: info?.message ?? excerpt,
    });
  }
  let asUser: ProofUser | null = null;
  try {
    const who = await send(currentUserQuery());
    const whoParsed = selectAnswerSchema.safeParse(JSON.parse(who.body));
    if (who.status === 200 && whoParsed.success) asUser = toUser(whoParsed.data.rows?.[0]);
  } catch {
    asUser = null;
  }
  return { asUser };
}
