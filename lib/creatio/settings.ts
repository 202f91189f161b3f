import "server-only";
import {
  CLIENT_ID_MAX_LENGTH,
  CLIENT_SECRET_MAX_LENGTH,
  hasControlCharacters,
  SECRET_MASK,
} from "@/lib/contract/creatio";
import { checkIdentityUrl } from "@/lib/contract/url";
import { type ErrorDetails, isWizardError, wizardError } from "@/lib/errors";
import { type CreatioConnection, callCreatio, fail, servicePath } from "./request";
import {
  postSysSettingsAnswerSchema,
  type QuerySysSettingsAnswer,
  querySysSettingsAnswerSchema,
} from "./schemas";
import {
  IDENTITY_SETTING_CODES,
  type IdentitySettingCode,
  type IdentitySettings,
  LEGACY_IDENTITY_SETTING_CODES,
  type SaveSettingsResult,
  type SecretState,
} from "./types";

// Steps 2 and 3: the three system settings (docs/creatio-api.md §4.3).

const QUERY_PATH = "/DataService/json/SyncReply/QuerySysSettings";
const POST_PATH = "/DataService/json/SyncReply/PostSysSettingsValues";

type Values = NonNullable<QuerySysSettingsAnswer["values"]>;

function textValue(values: Values, code: string): string | null {
  const raw = values[code]?.value;
  return typeof raw === "string" && raw.trim() !== "" ? raw : null;
}

/**
 * With the shipped UseSecureSettingsOnClient=false Creatio does not send SecureText values (the
 * form of "nothing" is unconfirmed: empty, null or absent), so only a real value proves "set".
 */
export function secretStateOf(values: Values, code: string): SecretState {
  const raw = values[code]?.value;
  if (typeof raw === "string" && raw !== "") return "set"; // a value or the mask: both mean stored
  return "unknown";
}

export function identitySettingsFrom(values: Values): IdentitySettings {
  const [urlCode, clientIdCode, secretCode] = IDENTITY_SETTING_CODES;
  return {
    url: textValue(values, urlCode),
    clientId: textValue(values, clientIdCode),
    secret: secretStateOf(values, secretCode),
    missingCodes: IDENTITY_SETTING_CODES.filter((code) => !(code in values)),
    legacy: LEGACY_IDENTITY_SETTING_CODES.filter((code) => code in values).map((code) => ({
      code,
      hasValue: code.endsWith("Secret")
        ? secretStateOf(values, code) === "set"
        : textValue(values, code) !== null,
    })),
  };
}

async function querySettings(conn: CreatioConnection, codes: readonly string[]): Promise<Values> {
  const answer = await callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, QUERY_PATH),
    body: { sysSettingsNameCollection: codes },
    schema: querySysSettingsAnswerSchema,
  });
  if (answer.success === false || !answer.values) {
    throw fail(conn, "creatio:unexpected", {
      serverMessage: answer.errorInfo?.message ?? answer.responseStatus?.Message ?? undefined,
    });
  }
  return answer.values;
}

export async function readIdentitySettings(conn: CreatioConnection): Promise<IdentitySettings> {
  let values: Values;
  try {
    values = await querySettings(conn, [...IDENTITY_SETTING_CODES, ...LEGACY_IDENTITY_SETTING_CODES]);
  } catch (e) {
    // A build that rejects the whole query because the older codes do not exist: ask for the
    // current three only.
    if (!isWizardError(e) || (e.code !== "creatio:unexpected" && e.code !== "creatio:server-error")) throw e;
    values = await querySettings(conn, IDENTITY_SETTING_CODES);
  }
  return identitySettingsFrom(values);
}

/**
 * The health check knows what QuerySysSettings hides: with the URL and client id filled, "all
 * system settings filled in" means the secret is set, and its message names an empty secret.
 */
export function refineSecretState(
  settings: IdentitySettings,
  health: { available: boolean; isSystemSettingsFilledIn?: boolean | null; message?: string | null },
): IdentitySettings {
  if (settings.secret !== "unknown" || !health.available) return settings;
  if (health.isSystemSettingsFilledIn === true) return { ...settings, secret: "set" };
  if (
    health.message?.includes("OAuth20IdentityServerClientSecret") &&
    health.isSystemSettingsFilledIn === false
  ) {
    return { ...settings, secret: "not-set" };
  }
  return settings;
}

export interface IdentitySettingsInput {
  url: string;
  clientId: string;
  /** Empty (or the mask): keep the stored secret, do not send the code. */
  clientSecret: string;
}

/** Refuses bad input before any call; the error carries the client's calls so far, none marked. */
function invalidInput(
  conn: CreatioConnection,
  code: "input:invalid-url" | "input:invalid-field",
  details: ErrorDetails,
) {
  const error = wizardError(code, details);
  error.calls = conn.recorder.snapshot();
  return error;
}

function checkInput(conn: CreatioConnection, input: IdentitySettingsInput): Record<string, string> {
  const url = checkIdentityUrl(input.url);
  if (!url.ok) throw invalidInput(conn, "input:invalid-url", { problem: url.problem });
  const clientId = input.clientId.trim();
  if (
    clientId === "" ||
    clientId.length > CLIENT_ID_MAX_LENGTH ||
    /\s/.test(clientId) ||
    hasControlCharacters(clientId)
  ) {
    throw invalidInput(conn, "input:invalid-field", {
      field: "Client ID",
      problem: `The client id must be 1 to ${CLIENT_ID_MAX_LENGTH} characters without spaces.`,
    });
  }
  const values: Record<string, string> = {
    OAuth20IdentityServerUrl: url.url,
    OAuth20IdentityServerClientId: clientId,
  };
  const secret = input.clientSecret;
  if (secret !== "" && secret !== SECRET_MASK) {
    if (
      secret.length > CLIENT_SECRET_MAX_LENGTH ||
      hasControlCharacters(secret) ||
      secret.trim() !== secret
    ) {
      throw invalidInput(conn, "input:invalid-field", {
        field: "Client secret",
        problem: `The client secret must be at most ${CLIENT_SECRET_MAX_LENGTH} characters, without line breaks or leading and trailing spaces.`,
      });
    }
    values.OAuth20IdentityServerClientSecret = secret;
  }
  return values;
}

/**
 * Writes the settings in one PostSysSettingsValues call. `saveResult[code]` decides (the top-level
 * `success` has been seen false on good saves); all codes refused means the user lacks
 * CanManageSysSettings. Reads the settings back to verify.
 */
export async function writeIdentitySettings(
  conn: CreatioConnection,
  input: IdentitySettingsInput,
): Promise<SaveSettingsResult> {
  const values = checkInput(conn, input);
  const answer = await callCreatio(conn, {
    method: "POST",
    path: servicePath(conn, POST_PATH),
    body: { isPersonal: false, sysSettingsValues: values },
    schema: postSysSettingsAnswerSchema,
  });
  const sent = Object.keys(values) as IdentitySettingCode[];
  if (!answer.saveResult) {
    throw fail(conn, "creatio:unexpected", {
      serverMessage: answer.errorInfo?.message ?? answer.responseStatus?.Message ?? undefined,
    });
  }
  const saved: SaveSettingsResult["saved"] = {};
  for (const code of sent) saved[code] = answer.saveResult[code] === true;
  if (sent.every((code) => saved[code] === false)) {
    throw fail(conn, "rights:sys-settings", { codes: sent });
  }
  let readBack: IdentitySettings | null = null;
  try {
    readBack = await readIdentitySettings(conn);
  } catch (e) {
    if (!isWizardError(e)) throw e;
  }
  return {
    saved,
    allSaved: sent.every((code) => saved[code] === true),
    skipped: IDENTITY_SETTING_CODES.filter((code) => !(code in values)),
    readBack,
  };
}
