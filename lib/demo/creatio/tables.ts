// The three entities the wizard reads and writes through DataService, with their columns and the checks
// the database would make (required columns, unique keys, foreign keys).

import { DataValueType, ROLE_NAMES } from "./constants";

export type Row = Record<string, string | number | boolean | null>;

export interface ColumnDef {
  type: (typeof DataValueType)[keyof typeof DataValueType];
  required?: boolean;
  /** For LOOKUP columns: the table the GUID points to (checked on write), or null for any GUID. */
  references?: TableName | null;
}

export const TABLE_NAMES = [
  "Feature",
  "AdminUnitFeatureState",
  "OAuthResource",
  "OAuthClientApp",
  "SysAdminUnit",
  "Contact",
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

export const SCHEMAS: Record<TableName, Record<string, ColumnDef>> = {
  Feature: {
    Id: { type: DataValueType.GUID },
    Code: { type: DataValueType.TEXT, required: true },
    Name: { type: DataValueType.TEXT },
    Description: { type: DataValueType.TEXT },
  },
  AdminUnitFeatureState: {
    Id: { type: DataValueType.GUID },
    Feature: { type: DataValueType.LOOKUP, required: true, references: "Feature" },
    SysAdminUnit: { type: DataValueType.LOOKUP, required: true, references: null },
    FeatureState: { type: DataValueType.INTEGER, required: true },
  },
  OAuthResource: {
    Id: { type: DataValueType.GUID },
    Name: { type: DataValueType.TEXT, required: true },
    IsDefault: { type: DataValueType.BOOLEAN },
  },
  // docs/creatio-api.md §4.6: a server-to-server app; written by OAuthConfigService, read by DataService.
  OAuthClientApp: {
    Id: { type: DataValueType.GUID },
    Name: { type: DataValueType.TEXT, required: true },
    ClientId: { type: DataValueType.TEXT, required: true },
    ApplicationUrl: { type: DataValueType.TEXT },
    SystemUser: { type: DataValueType.LOOKUP, references: "SysAdminUnit" },
    IsActive: { type: DataValueType.BOOLEAN },
  },
  /** Users (type 4) and roles, rebuilt from the tenant's users. */
  SysAdminUnit: {
    Id: { type: DataValueType.GUID },
    Name: { type: DataValueType.TEXT, required: true },
    SysAdminUnitTypeValue: { type: DataValueType.INTEGER },
    Active: { type: DataValueType.BOOLEAN },
  },
  Contact: {
    Id: { type: DataValueType.GUID },
    Name: { type: DataValueType.TEXT },
  },
};

/** Column sets that must be unique per table (as the database's unique indexes would). */
export const UNIQUE_KEYS: Record<TableName, string[][]> = {
  Feature: [["Code"]],
  AdminUnitFeatureState: [["Feature", "SysAdminUnit"]],
  OAuthResource: [["Name"]],
  OAuthClientApp: [["ClientId"]],
  SysAdminUnit: [["Name"]],
  Contact: [],
};

export function isTableName(name: unknown): name is TableName {
  return typeof name === "string" && (TABLE_NAMES as readonly string[]).includes(name);
}

export type Tables = Record<TableName, Row[]>;

/** Display value of a LOOKUP, as Creatio returns it beside the GUID. */
export function lookupDisplayValue(
  tables: Tables,
  column: ColumnDef,
  id: string,
  userNames: Map<string, string>,
): string {
  if (column.references === "Feature") {
    const feature = tables.Feature.find((row) => String(row.Id).toLowerCase() === id);
    return String(feature?.Name ?? feature?.Code ?? "");
  }
  if (column.references === "SysAdminUnit") {
    const unit = tables.SysAdminUnit.find((row) => String(row.Id).toLowerCase() === id);
    return String(unit?.Name ?? "");
  }
  return ROLE_NAMES[id] ?? userNames.get(id) ?? "";
}

export function emptyTables(): Tables {
  return {
    Feature: [],
    AdminUnitFeatureState: [],
    OAuthResource: [],
    OAuthClientApp: [],
    SysAdminUnit: [],
    Contact: [],
  };
}
