// Facts of Creatio that the client (lib/creatio), the forms, the actions and the demo Creatio all
// rely on: one copy of each code, id and limit. Browser-safe. See docs/creatio-api.md.

/** The additional feature of step 1 (§4.2). */
export const FEATURE_CODE = "OAuth20Integration";
/** Role "All employees" (§4.2): the row step 1 writes. */
export const ALL_EMPLOYEES_ROLE_ID = "a29a3ba5-4b0d-de11-9a51-005056c00008";
/** Role "System administrators" (§4.2): the row a default install ships, at 0. */
export const SYSTEM_ADMINISTRATORS_ROLE_ID = "83a43ebc-f36b-1410-298d-001e8c82bcad";

/** The three system settings of step 3 (§4.3). */
export const IDENTITY_SETTING_CODES = [
  "OAuth20IdentityServerUrl",
  "OAuth20IdentityServerClientId",
  "OAuth20IdentityServerClientSecret",
] as const;
export type IdentitySettingCode = (typeof IDENTITY_SETTING_CODES)[number];

/** Older codes some builds use instead (§4.3). */
export const LEGACY_IDENTITY_SETTING_CODES = [
  "IdentityServerUrl",
  "IdentityServerClientId",
  "IdentityServerClientSecret",
] as const;

/** Creatio's settings page shows this fixed mask instead of the secret; saving it back would break the secret (§4.3). */
export const SECRET_MASK = "123456789";
/** OAuth20IdentityServerClientId is ShortText: at most 50 characters. */
export const CLIENT_ID_MAX_LENGTH = 50;
export const CLIENT_SECRET_MAX_LENGTH = 500;
export const USER_NAME_MAX_LENGTH = 250;
export const PASSWORD_MAX_LENGTH = 1000;

/** Creatio DataValueType numbers (§4.1). */
export const DataValueType = {
  GUID: 0,
  TEXT: 1,
  INTEGER: 4,
  LOOKUP: 10,
  BOOLEAN: 12,
  SECURE_TEXT: 24,
  SHORT_TEXT: 27,
  MEDIUM_TEXT: 28,
} as const;
export type DataValueTypeId = (typeof DataValueType)[keyof typeof DataValueType];

/** True when `value` holds a control character (C0 or DEL): never valid in a client id or secret. */
export function hasControlCharacters(value: string): boolean {
  for (const ch of value) if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) return true;
  return false;
}
