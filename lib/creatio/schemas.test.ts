import { describe, expect, it } from "vitest";
import {
  addDefaultResourceAnswerSchema,
  applicationInfoAnswerSchema,
  getFeatureStateAnswerSchema,
  healthCheckAnswerSchema,
  insertAnswerSchema,
  loginAnswerSchema,
  lookupValueSchema,
  postSysSettingsAnswerSchema,
  querySysSettingsAnswerSchema,
  selectAnswerSchema,
  updateAnswerSchema,
} from "./schemas";
import { identitySettingsFrom, refineSecretState } from "./settings";

describe("login answer (docs/creatio-api.md §2)", () => {
  it("reads success and ignores extra fields such as UserType", () => {
    const a = loginAnswerSchema.parse({
      Code: 0,
      Message: "",
      Exception: null,
      PasswordChangeUrl: null,
      RedirectUrl: null,
      UserType: "General",
    });
    expect(a.Code).toBe(0);
  });

  it("reads Code 1 with its Exception object", () => {
    const a = loginAnswerSchema.parse({
      Code: 1,
      Message: "Invalid username or password specified.",
      Exception: { Message: "x", Type: "Terrasoft.Core.InvalidCredentialsException" },
    });
    expect(a).toMatchObject({ Code: 1, Message: "Invalid username or password specified." });
  });

  it("accepts a numeric string Code but never a missing or null one", () => {
    expect(loginAnswerSchema.parse({ Code: "2" }).Code).toBe(2);
    expect(loginAnswerSchema.safeParse({ Code: null }).success).toBe(false);
    expect(loginAnswerSchema.safeParse({ Message: "hi" }).success).toBe(false);
    expect(loginAnswerSchema.safeParse({ Code: "" }).success).toBe(false);
  });
});

describe("GetApplicationInfo", () => {
  it("reads coreVersion, plain or wrapped by method name", () => {
    const info = { applicationInfo: { sysValues: { coreVersion: "8.1.2.3842", productEdition: "x" } } };
    expect(applicationInfoAnswerSchema.parse(info)).toBe("8.1.2.3842");
    expect(applicationInfoAnswerSchema.parse({ GetApplicationInfoResult: info })).toBe("8.1.2.3842");
    expect(applicationInfoAnswerSchema.safeParse({ applicationInfo: {} }).success).toBe(false);
  });

  it("takes a coreVersion that is not a version as 'Creatio would not say' (it reaches reports and pages)", () => {
    const said = (coreVersion: unknown) =>
      applicationInfoAnswerSchema.parse({ applicationInfo: { sysValues: { coreVersion } } });
    expect(said(" 8.3.2.1 ")).toBe("8.3.2.1");
    expect(said("[Click](https://evil.example) 8.1")).toBeNull();
    expect(said("8".repeat(60))).toBeNull();
    expect(said("")).toBeNull();
    expect(said(null)).toBeNull();
  });
});

describe("DataService answers", () => {
  it("reads select rows with LOOKUP values", () => {
    const a = selectAnswerSchema.parse({
      rowConfig: {},
      rows: [{ Id: "1", Feature: { value: "f", displayValue: "OAuth20Integration" }, FeatureState: 1 }],
      notFoundColumns: [],
      success: true,
    });
    expect(a.rows?.[0]?.FeatureState).toBe(1);
    expect(lookupValueSchema.parse(a.rows?.[0]?.Feature)).toEqual({
      value: "f",
      displayValue: "OAuth20Integration",
    });
  });

  it("reads failures with errorInfo and responseStatus", () => {
    const a = selectAnswerSchema.parse({
      success: false,
      errorInfo: { errorCode: "ItemNotFoundException", message: "Schema not found", stackTrace: null },
      responseStatus: { ErrorCode: "ItemNotFoundException", Message: "Schema not found", Errors: [] },
    });
    expect(a.success).toBe(false);
    expect(a.errorInfo?.message).toBe("Schema not found");
    expect(a.responseStatus?.ErrorCode).toBe("ItemNotFoundException");
  });

  it("tolerates a malformed errorInfo instead of failing the whole answer", () => {
    expect(selectAnswerSchema.parse({ success: false, errorInfo: "boom" }).errorInfo).toBeNull();
  });

  it("reads insert and update answers", () => {
    expect(
      insertAnswerSchema.parse({ id: "x", success: true, rowsAffected: 1, nextPrimaryColumnValue: "" }),
    ).toMatchObject({
      id: "x",
      rowsAffected: 1,
    });
    expect(updateAnswerSchema.parse({ success: true, rowsAffected: 1 }).rowsAffected).toBe(1);
  });
});

describe("system settings (docs/creatio-api.md §4.3)", () => {
  const base = {
    OAuth20IdentityServerUrl: { value: "https://is", displayValue: "https://is", dataValueType: 1 },
    OAuth20IdentityServerClientId: {
      value: "IdServiceUser",
      displayValue: "IdServiceUser",
      dataValueType: 27,
    },
  };

  it.each([
    ["empty", { value: "", displayValue: "", dataValueType: 24 }],
    ["null", { value: null, displayValue: null, dataValueType: 24 }],
  ])("shows a secret read back as %s as unknown", (_form, secret) => {
    const { values } = querySysSettingsAnswerSchema.parse({
      success: true,
      values: { ...base, OAuth20IdentityServerClientSecret: secret },
    });
    const s = identitySettingsFrom(values ?? {});
    expect(s).toMatchObject({
      url: "https://is",
      clientId: "IdServiceUser",
      secret: "unknown",
      missingCodes: [],
    });
  });

  it("shows an absent secret as unknown and lists it as missing", () => {
    const { values } = querySysSettingsAnswerSchema.parse({ success: true, values: base });
    const s = identitySettingsFrom(values ?? {});
    expect(s.secret).toBe("unknown");
    expect(s.missingCodes).toEqual(["OAuth20IdentityServerClientSecret"]);
  });

  it("counts the mask as a stored secret, never as its value", () => {
    const { values } = querySysSettingsAnswerSchema.parse({
      success: true,
      values: { ...base, OAuth20IdentityServerClientSecret: { value: "123456789", dataValueType: 24 } },
    });
    const s = identitySettingsFrom(values ?? {});
    expect(s.secret).toBe("set");
    expect(JSON.stringify(s)).not.toContain("123456789");
  });

  it("treats empty values as not filled in", () => {
    const s = identitySettingsFrom({
      OAuth20IdentityServerUrl: { value: "", dataValueType: 1 },
      OAuth20IdentityServerClientId: { value: "  ", dataValueType: 27 },
    });
    expect(s.url).toBeNull();
    expect(s.clientId).toBeNull();
  });

  it("detects the older IdentityServer* codes, present with or without values", () => {
    const s = identitySettingsFrom({
      ...base,
      IdentityServerUrl: { value: "http://old:8090", dataValueType: 1 },
      IdentityServerClientId: { value: "", dataValueType: 1 },
      IdentityServerClientSecret: { value: "", dataValueType: 24 },
    });
    expect(s.legacy).toEqual([
      { code: "IdentityServerUrl", hasValue: true },
      { code: "IdentityServerClientId", hasValue: false },
      { code: "IdentityServerClientSecret", hasValue: false },
    ]);
  });

  it("reads saveResult per code next to a top-level success:false", () => {
    const a = postSysSettingsAnswerSchema.parse({
      saveResult: { OAuth20IdentityServerUrl: true, OAuth20IdentityServerClientId: false },
      success: false,
      responseStatus: null,
    });
    expect(a.saveResult).toEqual({ OAuth20IdentityServerUrl: true, OAuth20IdentityServerClientId: false });
    expect(a.success).toBe(false);
  });

  it("refines an unknown secret from the health check, and only then", () => {
    const unknown = identitySettingsFrom(base);
    expect(refineSecretState(unknown, { available: true, isSystemSettingsFilledIn: true }).secret).toBe(
      "set",
    );
    expect(
      refineSecretState(unknown, {
        available: true,
        isSystemSettingsFilledIn: false,
        message: "System setting OAuth20IdentityServerClientSecret is empty.",
      }).secret,
    ).toBe("not-set");
    expect(
      refineSecretState(unknown, {
        available: true,
        isSystemSettingsFilledIn: false,
        message: "System setting OAuth20IdentityServerUrl is empty.",
      }).secret,
    ).toBe("unknown");
    expect(refineSecretState(unknown, { available: false }).secret).toBe("unknown");
  });
});

describe("FeatureService answers (wrapped by method or declared name)", () => {
  it.each([
    [{ FeatureState: 1 }, 1],
    [{ FeatureState: 0 }, 0],
    [{ GetFeatureStateResult: 1 }, 1],
    [{ GetFeatureStateResult: { FeatureState: 0 } }, 0],
    [{ FeatureState: true }, 1],
    [{ FeatureState: "1" }, 1],
  ])("reads %j as %d", (answer, expected) => {
    expect(getFeatureStateAnswerSchema.parse(answer)).toBe(expected);
  });

  it("refuses a state other than 0 or 1", () => {
    expect(getFeatureStateAnswerSchema.safeParse({ FeatureState: 2 }).success).toBe(false);
    expect(getFeatureStateAnswerSchema.safeParse({}).success).toBe(false);
  });
});

describe("AddDefaultResource (docs/creatio-api.md §4.4)", () => {
  it("reads success with the scope", () => {
    expect(
      addDefaultResourceAnswerSchema.parse({
        AddDefaultResourceResult: { success: true, errorInfo: null, scope: "ApplicationAccess_0123" },
      }),
    ).toEqual({ success: true, errorInfo: null, scope: "ApplicationAccess_0123" });
  });

  it("reads a handled failure with its errorCode", () => {
    const a = addDefaultResourceAnswerSchema.parse({
      AddDefaultResourceResult: {
        success: false,
        errorInfo: {
          errorCode: "ItemAlreadyExistException",
          message: "Item with identifier ... already exists",
        },
      },
    });
    expect(a.success).toBe(false);
    expect(a.errorInfo?.errorCode).toBe("ItemAlreadyExistException");
  });

  it("accepts the unwrapped form (ConfigureIdentityProvider style)", () => {
    expect(addDefaultResourceAnswerSchema.parse({ success: true, errorInfo: null }).success).toBe(true);
  });
});

describe("OAuth health check (docs/creatio-api.md §4.5)", () => {
  it("reads the healthy answer (no Message)", () => {
    expect(
      healthCheckAnswerSchema.parse({
        HasProblem: false,
        IsSystemSettingsFilledIn: true,
        IsIdentityServiceAvailable: true,
        IsAccessTokenRetrievableForSystemActions: true,
      }),
    ).toMatchObject({ HasProblem: false, IsAccessTokenRetrievableForSystemActions: true });
  });

  it("reads the 500 body with its Message and the optional IsDefaultResourceRegistered", () => {
    const h = healthCheckAnswerSchema.parse({
      HasProblem: true,
      IsSystemSettingsFilledIn: true,
      IsIdentityServiceAvailable: false,
      IsAccessTokenRetrievableForSystemActions: false,
      IsDefaultResourceRegistered: false,
      Message: "IdentityService specified in system setting OAuth20IdentityServerUrl is unavailable.",
      Unknown: 1,
    });
    expect(h.IsDefaultResourceRegistered).toBe(false);
    expect(h.Message).toMatch(/unavailable/);
  });

  it("accepts camelCase field names", () => {
    expect(healthCheckAnswerSchema.parse({ hasProblem: true, message: "x" })).toMatchObject({
      HasProblem: true,
      Message: "x",
    });
  });

  it("refuses an answer without HasProblem", () => {
    expect(healthCheckAnswerSchema.safeParse({ Message: "Authentication failed." }).success).toBe(false);
  });
});
