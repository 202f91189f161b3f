import "server-only";
import { ALL_EMPLOYEES_ROLE_ID, FEATURE_CODE } from "@/lib/contract/creatio";
import { isWizardError } from "@/lib/errors";
import {
  DataValueType,
  equals,
  insertBody,
  readGuid,
  readInt,
  type SelectBody,
  selectBody,
  updateBody,
  value,
} from "./dataservice";
import { type CreatioConnection, callCreatio, fail, servicePath } from "./request";
import { featureIdSelectBody, SELECT_PATH } from "./runtime";
import {
  anyJsonSchema,
  getFeatureStateAnswerSchema,
  insertAnswerSchema,
  selectAnswerSchema,
  updateAnswerSchema,
} from "./schemas";
import type { EnableFeatureResult, FeatureStateValue, FeatureStatus } from "./types";

// Step 1: the additional feature OAuth20Integration for all users (docs/creatio-api.md §4.2).

/** 8.2+ base64-decodes the name segment of ClearFeaturesCacheForAllUsers; 8.1 takes it as is. */
export const FEATURE_CODE_BASE64 = Buffer.from(FEATURE_CODE, "utf8").toString("base64");

const DATA = "/DataService/json/SyncReply";
const FEATURE_SERVICE = "/rest/FeatureService";

/** `success:false` from DataService: Creatio's own words become the error. */
function requireSuccess(
  conn: CreatioConnection,
  answer: { success?: boolean; errorInfo?: unknown; responseStatus?: unknown },
) {
  if (answer.success === false) {
    const errorInfo = answer.errorInfo as { message?: string | null } | null | undefined;
    const status = answer.responseStatus as { Message?: string | null } | null | undefined;
    throw fail(conn, "creatio:unexpected", {
      serverMessage: errorInfo?.message ?? status?.Message ?? undefined,
    });
  }
}

export async function selectRows(
  conn: CreatioConnection,
  body: SelectBody,
): Promise<Record<string, unknown>[]> {
  const answer = await callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, SELECT_PATH),
    body,
    schema: selectAnswerSchema,
  });
  requireSuccess(conn, answer);
  return answer.rows ?? [];
}

export async function selectFeatureId(conn: CreatioConnection): Promise<string | null> {
  const rows = await selectRows(conn, featureIdSelectBody());
  return rows[0] ? readGuid(rows[0], "Id") : null;
}

async function selectAllEmployeesRow(
  conn: CreatioConnection,
  featureId: string,
): Promise<{ id: string; state: FeatureStateValue } | null> {
  const rows = await selectRows(
    conn,
    selectBody({
      rootSchemaName: "AdminUnitFeatureState",
      columns: ["Id", "FeatureState"],
      where: [
        equals("Feature", DataValueType.GUID, featureId),
        equals("SysAdminUnit", DataValueType.GUID, ALL_EMPLOYEES_ROLE_ID),
      ],
      rowCount: 1,
    }),
  );
  const row = rows[0];
  if (!row) return null;
  const id = readGuid(row, "Id");
  const state = readInt(row, "FeatureState");
  if (!id) throw fail(conn, "creatio:unexpected", { serverMessage: "AdminUnitFeatureState row without Id" });
  return { id, state: state === 1 ? 1 : 0 };
}

/** GetFeatureState for the signed-in user, as Creatio's cache sees it; null when Creatio would not say. */
export async function getFeatureState(conn: CreatioConnection): Promise<FeatureStateValue | null> {
  try {
    return await callCreatio(conn, {
      method: "POST",
      path: servicePath(conn, `${FEATURE_SERVICE}/GetFeatureState`),
      body: { code: FEATURE_CODE },
      schema: getFeatureStateAnswerSchema,
    });
  } catch (e) {
    if (isWizardError(e) && (e.code === "creatio:unexpected" || e.code === "creatio:server-error"))
      return null;
    throw e;
  }
}

export async function getFeatureStatus(conn: CreatioConnection): Promise<FeatureStatus> {
  // GetFeatureState does not depend on the selects: ask it alongside them (one round fewer).
  const [{ featureId, row }, currentUserState] = await Promise.all([
    selectFeatureId(conn).then(async (featureId) => ({
      featureId,
      row: featureId ? await selectAllEmployeesRow(conn, featureId) : null,
    })),
    getFeatureState(conn),
  ]);
  return {
    code: FEATURE_CODE,
    exists: featureId !== null,
    featureId,
    allEmployeesState: row ? row.state : null,
    currentUserState,
  };
}

async function createFeature(conn: CreatioConnection): Promise<string> {
  await callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, `${FEATURE_SERVICE}/CreateFeature`),
    body: { code: FEATURE_CODE, name: FEATURE_CODE, description: "" },
    schema: anyJsonSchema,
  });
  // CreateFeature's answer is not documented: selecting again is the proof.
  const id = await selectFeatureId(conn);
  if (!id) {
    throw fail(conn, "creatio:unexpected", {
      serverMessage: "CreateFeature answered, but the OAuth20Integration feature still does not exist.",
    });
  }
  return id;
}

async function clearFeatureCache(conn: CreatioConnection, name: string): Promise<boolean> {
  try {
    await callCreatio(conn, {
      method: "GET",
      path: servicePath(conn, `${FEATURE_SERVICE}/ClearFeaturesCacheForAllUsers/${name}`),
      schema: anyJsonSchema,
    });
    return true;
  } catch (e) {
    // Either clear may fail on some version (8.1 vs 8.2+ name handling); verification decides.
    // A lost session is reported as such, though: nothing after it could work.
    if (isWizardError(e) && (e.code === "auth:session-expired" || e.code === "auth:csrf")) throw e;
    return false;
  }
}

async function upsertAllEmployeesRow(
  conn: CreatioConnection,
  featureId: string,
): Promise<EnableFeatureResult["allEmployeesRow"]> {
  const row = await selectAllEmployeesRow(conn, featureId);
  if (row?.state === 1) return "unchanged";
  if (row) {
    const answer = await callCreatio(conn, {
      method: "POST",
      path: servicePath(conn, `${DATA}/UpdateQuery`),
      body: updateBody({
        rootSchemaName: "AdminUnitFeatureState",
        values: { FeatureState: value(DataValueType.INTEGER, 1) },
        where: [equals("Id", DataValueType.GUID, row.id)],
      }),
      schema: updateAnswerSchema,
    });
    requireSuccess(conn, answer);
    return "updated";
  }
  const answer = await callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, `${DATA}/InsertQuery`),
    body: insertBody({
      rootSchemaName: "AdminUnitFeatureState",
      values: {
        Feature: value(DataValueType.LOOKUP, featureId),
        SysAdminUnit: value(DataValueType.LOOKUP, ALL_EMPLOYEES_ROLE_ID),
        FeatureState: value(DataValueType.INTEGER, 1),
      },
    }),
    schema: insertAnswerSchema,
  });
  requireSuccess(conn, answer);
  return "inserted";
}

/**
 * The contract's recipe: feature row (created when absent), state 1 for "All employees", both
 * cache clears, then GetFeatureState must say 1. Idempotent. Never SetFeatureStateForAllUsers:
 * it only flips existing rows or adds one for the current user.
 */
export async function enableFeatureForAllUsers(conn: CreatioConnection): Promise<EnableFeatureResult> {
  let featureId = await selectFeatureId(conn);
  const created = featureId === null;
  if (!featureId) featureId = await createFeature(conn);
  const allEmployeesRow = await upsertAllEmployeesRow(conn, featureId);

  // Always clear: the row may have been 1 while other users' caches still hold 0 (the section
  // stays hidden until the cache is cleared), and pressing the button again is the fix for that.
  const cacheCleared = {
    base64Name: await clearFeatureCache(conn, FEATURE_CODE_BASE64),
    allFeatures: await clearFeatureCache(conn, ""),
  };
  const verifiedState = await getFeatureState(conn);
  if (verifiedState !== 1) throw fail(conn, "feature:not-verified");
  return { created, featureId, allEmployeesRow, cacheCleared, verifiedState };
}
