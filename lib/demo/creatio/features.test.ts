import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  columns,
  columnValues,
  equalsFilter,
  signedInTenant,
  startTestDemo,
  TenantClient,
  type TestDemo,
} from "../test-support";
import { ALL_EMPLOYEES_ID, SUPERVISOR_ID, SYSTEM_ADMINISTRATORS_ID } from "./constants";

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(() => demo.close());

const GUID = 0;
const TEXT = 1;
const INTEGER = 4;
const LOOKUP = 10;
const BASE64_NAME = Buffer.from("OAuth20Integration").toString("base64");

interface SelectAnswer {
  success: boolean;
  rows: Record<string, unknown>[];
  errorInfo?: { errorCode: string; message: string };
}

async function featureId(client: TenantClient, p: string): Promise<string | undefined> {
  const { body } = await client.post<SelectAnswer>(`${p}/DataService/json/SyncReply/SelectQuery`, {
    rootSchemaName: "Feature",
    operationType: 0,
    columns: columns("Id"),
    filters: equalsFilter("Code", TEXT, "OAuth20Integration"),
    rowCount: 1,
  });
  return body.rows[0]?.Id as string | undefined;
}

async function featureState(client: TenantClient, p: string): Promise<unknown> {
  return (await client.post(`${p}/rest/FeatureService/GetFeatureState`, { code: "OAuth20Integration" })).body;
}

function insertAllEmployeesRow(client: TenantClient, p: string, feature: string) {
  return client.post<{ success: boolean; id: string }>(`${p}/DataService/json/SyncReply/InsertQuery`, {
    rootSchemaName: "AdminUnitFeatureState",
    operationType: 1,
    columnValues: columnValues({
      Feature: [LOOKUP, feature],
      SysAdminUnit: [LOOKUP, ALL_EMPLOYEES_ID],
      FeatureState: [INTEGER, 1],
    }),
  });
}

describe("DataService over the feature tables", () => {
  it("ships the feature with one row for System administrators at 0, LOOKUPs returned with displayValue", async () => {
    const { client, p } = await signedInTenant(demo);
    const feature = await featureId(client, p);
    expect(feature).toMatch(/^[0-9a-f-]{36}$/);
    const { body } = await client.post<SelectAnswer>(`${p}/DataService/json/SyncReply/SelectQuery`, {
      rootSchemaName: "AdminUnitFeatureState",
      operationType: 0,
      columns: columns("Id", "SysAdminUnit", "FeatureState"),
      filters: equalsFilter("Feature", LOOKUP, feature),
    });
    expect(body.success).toBe(true);
    expect(body.rows).toEqual([
      {
        Id: expect.any(String),
        SysAdminUnit: { value: SYSTEM_ADMINISTRATORS_ID, displayValue: "System administrators" },
        FeatureState: 0,
      },
    ]);
  });

  it("combines filters in a group and compares LOOKUPs by GUID in any case", async () => {
    const { client, p } = await signedInTenant(demo);
    const feature = (await featureId(client, p)) ?? "";
    const select = (unit: string) =>
      client.post<SelectAnswer>(`${p}/DataService/json/SyncReply/SelectQuery`, {
        rootSchemaName: "AdminUnitFeatureState",
        operationType: 0,
        columns: columns("Id"),
        filters: {
          filterType: 6,
          logicalOperation: 0,
          items: {
            feature: equalsFilter("Feature", LOOKUP, { value: feature.toUpperCase() }),
            unit: equalsFilter("SysAdminUnit", LOOKUP, unit),
          },
        },
      });
    expect((await select(SYSTEM_ADMINISTRATORS_ID.toUpperCase())).body.rows).toHaveLength(1);
    expect((await select(ALL_EMPLOYEES_ID)).body.rows).toHaveLength(0);
  });

  it("answers a bad query with success:false and errorInfo, and a duplicate insert changes nothing", async () => {
    const { id, client, p } = await signedInTenant(demo);
    const unknownColumn = await client.post<SelectAnswer>(`${p}/DataService/json/SyncReply/SelectQuery`, {
      rootSchemaName: "Feature",
      columns: columns("Nope"),
    });
    expect(unknownColumn.status).toBe(200);
    expect(unknownColumn.body).toMatchObject({
      success: false,
      errorInfo: { errorCode: expect.any(String) },
    });

    const feature = (await featureId(client, p)) ?? "";
    expect((await insertAllEmployeesRow(client, p, feature)).body.success).toBe(true);
    const before = demo.creatio.snapshot(id).featureRows;
    const again = await insertAllEmployeesRow(client, p, feature);
    expect(again.body).toMatchObject({ success: false, errorInfo: { message: expect.any(String) } });
    expect(demo.creatio.snapshot(id).featureRows).toEqual(before);

    const badGuid = await client.post(`${p}/DataService/json/SyncReply/InsertQuery`, {
      rootSchemaName: "AdminUnitFeatureState",
      columnValues: columnValues({
        Feature: [LOOKUP, "not-a-guid"],
        SysAdminUnit: [GUID, ALL_EMPLOYEES_ID],
        FeatureState: [INTEGER, 1],
      }),
    });
    expect(badGuid.body).toMatchObject({ success: false });
    expect(demo.creatio.snapshot(id).featureRows).toEqual(before);
  });

  it("updates a row's FeatureState by filter", async () => {
    const { id, client, p } = await signedInTenant(demo, { config: { allEmployeesFeatureState: 0 } });
    const feature = (await featureId(client, p)) ?? "";
    const { body } = await client.post(`${p}/DataService/json/SyncReply/UpdateQuery`, {
      rootSchemaName: "AdminUnitFeatureState",
      operationType: 2,
      columnValues: columnValues({ FeatureState: [INTEGER, 1] }),
      filters: {
        filterType: 6,
        logicalOperation: 0,
        items: {
          a: equalsFilter("Feature", LOOKUP, feature),
          b: equalsFilter("SysAdminUnit", LOOKUP, ALL_EMPLOYEES_ID),
        },
      },
    });
    expect(body).toMatchObject({ success: true, rowsAffected: 1 });
    expect(demo.creatio.snapshot(id).featureRows).toEqual(
      expect.arrayContaining([
        { sysAdminUnitId: ALL_EMPLOYEES_ID, state: 1 },
        { sysAdminUnitId: SYSTEM_ADMINISTRATORS_ID, state: 0 },
      ]),
    );
  });
});

describe("FeatureService", () => {
  it("creates a missing feature", async () => {
    const { id, client, p } = await signedInTenant(demo, { config: { featureExists: false } });
    expect(await featureId(client, p)).toBeUndefined();
    const created = await client.post(`${p}/rest/FeatureService/CreateFeature`, {
      code: "OAuth20Integration",
      name: "OAuth20Integration",
      description: "",
    });
    expect(created.body).toEqual({ result: { success: true, errorInfo: null } });
    expect(await featureId(client, p)).toBeDefined();
    expect(demo.creatio.snapshot(id).featureExists).toBe(true);
  });

  it("keeps the state cached on 8.1 until the cache is cleared by plain name or for all features", async () => {
    const { client, p } = await signedInTenant(demo, { scenario: "fresh-8.1-netfx" });
    expect(await featureState(client, p)).toEqual({ FeatureState: 0 });
    await insertAllEmployeesRow(client, p, (await featureId(client, p)) ?? "");
    expect(await featureState(client, p)).toEqual({ FeatureState: 0 });
    // 8.1 takes the name as is: a base64 name names no feature and clears nothing useful.
    const base64 = await client.request(
      "GET",
      `${p}/rest/FeatureService/ClearFeaturesCacheForAllUsers/${BASE64_NAME}`,
    );
    expect(base64.status).toBe(200);
    expect(await featureState(client, p)).toEqual({ FeatureState: 0 });
    const all = await client.request("GET", `${p}/rest/FeatureService/ClearFeaturesCacheForAllUsers/`);
    expect(await all.json()).toBe("Cache cleared for all features");
    expect(await featureState(client, p)).toEqual({ FeatureState: 1 });
  });

  it("base64-decodes the name from 8.2 and faults with 500 on a plain name", async () => {
    const { client, p } = await signedInTenant(demo, { config: { version: "8.2.0.1234" } });
    expect(await featureState(client, p)).toEqual({ FeatureState: 0 });
    await insertAllEmployeesRow(client, p, (await featureId(client, p)) ?? "");
    const plain = await client.request(
      "GET",
      `${p}/rest/FeatureService/ClearFeaturesCacheForAllUsers/OAuth20Integration`,
    );
    expect(plain.status).toBe(500);
    expect(await plain.json()).toMatchObject({ ExceptionType: "System.FormatException" });
    expect(await featureState(client, p)).toEqual({ FeatureState: 0 });
    const encoded = await client.request(
      "GET",
      `${p}/rest/FeatureService/ClearFeaturesCacheForAllUsers/${BASE64_NAME}`,
    );
    expect(await encoded.json()).toBe("Cache cleared for feature OAuth20Integration");
    expect(await featureState(client, p)).toEqual({ FeatureState: 1 });
  });

  it("computes the state as the highest over the user's roles", async () => {
    const users = {
      Supervisor: {
        password: "Supervisor",
        loginCode: 0,
        canManageSysSettings: true,
        canManageSolution: true,
      },
      Clerk: { password: "pw", loginCode: 0, canManageSysSettings: false, canManageSolution: false },
    } as const;
    const { id, client, p } = await signedInTenant(demo, { config: { users } });
    // Only System administrators have a row: Supervisor is in it; Clerk (All employees only) is not.
    const sysadminRow = demo.creatio.snapshot(id).featureRows[0];
    expect(sysadminRow).toEqual({ sysAdminUnitId: SYSTEM_ADMINISTRATORS_ID, state: 0 });
    await client.post(`${p}/rest/FeatureService/SetFeatureStateForAllUsers`, {
      code: "OAuth20Integration",
      state: 1,
    });
    await client.request("GET", `${p}/rest/FeatureService/ClearFeaturesCacheForAllUsers/`);
    expect(await featureState(client, p)).toEqual({ FeatureState: 1 });

    const clerk = new TenantClient(client.baseUrl);
    expect((await clerk.login("Clerk", "pw")).Code).toBe(0);
    expect(await featureState(clerk, p)).toEqual({ FeatureState: 0 });
  });

  it("SetFeatureStateForAllUsers flips only existing rows: All employees get nothing", async () => {
    const { id, client, p } = await signedInTenant(demo);
    const answer = await client.post(`${p}/rest/FeatureService/SetFeatureStateForAllUsers`, {
      code: "OAuth20Integration",
      state: 1,
    });
    expect(answer.status).toBe(200);
    expect(demo.creatio.snapshot(id).featureRows).toEqual([
      { sysAdminUnitId: SYSTEM_ADMINISTRATORS_ID, state: 1 },
    ]);
  });

  it("SetFeatureStateForAllUsers adds a row for the current user only when the feature has no rows", async () => {
    const { id, client, p } = await signedInTenant(demo, { config: { featureExists: false } });
    await client.post(`${p}/rest/FeatureService/CreateFeature`, {
      code: "OAuth20Integration",
      name: "",
      description: "",
    });
    await client.post(`${p}/rest/FeatureService/SetFeatureStateForAllUsers`, {
      code: "OAuth20Integration",
      state: 1,
    });
    expect(demo.creatio.snapshot(id).featureRows).toEqual([{ sysAdminUnitId: SUPERVISOR_ID, state: 1 }]);
  });

  it("ships the feature on for All employees from 8.3.2", async () => {
    const { id, client } = await signedInTenant(demo, { scenario: "fresh-8.3-net" });
    expect(demo.creatio.snapshot(id).featureRows).toContainEqual({
      sysAdminUnitId: ALL_EMPLOYEES_ID,
      state: 1,
    });
    expect(await featureState(client, "")).toEqual({ FeatureState: 1 });
  });
});
