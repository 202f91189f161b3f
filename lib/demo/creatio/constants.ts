// Fixed ids and names of a demo Creatio install. Creatio's own codes and ids come from lib/contract,
// the same copy the wizard's client uses.
import {
  ALL_EMPLOYEES_ROLE_ID,
  DataValueType,
  FEATURE_CODE,
  IDENTITY_SETTING_CODES,
  LEGACY_IDENTITY_SETTING_CODES,
  SYSTEM_ADMINISTRATORS_ROLE_ID,
} from "@/lib/contract/creatio";

export const DEMO_USER = "Supervisor";
export const DEMO_PASSWORD = "Supervisor";

/** Role "System administrators". */
export const SYSTEM_ADMINISTRATORS_ID = SYSTEM_ADMINISTRATORS_ROLE_ID;
/** Role "All employees". */
export const ALL_EMPLOYEES_ID = ALL_EMPLOYEES_ROLE_ID;
/** Supervisor's own SysAdminUnit id in a shipped install. */
export const SUPERVISOR_ID = "7f3b869f-34f3-4f20-ab4d-7480a5fdf647";

export const ROLE_NAMES: Record<string, string> = {
  [SYSTEM_ADMINISTRATORS_ID]: "System administrators",
  [ALL_EMPLOYEES_ID]: "All employees",
};

export { FEATURE_CODE };

export const [SETTING_URL, SETTING_CLIENT_ID, SETTING_CLIENT_SECRET] = IDENTITY_SETTING_CODES;
export const [LEGACY_SETTING_URL, LEGACY_SETTING_CLIENT_ID, LEGACY_SETTING_CLIENT_SECRET] =
  LEGACY_IDENTITY_SETTING_CODES;

export { DataValueType };
