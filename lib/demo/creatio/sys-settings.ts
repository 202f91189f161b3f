// QuerySysSettings and PostSysSettingsValues. SecureText values are stored but never sent back (the
// shipped UseSecureSettingsOnClient=false); `saveResult` per code tells what was saved, and the top-level
// `success` may say false on a good save (the 8.1 quirk).

import { DataValueType } from "./constants";
import { dataServiceFailure } from "./dataservice";
import { isRecord, json, type Reply } from "./http";
import type { ResolvedUser, Tenant } from "./tenant";

export function querySysSettings(tenant: Tenant, body: unknown): Reply {
  const codes = isRecord(body) ? body.sysSettingsNameCollection : undefined;
  if (!Array.isArray(codes) || !codes.every((code) => typeof code === "string")) {
    return dataServiceFailure("sysSettingsNameCollection must be a list of setting codes.");
  }
  const values: Record<string, unknown> = {};
  for (const code of codes as string[]) {
    const entry = tenant.settings.get(code);
    if (!entry) {
      if (tenant.config.unknownSettingForm === "empty") {
        values[code] = { value: "", displayValue: "", dataValueType: DataValueType.TEXT };
      }
      continue;
    }
    if (entry.secure) {
      const form = tenant.config.secretReadForm;
      if (form === "absent") continue;
      const value = form === "null" ? null : "";
      values[code] = { value, displayValue: value, dataValueType: entry.dataValueType };
      continue;
    }
    values[code] = { value: entry.value, displayValue: entry.value, dataValueType: entry.dataValueType };
  }
  return json(200, { success: true, values });
}

export function postSysSettingsValues(tenant: Tenant, user: ResolvedUser, body: unknown): Reply {
  const values = isRecord(body) ? body.sysSettingsValues : undefined;
  if (!isRecord(values)) return dataServiceFailure("sysSettingsValues must be an object of code: value.");
  const saveResult: Record<string, boolean> = {};
  for (const [code, value] of Object.entries(values)) {
    const entry = tenant.settings.get(code);
    const saved = user.canManageSysSettings && entry !== undefined && typeof value === "string";
    saveResult[code] = saved;
    if (saved) entry.value = value as string;
  }
  const allSaved = Object.values(saveResult).every(Boolean);
  if (!user.canManageSysSettings) {
    return json(200, {
      saveResult,
      success: false,
      responseStatus: {
        ErrorCode: "SecurityException",
        Message: 'You do not have permission for the "CanManageSysSettings" operation.',
        StackTrace: null,
        Errors: [],
      },
    });
  }
  if (tenant.config.saveSettingsSuccessQuirk || !allSaved) {
    // Seen on 8.1: the values are saved, yet the top-level flag says false.
    return json(200, {
      saveResult,
      success: false,
      responseStatus: allSaved
        ? null
        : {
            ErrorCode: "ItemNotFoundException",
            Message: "Some system settings were not found.",
            StackTrace: null,
            Errors: [],
          },
    });
  }
  return json(200, { saveResult, success: true, responseStatus: null });
}
