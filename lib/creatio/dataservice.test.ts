import { describe, expect, it } from "vitest";
import {
  DataValueType,
  equals,
  filterGroup,
  insertBody,
  readGuid,
  readInt,
  readText,
  selectBody,
  updateBody,
  value,
} from "./dataservice";
import { FEATURE_CODE_BASE64 } from "./features";
import { featureIdSelectBody } from "./runtime";

describe("DataService bodies (docs/creatio-api.md §4.1)", () => {
  it("builds the contract's `Code = X` filter group exactly", () => {
    expect(filterGroup([equals("Code", DataValueType.TEXT, "X")])).toEqual({
      filterType: 6,
      isEnabled: true,
      logicalOperation: 0,
      items: {
        f1: {
          filterType: 1,
          comparisonType: 3,
          isEnabled: true,
          leftExpression: { expressionType: 0, columnPath: "Code" },
          rightExpression: { expressionType: 2, parameter: { dataValueType: 1, value: "X" } },
        },
      },
    });
  });

  it("builds the contract's one-row Feature select exactly (the runtime probe)", () => {
    expect(featureIdSelectBody()).toEqual({
      rootSchemaName: "Feature",
      operationType: 0,
      columns: { items: { Id: { expression: { expressionType: 0, columnPath: "Id" } } } },
      filters: filterGroup([equals("Code", DataValueType.TEXT, "OAuth20Integration")]),
      rowCount: 1,
    });
  });

  it("keys several conditions f1, f2 in an AND group", () => {
    const body = selectBody({
      rootSchemaName: "AdminUnitFeatureState",
      columns: ["Id", "FeatureState"],
      where: [equals("Feature", DataValueType.GUID, "a"), equals("SysAdminUnit", DataValueType.GUID, "b")],
      rowCount: 1,
    });
    expect(Object.keys(body.filters.items)).toEqual(["f1", "f2"]);
    expect(body.filters.logicalOperation).toBe(0);
    expect(body.filters.items.f2?.leftExpression.columnPath).toBe("SysAdminUnit");
    expect(Object.keys(body.columns.items)).toEqual(["Id", "FeatureState"]);
  });

  it("builds an insert with LOOKUP and INTEGER values", () => {
    expect(
      insertBody({
        rootSchemaName: "AdminUnitFeatureState",
        values: {
          Feature: value(DataValueType.LOOKUP, "id-1"),
          FeatureState: value(DataValueType.INTEGER, 1),
        },
      }),
    ).toEqual({
      rootSchemaName: "AdminUnitFeatureState",
      operationType: 1,
      columnValues: {
        items: {
          Feature: { expressionType: 2, parameter: { dataValueType: 10, value: "id-1" } },
          FeatureState: { expressionType: 2, parameter: { dataValueType: 4, value: 1 } },
        },
      },
    });
  });

  it("builds an update limited by its filter", () => {
    const body = updateBody({
      rootSchemaName: "AdminUnitFeatureState",
      values: { FeatureState: value(DataValueType.INTEGER, 1) },
      where: [equals("Id", DataValueType.GUID, "row-1")],
    });
    expect(body.operationType).toBe(2);
    expect(body.filters.items.f1?.rightExpression.parameter).toEqual({ dataValueType: 0, value: "row-1" });
    expect(body.columnValues.items.FeatureState?.parameter.value).toBe(1);
  });

  it("uses the BOOLEAN type for IsDefault = true", () => {
    const filter = filterGroup([equals("IsDefault", DataValueType.BOOLEAN, true)]);
    expect(filter.items.f1?.rightExpression.parameter).toEqual({ dataValueType: 12, value: true });
  });

  it("base64-encodes the feature name for the 8.2+ cache clear", () => {
    expect(FEATURE_CODE_BASE64).toBe("T0F1dGgyMEludGVncmF0aW9u");
  });
});

describe("reading rows", () => {
  const id = "A29A3BA5-4B0D-DE11-9A51-005056C00008";
  it("reads GUIDs plainly or from LOOKUP values, lower-cased", () => {
    expect(readGuid({ Id: id }, "Id")).toBe(id.toLowerCase());
    expect(readGuid({ Feature: { value: id, displayValue: "x" } }, "Feature")).toBe(id.toLowerCase());
    expect(readGuid({ Id: "not-a-guid" }, "Id")).toBeNull();
    expect(readGuid({}, "Id")).toBeNull();
  });

  it("reads integers from numbers or numeric strings only", () => {
    expect(readInt({ FeatureState: 1 }, "FeatureState")).toBe(1);
    expect(readInt({ FeatureState: "0" }, "FeatureState")).toBe(0);
    expect(readInt({ FeatureState: "" }, "FeatureState")).toBeNull();
    expect(readInt({ FeatureState: 1.5 }, "FeatureState")).toBeNull();
    expect(readInt({ FeatureState: null }, "FeatureState")).toBeNull();
  });

  it("reads text plainly or from a LOOKUP's displayValue", () => {
    expect(readText({ Name: "ApplicationAccess_1" }, "Name")).toBe("ApplicationAccess_1");
    expect(readText({ Name: { value: id, displayValue: "All employees" } }, "Name")).toBe("All employees");
    expect(readText({ Name: "" }, "Name")).toBeNull();
  });
});
