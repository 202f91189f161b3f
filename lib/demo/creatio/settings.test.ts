import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedInTenant, startTestDemo, type TestDemo } from "../test-support";

let demo: TestDemo;
beforeAll(async () => {
  demo = await startTestDemo();
});
afterAll(() => demo.close());

const CODES = [
  "OAuth20IdentityServerUrl",
  "OAuth20IdentityServerClientId",
  "OAuth20IdentityServerClientSecret",
];
const VALUES = {
  OAuth20IdentityServerUrl: "https://is.example.com",
  OAuth20IdentityServerClientId: "IdServiceUser",
  OAuth20IdentityServerClientSecret: "0123456789abcdef0123456789abcdef",
};

interface SaveAnswer {
  saveResult: Record<string, boolean>;
  success: boolean;
}
interface QueryAnswer {
  success: boolean;
  values: Record<string, { value: unknown; dataValueType: number }>;
}

describe("system settings", () => {
  it("reads existing empty settings as empty values", async () => {
    const { client, p } = await signedInTenant(demo);
    const { body } = await client.post<QueryAnswer>(`${p}/DataService/json/SyncReply/QuerySysSettings`, {
      sysSettingsNameCollection: CODES.slice(0, 2),
    });
    expect(body.success).toBe(true);
    expect(body.values.OAuth20IdentityServerUrl?.value).toBe("");
    expect(body.values.OAuth20IdentityServerClientId?.value).toBe("");
  });

  it("saves per code; on 8.1 the top-level success says false on a good save", async () => {
    const { id, client, p } = await signedInTenant(demo, { scenario: "fresh-8.1-netfx" });
    const { body } = await client.post<SaveAnswer>(`${p}/DataService/json/SyncReply/PostSysSettingsValues`, {
      isPersonal: false,
      sysSettingsValues: VALUES,
    });
    expect(body.saveResult).toEqual({
      OAuth20IdentityServerUrl: true,
      OAuth20IdentityServerClientId: true,
      OAuth20IdentityServerClientSecret: true,
    });
    expect(body.success).toBe(false);
    expect(demo.creatio.snapshot(id).settings).toEqual({
      url: "https://is.example.com",
      clientId: "IdServiceUser",
      secretSet: true,
    });
  });

  it("answers success:true on a good save from 8.2", async () => {
    const { client, p } = await signedInTenant(demo, { config: { version: "8.2.1.1234" } });
    const { body } = await client.post<SaveAnswer>(`${p}/DataService/json/SyncReply/PostSysSettingsValues`, {
      isPersonal: false,
      sysSettingsValues: VALUES,
    });
    expect(body.success).toBe(true);
  });

  it.each([
    ["empty", ""],
    ["null", null],
  ] as const)("never reads the secret back (%s form)", async (form, expected) => {
    const { client, p } = await signedInTenant(demo, { config: { secretReadForm: form } });
    await client.post(`${p}/DataService/json/SyncReply/PostSysSettingsValues`, {
      isPersonal: false,
      sysSettingsValues: VALUES,
    });
    const { body } = await client.post<QueryAnswer>(`${p}/DataService/json/SyncReply/QuerySysSettings`, {
      sysSettingsNameCollection: CODES,
    });
    expect(body.values.OAuth20IdentityServerClientSecret?.value).toBe(expected);
    expect(body.values.OAuth20IdentityServerUrl?.value).toBe(VALUES.OAuth20IdentityServerUrl);
    expect(JSON.stringify(body)).not.toContain(VALUES.OAuth20IdentityServerClientSecret);
  });

  it("leaves the secret out in the absent form", async () => {
    const { client, p } = await signedInTenant(demo, {
      config: { secretReadForm: "absent", settings: { clientSecret: "x" } },
    });
    const { body } = await client.post<QueryAnswer>(`${p}/DataService/json/SyncReply/QuerySysSettings`, {
      sysSettingsNameCollection: CODES,
    });
    expect(Object.keys(body.values).sort()).toEqual([
      "OAuth20IdentityServerClientId",
      "OAuth20IdentityServerUrl",
    ]);
  });

  it("shows an unknown code as absent or empty, and never saves it", async () => {
    for (const form of ["absent", "empty"] as const) {
      const { client, p } = await signedInTenant(demo, { config: { unknownSettingForm: form } });
      const { body } = await client.post<QueryAnswer>(`${p}/DataService/json/SyncReply/QuerySysSettings`, {
        sysSettingsNameCollection: ["NoSuchSetting"],
      });
      expect("NoSuchSetting" in body.values).toBe(form === "empty");
      const saved = await client.post<SaveAnswer>(`${p}/DataService/json/SyncReply/PostSysSettingsValues`, {
        isPersonal: false,
        sysSettingsValues: { NoSuchSetting: "x" },
      });
      expect(saved.body.saveResult).toEqual({ NoSuchSetting: false });
    }
  });

  it("answers false per code without CanManageSysSettings and changes nothing", async () => {
    const { id, client, p } = await signedInTenant(demo, { scenario: "no-rights" });
    const { body } = await client.post<SaveAnswer>(`${p}/DataService/json/SyncReply/PostSysSettingsValues`, {
      isPersonal: false,
      sysSettingsValues: VALUES,
    });
    expect(Object.values(body.saveResult)).toEqual([false, false, false]);
    expect(body.success).toBe(false);
    expect(demo.creatio.snapshot(id).settings).toEqual({ url: "", clientId: "", secretSet: false });
  });

  it("has the older IdentityServer* codes with values on builds that carry them", async () => {
    const { client, p } = await signedInTenant(demo, { scenario: "old-version-no-healthcheck" });
    const { body } = await client.post<QueryAnswer>(`${p}/DataService/json/SyncReply/QuerySysSettings`, {
      sysSettingsNameCollection: [
        "IdentityServerUrl",
        "IdentityServerClientId",
        "IdentityServerClientSecret",
      ],
    });
    expect(body.values.IdentityServerUrl?.value).toMatch(/^http/);
    expect(body.values.IdentityServerClientId?.value).not.toBe("");
    expect(body.values.IdentityServerClientSecret?.value).toBe("");
  });
});
