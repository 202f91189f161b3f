import "server-only";

// Request bodies of DataService (docs/creatio-api.md §4.1) and helpers to read its rows.

import { DataValueType, type DataValueTypeId } from "@/lib/contract/creatio";

export { DataValueType, type DataValueTypeId };

const OperationType = { SELECT: 0, INSERT: 1, UPDATE: 2 } as const;
const ExpressionType = { COLUMN: 0, PARAMETER: 2 } as const;
const FilterType = { COMPARE: 1, GROUP: 6 } as const;
const ComparisonType = { EQUAL: 3 } as const;
const LogicalOperation = { AND: 0 } as const;

export type ParameterValue = string | number | boolean;

export interface Parameter {
  dataValueType: DataValueTypeId;
  value: ParameterValue;
}

/** `column = value`, as the contract's filter item. */
export interface CompareFilter {
  filterType: typeof FilterType.COMPARE;
  comparisonType: typeof ComparisonType.EQUAL;
  isEnabled: true;
  leftExpression: { expressionType: typeof ExpressionType.COLUMN; columnPath: string };
  rightExpression: { expressionType: typeof ExpressionType.PARAMETER; parameter: Parameter };
}

export interface FilterGroup {
  filterType: typeof FilterType.GROUP;
  isEnabled: true;
  logicalOperation: typeof LogicalOperation.AND;
  items: Record<string, CompareFilter>;
}

export interface Condition {
  column: string;
  type: DataValueTypeId;
  value: ParameterValue;
}

export function equals(column: string, type: DataValueTypeId, value: ParameterValue): Condition {
  return { column, type, value };
}

function parameter(type: DataValueTypeId, value: ParameterValue): Parameter {
  return { dataValueType: type, value };
}

/** An AND group of `column = value` items keyed f1, f2, ... */
export function filterGroup(conditions: Condition[]): FilterGroup {
  const items: Record<string, CompareFilter> = {};
  conditions.forEach((c, i) => {
    items[`f${i + 1}`] = {
      filterType: FilterType.COMPARE,
      comparisonType: ComparisonType.EQUAL,
      isEnabled: true,
      leftExpression: { expressionType: ExpressionType.COLUMN, columnPath: c.column },
      rightExpression: { expressionType: ExpressionType.PARAMETER, parameter: parameter(c.type, c.value) },
    };
  });
  return { filterType: FilterType.GROUP, isEnabled: true, logicalOperation: LogicalOperation.AND, items };
}

export interface SelectBody {
  rootSchemaName: string;
  operationType: typeof OperationType.SELECT;
  columns: { items: Record<string, { expression: { expressionType: 0; columnPath: string } }> };
  filters: FilterGroup;
  rowCount: number;
}

export function selectBody(opts: {
  rootSchemaName: string;
  columns: string[];
  where: Condition[];
  rowCount: number;
}): SelectBody {
  const items: SelectBody["columns"]["items"] = {};
  for (const column of opts.columns) {
    items[column] = { expression: { expressionType: ExpressionType.COLUMN, columnPath: column } };
  }
  return {
    rootSchemaName: opts.rootSchemaName,
    operationType: OperationType.SELECT,
    columns: { items },
    filters: filterGroup(opts.where),
    rowCount: opts.rowCount,
  };
}

export interface ColumnValues {
  items: Record<string, { expressionType: typeof ExpressionType.PARAMETER; parameter: Parameter }>;
}

function columnValues(values: Record<string, Parameter>): ColumnValues {
  const items: ColumnValues["items"] = {};
  for (const [column, p] of Object.entries(values)) {
    items[column] = { expressionType: ExpressionType.PARAMETER, parameter: p };
  }
  return { items };
}

export function insertBody(opts: { rootSchemaName: string; values: Record<string, Parameter> }) {
  return {
    rootSchemaName: opts.rootSchemaName,
    operationType: OperationType.INSERT,
    columnValues: columnValues(opts.values),
  };
}

export function updateBody(opts: {
  rootSchemaName: string;
  values: Record<string, Parameter>;
  where: Condition[];
}) {
  return {
    rootSchemaName: opts.rootSchemaName,
    operationType: OperationType.UPDATE,
    isForceUpdate: false,
    columnValues: columnValues(opts.values),
    filters: filterGroup(opts.where),
  };
}

/** `{dataValueType, value}` for insert/update values. */
export const value = parameter;

// Reading rows ------------------------------------------------------------------------------------

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A GUID column, or a LOOKUP column's `value`; null when absent or not a GUID. */
export function readGuid(row: Record<string, unknown>, column: string): string | null {
  const raw = row[column];
  const candidate =
    raw && typeof raw === "object" && "value" in raw ? (raw as { value: unknown }).value : raw;
  return typeof candidate === "string" && GUID.test(candidate) ? candidate.toLowerCase() : null;
}

/** An INTEGER column (numbers may come as strings); null when absent or not an integer. */
export function readInt(row: Record<string, unknown>, column: string): number | null {
  const raw = row[column];
  const n = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  return typeof n === "number" && Number.isInteger(n) ? n : null;
}

/** A TEXT column, or a LOOKUP column's `displayValue`; null when absent or empty. */
export function readText(row: Record<string, unknown>, column: string): string | null {
  const raw = row[column];
  const candidate =
    raw && typeof raw === "object" && "displayValue" in raw
      ? (raw as { displayValue: unknown }).displayValue
      : raw;
  return typeof candidate === "string" && candidate !== "" ? candidate : null;
}
