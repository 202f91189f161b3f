import "server-only";
import { type ErrorCode, isWizardError, type WizardError } from "@/lib/errors";
import { DataValueType, equals, readText, selectBody } from "./dataservice";
import { selectRows } from "./features";
import { type CreatioConnection, callCreatio, fail, servicePath } from "./request";
import { type AddDefaultResourceAnswer, addDefaultResourceAnswerSchema } from "./schemas";
import type { AddDefaultResourceResult, DefaultResourceStatus } from "./types";

// Step 4: the default resource (docs/creatio-api.md §4.4). AddDefaultResource is not idempotent:
// always check first, and decide "already exists" by errorCode or by selecting again.

export const ADD_DEFAULT_RESOURCE_TIMEOUT_MS = 120_000;
const ALREADY_EXISTS = "ItemAlreadyExistException";

export async function getDefaultResources(conn: CreatioConnection): Promise<DefaultResourceStatus> {
  const rows = await selectRows(
    conn,
    selectBody({
      rootSchemaName: "OAuthResource",
      columns: ["Id", "Name"],
      where: [equals("IsDefault", DataValueType.BOOLEAN, true)],
      rowCount: 10,
    }),
  );
  return {
    count: rows.length,
    names: rows.map((row) => readText(row, "Name")).filter((name): name is string => name !== null),
  };
}

/**
 * Which resource:* error a handled failure is. Creatio translates the message, so only the
 * untranslated tokens in it are used (setting codes, the app-config key) and the errorCode.
 */
export function classifyResourceFailure(
  errorInfo: { errorCode?: string | null; message?: string | null } | null | undefined,
): ErrorCode {
  const code = errorInfo?.errorCode ?? "";
  const message = errorInfo?.message ?? "";
  if (/Feature-EnableOAuth20Integration/i.test(message)) return "resource:oauth-disabled";
  if (/Security|Rights|Permission|CanManageSolution/i.test(code) || /CanManageSolution/.test(message)) {
    return "rights:solution";
  }
  if (/OAuth20IdentityServerClient(Id|Secret)/.test(message)) return "resource:bad-credentials";
  if (/OAuth20IdentityServerUrl/.test(message)) return "resource:identity-unreachable";
  return "resource:failed";
}

function multipleDefaults(conn: CreatioConnection, status: DefaultResourceStatus): WizardError {
  return fail(conn, "resource:multiple-defaults", {
    serverMessage: `${status.count} default resources found.`,
  });
}

async function requestAddDefaultResource(conn: CreatioConnection): Promise<AddDefaultResourceAnswer> {
  return callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, "/rest/OAuthConfigService/AddDefaultResource"),
    body: {},
    schema: addDefaultResourceAnswerSchema,
    timeoutMs: conn.longTimeoutMs ?? ADD_DEFAULT_RESOURCE_TIMEOUT_MS,
  });
}

/** Creates the default resource unless one exists. Never sends a second create. */
async function addDefaultResourceOnce(conn: CreatioConnection): Promise<AddDefaultResourceResult> {
  const before = await getDefaultResources(conn);
  if (before.count > 1) throw multipleDefaults(conn, before);
  if (before.count === 1) return { outcome: "already-existed", scope: before.names[0] ?? null };

  let answer: AddDefaultResourceAnswer;
  try {
    answer = await requestAddDefaultResource(conn);
  } catch (e) {
    // No answer (timeout, reset) or a server error: Creatio may still have created it.
    if (!isWizardError(e) || !(e.code.startsWith("network:") || e.code === "creatio:server-error")) throw e;
    const after = await getDefaultResources(conn).catch(() => null);
    if (after?.count === 1) return { outcome: "created", scope: after.names[0] ?? null };
    if (after && after.count > 1) throw multipleDefaults(conn, after);
    throw e;
  }
  if (answer.success) {
    return { outcome: "created", scope: answer.scope ?? null };
  }
  const after = await getDefaultResources(conn);
  if (after.count > 1) throw multipleDefaults(conn, after);
  if (answer.errorInfo?.errorCode === ALREADY_EXISTS || after.count === 1) {
    return { outcome: "already-existed", scope: after.names[0] ?? null };
  }
  throw fail(conn, classifyResourceFailure(answer.errorInfo), {
    serverMessage: answer.errorInfo?.message ?? undefined,
  });
}

// One create at a time per Creatio site: a double click or a retry while the first call is still
// running waits for it instead of sending a second create.
const inFlight = new Map<string, Promise<AddDefaultResourceResult>>();

export function addDefaultResource(conn: CreatioConnection): Promise<AddDefaultResourceResult> {
  const key = conn.baseUrl;
  const running = inFlight.get(key);
  if (running) return running;
  const promise = addDefaultResourceOnce(conn).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}
