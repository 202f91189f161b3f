// Fixed ids and names of a demo Creatio install.

export const DEMO_USER = "Supervisor";
export const DEMO_PASSWORD = "Supervisor";

/** Role "System administrators". */
export const SYSTEM_ADMINISTRATORS_ID = "83a43ebc-f36b-1410-298d-001e8c82bcad";
/** Role "All employees". */
export const ALL_EMPLOYEES_ID = "a29a3ba5-4b0d-de11-9a51-005056c00008";
/** Supervisor's own SysAdminUnit id in a shipped install. */
export const SUPERVISOR_ID = "7f3b869f-34f3-4f20-ab4d-7480a5fdf647";

export const ROLE_NAMES: Record<string, string> = {
  [SYSTEM_ADMINISTRATORS_ID]: "System administrators",
  [ALL_EMPLOYEES_ID]: "All employees",
};

export const FEATURE_CODE = "OAuth20Integration";

export const SETTING_URL = "OAuth20IdentityServerUrl";
export const SETTING_CLIENT_ID = "OAuth20IdentityServerClientId";
export const SETTING_CLIENT_SECRET = "OAuth20IdentityServerClientSecret";
export const LEGACY_SETTING_URL = "IdentityServerUrl";
export const LEGACY_SETTING_CLIENT_ID = "IdentityServerClientId";
export const LEGACY_SETTING_CLIENT_SECRET = "IdentityServerClientSecret";

/** Creatio DataValueType numbers used here. */
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
