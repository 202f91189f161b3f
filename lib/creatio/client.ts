import "server-only";
import { PASSWORD_MAX_LENGTH, USER_NAME_MAX_LENGTH } from "@/lib/contract/creatio";
import { normalizeCreatioUrl } from "@/lib/contract/url";
import { wizardError } from "@/lib/errors";
import { type ClientOptions, newConnection, restoreConnection, signOut } from "./connection";
import { enableFeatureForAllUsers, getFeatureStatus } from "./features";
import { getOAuthHealth } from "./health";
import {
  addIntegrationApp,
  type BearerResult,
  bearerRead,
  type CreatedApp,
  type DeleteOutcome,
  deleteIntegrationApp,
  findIntegrationApps,
  findProofUser,
  type IntegrationApp,
  type ProofUser,
} from "./integration-apps";
import { login } from "./login";
import { type CreatioOperation, canExecuteOperation } from "./probes";
import { addDefaultResource, getDefaultResources } from "./resource";
import { detectRuntime, prefixOf, readVersion } from "./runtime";
import { type IdentitySettingsInput, readIdentitySettings, writeIdentitySettings } from "./settings";
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

export type { ClientOptions };

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
  if (typeof userName !== "string" || userName.trim() === "" || userName.length > USER_NAME_MAX_LENGTH) {
    throw wizardError("input:invalid-field", {
      field: "User name",
      problem: `Type the Creatio user name (at most ${USER_NAME_MAX_LENGTH} characters).`,
    });
  }
  if (typeof password !== "string" || password === "" || password.length > PASSWORD_MAX_LENGTH) {
    throw wizardError("input:invalid-field", {
      field: "Password",
      problem: `Type the password (at most ${PASSWORD_MAX_LENGTH} characters).`,
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
  const conn = newConnection(baseUrl, input.trust, {
    timeoutMs: input.timeoutMs,
    longTimeoutMs: input.longTimeoutMs,
    maxBodyBytes: input.maxBodyBytes,
  });
  const { trust, recorder } = conn;
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
  canExecuteOperation(operation: CreatioOperation): Promise<boolean>;
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

/** A client for a stored session. Throws auth:session-expired when the stored cookies are unusable. */
export function openCreatio(state: CreatioSessionState, options: ClientOptions = {}): CreatioClient {
  const conn = restoreConnection(state, options);
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
    logout: () => signOut(conn),
  };
}
