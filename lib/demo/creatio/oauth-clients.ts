// OAuthConfigService AddClient / DeleteClient / UpdateClient (docs/creatio-api.md §4.6): a server-to-server
// app is an OAuthClientApp row plus a client in the Identity Service, created and deleted together,
// synchronously, with the SAVED system settings. Handled failures are HTTP 200 with success:false; a body
// without name, applicationUrl or systemUserId is a WCF fault (HTML 400, not JSON).

import { randomUUID } from "node:crypto";
import { SETTING_CLIENT_ID, SETTING_CLIENT_SECRET, SETTING_URL } from "./constants";
import { html, isRecord, json, notFound, type Reply } from "./http";
import {
  type CreatioNetwork,
  registerAppClient,
  removeAppClient,
  requestSystemToken,
} from "./identity-client";
import { connectFailedMessage, SWITCH_OFF_MESSAGE } from "./oauth-config";
import type { Row } from "./tables";
import type { ResolvedUser, Tenant } from "./tenant";
import { newResourceName } from "./tenant";

export const HANDLE_CLIENT_FAILED_MESSAGE =
  "Unable to handle client application. Please check the values of the following system settings: " +
  "OAuth20IdentityServerClientId, OAuth20IdentityServerClientSecret.";
export const JUNCTION_FAILED_MESSAGE =
  "Unable to handle client - resource junction object. The client application was created without access to the default resource.";
export const INVALID_USER_MESSAGE = "Specified system user is not valid.";
export const NO_DEFAULT_RESOURCE_MESSAGE = "Default resource does not exist";
export const MANY_DEFAULT_RESOURCES_MESSAGE =
  "More than one default resource found. Contact your administrator.";
export const RECORD_MISSING_MESSAGE = "Record with specified Id does not exist.";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Failure {
  errorCode: string;
  message: string;
}

function answer(tenant: Tenant, method: string, body: Record<string, unknown>): Reply {
  const wrapped = tenant.config.proof.answerWrapping === "wrapped";
  return json(200, wrapped ? { [`${method}Result`]: body } : body);
}

function failed(tenant: Tenant, method: string, failure: Failure, extra: Record<string, unknown> = {}) {
  return answer(tenant, method, {
    success: false,
    errorInfo: { errorCode: failure.errorCode, message: failure.message, stackTrace: null },
    ...extra,
  });
}

/** The WCF answer to a body it cannot bind (a required member missing): HTML, not JSON. */
function wcfFault(): Reply {
  return html(
    400,
    "<!DOCTYPE html><html><head><title>Request Error</title></head><body><p>The server encountered an error " +
      "processing the request. The exception message is 'Value cannot be null.'</p></body></html>",
  );
}

/** The system client's token with the SAVED settings, or the message Creatio gives when it cannot get one. */
async function systemToken(tenant: Tenant, network: CreatioNetwork): Promise<string | Failure> {
  const url = tenant.setting(SETTING_URL);
  if (url === "") return { errorCode: "InvalidOperationException", message: connectFailedMessage(url) };
  const token = await requestSystemToken(
    url,
    tenant.setting(SETTING_CLIENT_ID),
    tenant.setting(SETTING_CLIENT_SECRET),
    network,
  );
  if (token.ok) return token.value;
  return token.reason === "unreachable"
    ? { errorCode: "InvalidOperationException", message: connectFailedMessage(url) }
    : { errorCode: "InvalidOperationException", message: HANDLE_CLIENT_FAILED_MESSAGE };
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export async function addClient(
  tenant: Tenant,
  user: ResolvedUser,
  network: CreatioNetwork,
  body: unknown,
): Promise<Reply> {
  const request = isRecord(body) && isRecord(body.addClientRequest) ? body.addClientRequest : null;
  const name = text(request?.name);
  const applicationUrl = text(request?.applicationUrl);
  const systemUserId = text(request?.systemUserId);
  if (!request || !name || !applicationUrl || !systemUserId) return wcfFault();
  const method = "AddClient";
  if (!user.canManageSolution) {
    return failed(tenant, method, {
      errorCode: "SecurityException",
      message: 'You do not have permission for the "CanManageSolution" operation.',
    });
  }
  if (!tenant.config.oauthConfigSwitch) {
    return failed(tenant, method, { errorCode: "InvalidOperationException", message: SWITCH_OFF_MESSAGE });
  }
  const unit = GUID.test(systemUserId)
    ? tenant.tables.SysAdminUnit.find((row) => String(row.Id) === systemUserId.toLowerCase())
    : undefined;
  const validTypes = tenant.config.version.startsWith("8.1") ? [4] : [4, 7];
  if (!unit || !validTypes.includes(Number(unit.SysAdminUnitTypeValue))) {
    return failed(tenant, method, { errorCode: "ArgumentException", message: INVALID_USER_MESSAGE });
  }
  const defaults = tenant.defaultResources();
  if (defaults.length === 0) {
    return failed(tenant, method, {
      errorCode: "ItemNotFoundException",
      message: NO_DEFAULT_RESOURCE_MESSAGE,
    });
  }
  if (defaults.length > 1) {
    return failed(tenant, method, {
      errorCode: "InvalidOperationException",
      message: MANY_DEFAULT_RESOURCES_MESSAGE,
    });
  }
  const token = await systemToken(tenant, network);
  if (typeof token !== "string") return failed(tenant, method, token);

  const { proof } = tenant.config;
  // A shared Identity Service database or a re-created resource: the client gets another resource.
  const resource = proof.junctionFails ? null : proof.audienceMismatch ? newResourceName() : defaults[0];
  const grantType =
    proof.clientGrantType === "authorization_code"
      ? "authorization_code"
      : text(request.grantType) === "client_credentials" || request.grantType === undefined
        ? "client_credentials"
        : String(request.grantType);
  const registered = await registerAppClient(
    tenant.setting(SETTING_URL),
    token,
    {
      name,
      systemUserId: systemUserId.toLowerCase(),
      resource: resource ?? null,
      grantType,
      visibleAfterMs: proof.clientVisibleAfterMs,
    },
    network,
  );
  if (!registered.ok) {
    return failed(
      tenant,
      method,
      registered.reason === "unreachable"
        ? {
            errorCode: "InvalidOperationException",
            message: connectFailedMessage(tenant.setting(SETTING_URL)),
          }
        : { errorCode: "InvalidOperationException", message: HANDLE_CLIENT_FAILED_MESSAGE },
    );
  }
  const row: Row = {
    Id: randomUUID(),
    Name: name,
    ClientId: registered.value.clientId,
    ApplicationUrl: applicationUrl,
    SystemUser: systemUserId.toLowerCase(),
    IsActive: true,
  };
  tenant.tables.OAuthClientApp.push(row);
  if (proof.junctionFails) {
    // The row and the client exist; only the link to the resource is missing.
    return failed(tenant, method, {
      errorCode: "InvalidOperationException",
      message: JUNCTION_FAILED_MESSAGE,
    });
  }
  return answer(tenant, method, {
    success: true,
    errorInfo: null,
    clientId: registered.value.clientId,
    clientSecret: registered.value.clientSecret,
  });
}

/** Removes the Identity Service's client, then the row; the row stays when the service refuses. */
export async function deleteAppRow(
  tenant: Tenant,
  row: Row,
  network: CreatioNetwork,
): Promise<Failure | null> {
  const token = await systemToken(tenant, network);
  if (typeof token !== "string") return token;
  const removed = await removeAppClient(tenant.setting(SETTING_URL), token, String(row.ClientId), network);
  if (!removed.ok) {
    return removed.reason === "unreachable"
      ? { errorCode: "InvalidOperationException", message: connectFailedMessage(tenant.setting(SETTING_URL)) }
      : { errorCode: "InvalidOperationException", message: HANDLE_CLIENT_FAILED_MESSAGE };
  }
  tenant.tables.OAuthClientApp = tenant.tables.OAuthClientApp.filter((other) => other !== row);
  return null;
}

function endpointMissing(tenant: Tenant): Reply | null {
  const { deleteClient } = tenant.config.proof;
  if (deleteClient === "missing-404") return notFound();
  if (deleteClient === "missing-fault") {
    return html(
      404,
      "<!DOCTYPE html><html><head><title>Service</title></head><body><p>Endpoint not found. Please see the " +
        "service help page for constructing valid requests to the service.</p></body></html>",
    );
  }
  return null;
}

/**
 * The app a DeleteClient / UpdateClient request names, or the answer Creatio gives instead: a WCF
 * fault without a client id, the security message without CanManageSolution, "does not exist".
 */
function appOfRequest(
  tenant: Tenant,
  user: ResolvedUser,
  body: unknown,
  key: "deleteClientRequest" | "updateClientRequest",
  method: string,
):
  | { reply: Reply }
  | { row: (typeof tenant.tables.OAuthClientApp)[number]; request: Record<string, unknown> } {
  const request = isRecord(body) && isRecord(body[key]) ? body[key] : null;
  const clientId = text(request?.clientId);
  if (!request || !clientId) return { reply: wcfFault() };
  if (!user.canManageSolution) {
    return {
      reply: failed(tenant, method, {
        errorCode: "SecurityException",
        message: 'You do not have permission for the "CanManageSolution" operation.',
      }),
    };
  }
  const row = tenant.tables.OAuthClientApp.find(
    (r) => String(r.ClientId).toLowerCase() === clientId.toLowerCase(),
  );
  if (!row) {
    return {
      reply: failed(tenant, method, { errorCode: "ItemNotFoundException", message: RECORD_MISSING_MESSAGE }),
    };
  }
  return { row, request };
}

export async function deleteClient(
  tenant: Tenant,
  user: ResolvedUser,
  network: CreatioNetwork,
  body: unknown,
): Promise<Reply> {
  const missing = endpointMissing(tenant);
  if (missing) return missing;
  const method = "DeleteClient";
  const found = appOfRequest(tenant, user, body, "deleteClientRequest", method);
  if ("reply" in found) return found.reply;
  const failure = await deleteAppRow(tenant, found.row, network);
  return failure
    ? failed(tenant, method, failure)
    : answer(tenant, method, { success: true, errorInfo: null });
}

export function updateClient(tenant: Tenant, user: ResolvedUser, body: unknown): Reply {
  const method = "UpdateClient";
  const found = appOfRequest(tenant, user, body, "updateClientRequest", method);
  if ("reply" in found) return found.reply;
  if (typeof found.request.isActive === "boolean") found.row.IsActive = found.request.isActive;
  return answer(tenant, method, { success: true, errorInfo: null });
}
