import "server-only";
import { CookieJar } from "tough-cookie";
import { isWizardError } from "./errors";
import { enableFeatureForAllUsers, getFeatureStatus } from "./features";
import { getOAuthHealth } from "./health";
import { CallRecorder } from "./http";
import {
  addIntegrationApp,
  type BearerResult,
  bearerRead,
  type CreatedApp,
  canExecuteOperation,
  type DeleteOutcome,
  deleteIntegrationApp,
  findIntegrationApps,
  findProofUser,
  type IntegrationApp,
  type ProofUser,
} from "./integration-apps";
import { login } from "./login";
import { wizardError } from "./messages";
import { type CreatioConnection, exchange, servicePath } from "./request";
import { addDefaultResource, getDefaultResources } from "./resource";
import { detectRuntime, prefixOf, readVersion } from "./runtime";
import { type IdentitySettingsInput, readIdentitySettings, writeIdentitySettings } from "./settings";
import { normalizeTrust } from "./tls";
import type {
  AddDefaultResourceResult,
  CallRecord,
  CreatioSessionState,
  DefaultResourceStatus,
  EnableFeatureResult,
  FeatureStatus,
  HealthCheckResult,
  IdentitySettings,
  LoginWarning,
  SaveSettingsResult,
  TlsTrust,
} from "./types";
import { normalizeCreatioUrl } from "./url";

export const MAX_USER_NAME_LENGTH = 250;
export const MAX_PASSWORD_LENGTH = 1000;

/** Transport limits; tests shorten them, the app keeps the defaults. */
export interface ClientOptions {
  /** Every call (default 15 s). */
  timeoutMs?: number;
  /** AddDefaultResource, which waits on the Identity Service (default 120 s). */
  longTimeoutMs?: number;
  /** Answers larger than this are refused (default 2 MB). */
  maxBodyBytes?: number;
}

export interface ConnectInput extends ClientOptions {
  baseUrl: string;
  userName: string;
  password: string;
  trust?: TlsTrust;
}

export interface ConnectResult {
  state: CreatioSessionState;
  calls: CallRecord[];
  /** Signed in, with something to tell the operator (login Code 2). */
  warning: LoginWarning | null;
}

function checkCredentials(userName: string, password: string) {
  if (typeof userName !== "string" || userName.trim() === "" || userName.length > MAX_USER_NAME_LENGTH) {
    throw wizardError("input:invalid-field", {
      field: "User name",
      problem: `Type the Creatio user name (at most ${MAX_USER_NAME_LENGTH} characters).`,
    });
  }
  if (typeof password !== "string" || password === "" || password.length > MAX_PASSWORD_LENGTH) {
    throw wizardError("input:invalid-field", {
      field: "Password",
      problem: `Type the password (at most ${MAX_PASSWORD_LENGTH} characters).`,
    });
  }
}

/**
 * Signs in, detects the runtime and reads the version. The password is sent once and not kept;
 * the returned state (cookies included) is secret and stays on the server.
 */
export async function connectToCreatio(input: ConnectInput): Promise<ConnectResult> {
  const baseUrl = normalizeCreatioUrl(input.baseUrl);
  checkCredentials(input.userName, input.password);
  const trust = normalizeTrust(input.trust);
  const recorder = new CallRecorder();
  const conn: CreatioConnection = {
    baseUrl,
    prefix: "",
    jar: new CookieJar(),
    trust,
    recorder,
    timeoutMs: input.timeoutMs,
    longTimeoutMs: input.longTimeoutMs,
    maxBodyBytes: input.maxBodyBytes,
  };
  const userName = input.userName.trim();
  const { warning } = await login(conn, userName, input.password);
  const runtime = await detectRuntime(conn);
  conn.prefix = prefixOf(runtime);
  const version = await readVersion(conn);
  return {
    state: {
      baseUrl,
      runtime,
      prefix: conn.prefix,
      version,
      userName,
      cookies: conn.jar.serializeSync(),
      ...(trust ? { trust } : {}),
    },
    calls: recorder.snapshot(),
    warning,
  };
}

export interface CreatioClient {
  /** The current session state, with the cookies Creatio set since (store it back). */
  state(): CreatioSessionState;
  /** The calls this client made, in order. */
  readonly calls: CallRecord[];
  getFeatureStatus(): Promise<FeatureStatus>;
  enableFeatureForAllUsers(): Promise<EnableFeatureResult>;
  readIdentitySettings(): Promise<IdentitySettings>;
  writeIdentitySettings(input: IdentitySettingsInput): Promise<SaveSettingsResult>;
  getDefaultResources(): Promise<DefaultResourceStatus>;
  addDefaultResource(): Promise<AddDefaultResourceResult>;
  getOAuthHealth(): Promise<HealthCheckResult>;
  // Step 5, the end-to-end proof (docs/creatio-api.md §4.6).
  canExecuteOperation(operation: string): Promise<boolean>;
  findProofUser(): Promise<ProofUser>;
  findIntegrationApps(match: { name: string } | { prefix: string }): Promise<IntegrationApp[]>;
  addIntegrationApp(input: {
    name: string;
    applicationUrl: string;
    systemUserId: string;
  }): Promise<CreatedApp>;
  deleteIntegrationApp(app: IntegrationApp): Promise<DeleteOutcome>;
  /** A read with only `Authorization: Bearer` (no cookies, no CSRF header). */
  bearerRead(accessToken: string): Promise<BearerResult>;
  logout(): Promise<void>;
}

function restoreJar(cookies: unknown): CookieJar {
  try {
    if (cookies && (typeof cookies === "object" || typeof cookies === "string")) {
      return CookieJar.deserializeSync(cookies as Parameters<typeof CookieJar.deserializeSync>[0]);
    }
  } catch {
    // fall through: an unreadable jar is a lost session
  }
  throw wizardError("auth:session-expired");
}

/** A client for a stored session. Throws auth:session-expired when the stored cookies are unusable. */
export function openCreatio(state: CreatioSessionState, options: ClientOptions = {}): CreatioClient {
  const conn: CreatioConnection = {
    baseUrl: normalizeCreatioUrl(state.baseUrl),
    prefix: state.prefix,
    jar: restoreJar(state.cookies),
    trust: normalizeTrust(state.trust),
    recorder: new CallRecorder(),
    timeoutMs: options.timeoutMs,
    longTimeoutMs: options.longTimeoutMs,
    maxBodyBytes: options.maxBodyBytes,
  };
  return {
    state: () => ({ ...state, cookies: conn.jar.serializeSync() }),
    calls: conn.recorder.list,
    getFeatureStatus: () => getFeatureStatus(conn),
    enableFeatureForAllUsers: () => enableFeatureForAllUsers(conn),
    readIdentitySettings: () => readIdentitySettings(conn),
    writeIdentitySettings: (input) => writeIdentitySettings(conn, input),
    getDefaultResources: () => getDefaultResources(conn),
    addDefaultResource: () => addDefaultResource(conn),
    getOAuthHealth: () => getOAuthHealth(conn),
    canExecuteOperation: (operation) => canExecuteOperation(conn, operation),
    findProofUser: () => findProofUser(conn, state.userName),
    findIntegrationApps: (match) => findIntegrationApps(conn, match),
    addIntegrationApp: (input) => addIntegrationApp(conn, input),
    deleteIntegrationApp: (app) => deleteIntegrationApp(conn, app),
    bearerRead: (accessToken) => bearerRead(conn, accessToken),
    logout: () => logout(conn),
  };
}

/** Ends the session in Creatio (best effort) and drops the cookies: dropping them is enough. */
async function logout(conn: CreatioConnection): Promise<void> {
  try {
    await exchange(conn, {
      method: "POST",
      path: servicePath(conn, "/rest/MainMenuService/Logout"),
      body: {},
    });
  } catch (e) {
    if (!isWizardError(e)) throw e;
  } finally {
    conn.jar.removeAllCookiesSync();
  }
}
