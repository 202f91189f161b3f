// DataService SelectQuery / InsertQuery / UpdateQuery over the demo tables. A query that fails changes
// nothing: every value is checked before the first row is written.

import { randomUUID } from "node:crypto";
import { DataValueType } from "./constants";
import { coerceValue, matchesFilter, QueryError, withCurrentUser } from "./filters";
import { isRecord, json, type Reply } from "./http";
import {
  type ColumnDef,
  isTableName,
  lookupDisplayValue,
  type Row,
  SCHEMAS,
  type TableName,
  UNIQUE_KEYS,
} from "./tables";
import type { Tenant } from "./tenant";

/** DataService's failure shape: success:false with errorInfo and responseStatus, HTTP 200. */
export function dataServiceFailure(message: string, errorCode = "ArgumentException"): Reply {
  return json(200, {
    rowsAffected: -1,
    nextPrimaryColumnValue: "",
    success: false,
    errorInfo: { errorCode, message, stackTrace: null },
    responseStatus: { ErrorCode: errorCode, Message: message, StackTrace: null, Errors: [] },
  });
}

function tableOf(body: Record<string, unknown>): TableName {
  const name = body.rootSchemaName;
  if (!isTableName(name)) {
    throw new QueryError(`Schema "${String(name)}" not found.`, "ItemNotFoundException");
  }
  return name;
}

function renderValue(tenant: Tenant, column: ColumnDef, value: Row[string] | undefined): unknown {
  if (value === undefined || value === null)
    return column.type === DataValueType.LOOKUP ? null : (value ?? null);
  if (column.type === DataValueType.LOOKUP) {
    return {
      value,
      displayValue: lookupDisplayValue(tenant.tables, column, String(value), tenant.userNamesById()),
    };
  }
  return value;
}

export function selectQuery(tenant: Tenant, body: Record<string, unknown>): Reply {
  const table = tableOf(body);
  const schema = SCHEMAS[table];
  const selected: [alias: string, columnName: string][] = [];
  if (body.allColumns === true) {
    for (const name of Object.keys(schema)) selected.push([name, name]);
  }
  const items = isRecord(body.columns) && isRecord(body.columns.items) ? body.columns.items : {};
  for (const [alias, item] of Object.entries(items)) {
    const path = isRecord(item) && isRecord(item.expression) ? item.expression.columnPath : undefined;
    if (typeof path !== "string" || !schema[path]) {
      throw new QueryError(
        `Column by path "${String(path)}" not found in schema "${table}".`,
        "ItemNotFoundException",
      );
    }
    selected.push([alias, path]);
  }
  let rows = tenant.tables[table].filter((row) => matchesFilter(body.filters, row, schema, table));
  const offset = typeof body.rowsOffset === "number" && body.rowsOffset > 0 ? body.rowsOffset : 0;
  const count = typeof body.rowCount === "number" && body.rowCount > 0 ? body.rowCount : undefined;
  rows = rows.slice(offset, count === undefined ? undefined : offset + count);
  const rowConfig = Object.fromEntries(
    selected.map(([alias, name]) => [alias, { dataValueType: schema[name]?.type ?? DataValueType.TEXT }]),
  );
  return json(200, {
    rowConfig,
    rows: rows.map((row) =>
      Object.fromEntries(
        selected.map(([alias, name]) => [alias, renderValue(tenant, schema[name] as ColumnDef, row[name])]),
      ),
    ),
    notFoundColumns: [],
    success: true,
    nextPrimaryColumnValue: "",
  });
}

/** Reads `columnValues.items` into stored values, checking every column. */
function readColumnValues(table: TableName, body: Record<string, unknown>): Row {
  const schema = SCHEMAS[table];
  const items =
    isRecord(body.columnValues) && isRecord(body.columnValues.items) ? body.columnValues.items : null;
  if (!items) throw new QueryError("Query has no columnValues.items.");
  const values: Row = {};
  for (const [name, item] of Object.entries(items)) {
    const column = schema[name];
    if (!column)
      throw new QueryError(`Column "${name}" not found in schema "${table}".`, "ItemNotFoundException");
    if (!isRecord(item) || !isRecord(item.parameter)) {
      throw new QueryError(`Column "${name}" has no parameter value.`);
    }
    values[name] = coerceValue(column, name, item.parameter.value);
  }
  return values;
}

/** The checks a database would make on a row about to be stored (`others`: the rows it must not collide with). */
function checkRow(tenant: Tenant, table: TableName, row: Row, others: Row[]): void {
  const schema = SCHEMAS[table];
  for (const [name, column] of Object.entries(schema)) {
    const value = row[name];
    if (column.required && (value === null || value === undefined || value === "")) {
      throw new QueryError(`Column "${name}" of "${table}" requires a value.`, "DbOperationException");
    }
    if (column.references && value !== null && value !== undefined) {
      const target = tenant.tables[column.references];
      if (!target.some((other) => String(other.Id).toLowerCase() === value)) {
        throw new QueryError(
          `The ${table}.${name} value ${String(value)} does not exist in ${column.references}.`,
          "DbOperationException",
        );
      }
    }
  }
  if (table === "AdminUnitFeatureState" && row.FeatureState !== 0 && row.FeatureState !== 1) {
    throw new QueryError("FeatureState must be 0 or 1.", "DbOperationException");
  }
  for (const key of UNIQUE_KEYS[table]) {
    const clash = others.find((other) =>
      key.every((name) => String(other[name] ?? "").toLowerCase() === String(row[name] ?? "").toLowerCase()),
    );
    if (clash) {
      throw new QueryError(
        `Cannot insert duplicate key in object "${table}" (${key.join(", ")}).`,
        "DbOperationException",
      );
    }
  }
}

export function insertQuery(tenant: Tenant, body: Record<string, unknown>): Reply {
  const table = tableOf(body);
  const values = readColumnValues(table, body);
  const id = typeof values.Id === "string" ? values.Id : randomUUID();
  const row: Row = {
    ...Object.fromEntries(Object.keys(SCHEMAS[table]).map((name) => [name, null])),
    ...values,
    Id: id,
  };
  if (table === "OAuthResource" && row.IsDefault === null) row.IsDefault = false;
  if (tenant.tables[table].some((other) => other.Id === id)) {
    throw new QueryError(`A record with Id ${id} already exists in "${table}".`, "DbOperationException");
  }
  checkRow(tenant, table, row, tenant.tables[table]);
  tenant.tables[table].push(row);
  return json(200, { id, rowsAffected: 1, nextPrimaryColumnValue: "", success: true });
}

export function updateQuery(tenant: Tenant, body: Record<string, unknown>): Reply {
  const table = tableOf(body);
  const schema = SCHEMAS[table];
  const values = readColumnValues(table, body);
  if ("Id" in values) throw new QueryError("The primary column cannot be changed.");
  const rows = tenant.tables[table];
  const targets = rows.filter((row) => matchesFilter(body.filters, row, schema, table));
  const updated = targets.map((row) => ({ ...row, ...values }));
  // Check all first: a failed query changes nothing.
  for (const row of updated) {
    const others = rows.filter((other) => other.Id !== row.Id);
    checkRow(tenant, table, row, others);
  }
  targets.forEach((row, index) => {
    Object.assign(row, updated[index]);
  });
  return json(200, { rowsAffected: targets.length, nextPrimaryColumnValue: "", success: true });
}

export type DataServiceOperation = "SelectQuery" | "InsertQuery" | "UpdateQuery";

/** `userId`: the signed-in user, the value of the current-user macro. */
export function runDataServiceQuery(
  tenant: Tenant,
  operation: DataServiceOperation,
  body: unknown,
  userId: string | null = null,
): Reply {
  try {
    if (!isRecord(body)) throw new QueryError("Query body is not an object.");
    const query = body;
    return withCurrentUser(userId, () => {
      if (operation === "SelectQuery") return selectQuery(tenant, query);
      if (operation === "InsertQuery") return insertQuery(tenant, query);
      return updateQuery(tenant, query);
    });
  } catch (error) {
    if (error instanceof QueryError) return dataServiceFailure(error.message, error.errorCode);
    throw error;
  }
}

/**
 * DeleteQuery by filter (docs/creatio-api.md §4.6 step 6, the fallback when DeleteClient is missing;
 * unconfirmed). Rows of OAuthClientApp go through `deleteRow` (the entity listener that also removes the
 * Identity Service's client); a listener failure stops the query with success:false.
 */
export async function deleteQuery(
  tenant: Tenant,
  body: unknown,
  userId: string | null,
  deleteRow: (table: TableName, row: Row) => Promise<string | null>,
): Promise<Reply> {
  try {
    if (!isRecord(body)) throw new QueryError("Query body is not an object.");
    const table = tableOf(body);
    if (body.filters === undefined || body.filters === null) {
      throw new QueryError("DeleteQuery needs a filter.");
    }
    const targets = withCurrentUser(userId, () =>
      tenant.tables[table].filter((row) => matchesFilter(body.filters, row, SCHEMAS[table], table)),
    );
    let deleted = 0;
    for (const row of targets) {
      const failure = await deleteRow(table, row);
      if (failure) return dataServiceFailure(failure, "InvalidOperationException");
      deleted += 1;
    }
    return json(200, { rowsAffected: deleted, nextPrimaryColumnValue: "", success: true });
  } catch (error) {
    if (error instanceof QueryError) return dataServiceFailure(error.message, error.errorCode);
    throw error;
  }
}
