// Evaluates DataService filters against a row: groups (AND/OR), comparisons (equal, not equal),
// IS NULL and IN, with parameters coerced to the column's type. LOOKUP and GUID columns compare by GUID.

import { DataValueType } from "./constants";
import { isRecord } from "./http";
import type { ColumnDef, Row } from "./tables";

/** A bad query: DataService answers success:false with this message. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly errorCode = "ArgumentException",
  ) {
    super(message);
  }
}

const FilterType = { COMPARE: 1, IS_NULL: 2, IN: 4, GROUP: 6 } as const;
const Comparison = { IS_NULL: 1, IS_NOT_NULL: 2, EQUAL: 3, NOT_EQUAL: 4, START_WITH: 9 } as const;
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Turns a parameter value into the column's stored form; throws QueryError when it cannot. */
export function coerceValue(
  column: ColumnDef,
  columnName: string,
  raw: unknown,
): string | number | boolean | null {
  if (raw === null || raw === undefined) return null;
  switch (column.type) {
    case DataValueType.GUID:
    case DataValueType.LOOKUP: {
      // Creatio accepts a LOOKUP parameter as the GUID or as {value, displayValue}.
      const value = isRecord(raw) ? raw.value : raw;
      if (typeof value === "string" && GUID_PATTERN.test(value)) return value.toLowerCase();
      if (value === "" || value === null) return null;
      throw new QueryError(`Value for column "${columnName}" is not a valid GUID.`, "FormatException");
    }
    case DataValueType.INTEGER: {
      const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
      if (typeof value === "number" && Number.isInteger(value)) return value;
      throw new QueryError(`Value for column "${columnName}" is not an integer.`, "FormatException");
    }
    case DataValueType.BOOLEAN: {
      if (typeof raw === "boolean") return raw;
      if (raw === "true" || raw === "false") return raw === "true";
      throw new QueryError(`Value for column "${columnName}" is not a boolean.`, "FormatException");
    }
    default:
      if (typeof raw === "string") return raw;
      if (typeof raw === "number" || typeof raw === "boolean") return String(raw);
      throw new QueryError(`Value for column "${columnName}" is not text.`, "FormatException");
  }
}

function equalValues(column: ColumnDef, stored: Row[string] | undefined, wanted: Row[string]): boolean {
  if (stored === null || stored === undefined || wanted === null) return (stored ?? null) === wanted;
  // Text comparison is case-insensitive, as with Creatio's default database collations.
  if (typeof stored === "string" && typeof wanted === "string")
    return stored.toLowerCase() === wanted.toLowerCase();
  return column.type === DataValueType.INTEGER ? Number(stored) === Number(wanted) : stored === wanted;
}

function columnOf(
  schema: Record<string, ColumnDef>,
  expression: unknown,
  schemaName: string,
): [string, ColumnDef] {
  if (!isRecord(expression) || typeof expression.columnPath !== "string") {
    throw new QueryError("Filter has no leftExpression.columnPath.");
  }
  const column = schema[expression.columnPath];
  if (!column) {
    throw new QueryError(
      `Column by path "${expression.columnPath}" not found in schema "${schemaName}".`,
      "ItemNotFoundException",
    );
  }
  return [expression.columnPath, column];
}

/** The user a query runs as: the `CurrentUser` macro (expressionType 1, macrosType 1) names it. */
let currentUserId: string | null = null;

/** Runs `fn` with `id` as the value of the current-user macro (queries are synchronous). */
export function withCurrentUser<T>(id: string | null, fn: () => T): T {
  const previous = currentUserId;
  currentUserId = id;
  try {
    return fn();
  } finally {
    currentUserId = previous;
  }
}

function parameterValue(expression: unknown): unknown {
  // docs/creatio-api.md §4.6 step 2: `{"expressionType":1,"functionType":1,"macrosType":1}` = current user.
  if (isRecord(expression) && expression.expressionType === 1 && expression.functionType === 1) {
    if (expression.macrosType === 1 && currentUserId) return currentUserId;
    throw new QueryError(`Macro ${String(expression.macrosType)} is not supported by the demo Creatio.`);
  }
  if (!isRecord(expression) || !isRecord(expression.parameter)) {
    throw new QueryError("Filter has no rightExpression.parameter.");
  }
  return expression.parameter.value;
}

export function matchesFilter(
  filter: unknown,
  row: Row,
  schema: Record<string, ColumnDef>,
  schemaName: string,
): boolean {
  if (filter === undefined || filter === null) return true;
  if (!isRecord(filter)) throw new QueryError("Filter is not an object.");
  if (filter.isEnabled === false) return true;
  switch (filter.filterType) {
    case FilterType.GROUP: {
      const items = isRecord(filter.items) ? Object.values(filter.items) : [];
      const results = items.map((item) => matchesFilter(item, row, schema, schemaName));
      return filter.logicalOperation === 1
        ? results.length === 0 || results.some(Boolean)
        : results.every(Boolean);
    }
    case FilterType.COMPARE: {
      const [name, column] = columnOf(schema, filter.leftExpression, schemaName);
      const wanted = coerceValue(column, name, parameterValue(filter.rightExpression));
      const equal = equalValues(column, row[name], wanted);
      if (filter.comparisonType === Comparison.EQUAL) return equal;
      if (filter.comparisonType === Comparison.NOT_EQUAL) return !equal;
      if (filter.comparisonType === Comparison.START_WITH) {
        const stored = row[name];
        return (
          typeof stored === "string" &&
          typeof wanted === "string" &&
          stored.toLowerCase().startsWith(wanted.toLowerCase())
        );
      }
      throw new QueryError(
        `Comparison type ${String(filter.comparisonType)} is not supported by the demo Creatio.`,
      );
    }
    case FilterType.IS_NULL: {
      const [name] = columnOf(schema, filter.leftExpression, schemaName);
      const isNull = row[name] === null || row[name] === undefined || row[name] === "";
      return filter.comparisonType === Comparison.IS_NOT_NULL || filter.isNull === false ? !isNull : isNull;
    }
    case FilterType.IN: {
      const [name, column] = columnOf(schema, filter.leftExpression, schemaName);
      const expressions = Array.isArray(filter.rightExpressions) ? filter.rightExpressions : [];
      const found = expressions.some((expression) =>
        equalValues(column, row[name], coerceValue(column, name, parameterValue(expression))),
      );
      return filter.comparisonType === Comparison.NOT_EQUAL ? !found : found;
    }
    default:
      throw new QueryError(`Filter type ${String(filter.filterType)} is not supported by the demo Creatio.`);
  }
}
