// OAuthConfigService: AddDefaultResource (not idempotent, slow, needs CanManageSolution, really calls the
// Identity Service with the SAVED settings) and ConfigureIdentityProvider (settings + resource in one call).

import { randomUUID } from "node:crypto";
import { SETTING_CLIENT_ID, SETTING_CLIENT_SECRET, SETTING_URL } from "./constants";
import { isRecord, json, type Reply, sleep } from "./http";
import { type CreatioNetwork, registerResource, requestSystemToken } from "./identity-client";
import type { ResolvedUser, Tenant } from "./tenant";

export const SWITCH_OFF_MESSAGE =
  "To enable OAuth 2.0 set Feature-EnableOAuth20Integration = true in AppSettings section of application config file";
export const REGISTER_FAILED_MESSAGE =
  "Unable to register resource. Please check the values of the following system settings: " +
  "OAuth20IdentityServerClientId, OAuth20IdentityServerClientSecret.";
export const connectFailedMessage = (url: string) =>
  `Unable to connect to OAuth server at "${url}" (system setting OAuth20IdentityServerUrl)`;

type Outcome = { success: true; scope: string } | { success: false; errorCode: string; message: string };

const failure = (errorCode: string, message: string): Outcome => ({ success: false, errorCode, message });

function alreadyExists(name: string): Outcome {
  return failure("ItemAlreadyExistException", `Item with identifier "${name}" already exists`);
}

/** The whole AddDefaultResource run; changes the tenant only on success. */
async function createDefaultResource(
  tenant: Tenant,
  user: ResolvedUser,
  network: CreatioNetwork,
): Promise<Outcome> {
  if (!user.canManageSolution) {
    return failure("SecurityException", 'You do not have permission for the "CanManageSolution" operation.');
  }
  if (!tenant.config.oauthConfigSwitch) return failure("InvalidOperationException", SWITCH_OFF_MESSAGE);
  const existing = tenant.defaultResources();
  if (existing[0] !== undefined) return alreadyExists(existing[0]);

  // Creatio waits on the Identity Service here; the demo makes that wait visible.
  await sleep(tenant.config.addDefaultResourceDelayMs);
  const url = tenant.setting(SETTING_URL);
  if (url === "") return failure("InvalidOperationException", connectFailedMessage(url));
  const clientId = tenant.setting(SETTING_CLIENT_ID);
  const clientSecret = tenant.setting(SETTING_CLIENT_SECRET);
  if (clientId === "" || clientSecret === "")
    return failure("InvalidOperationException", REGISTER_FAILED_MESSAGE);

  const token = await requestSystemToken(url, clientId, clientSecret, network);
  if (!token.ok) {
    return token.reason === "unreachable"
      ? failure("InvalidOperationException", connectFailedMessage(url))
      : failure("InvalidOperationException", REGISTER_FAILED_MESSAGE);
  }
  const name = tenant.defaultResourceName;
  const registered = await registerResource(url, token.value, name, network);
  if (!registered.ok) {
    return registered.reason === "unreachable"
      ? failure("InvalidOperationException", connectFailedMessage(url))
      : failure("InvalidOperationException", REGISTER_FAILED_MESSAGE);
  }
  // A second call that ran in parallel finds the first one's row here.
  const now = tenant.defaultResources();
  if (now[0] !== undefined) return alreadyExists(now[0]);
  tenant.tables.OAuthResource.push({ Id: randomUUID(), Name: name, IsDefault: true });
  return { success: true, scope: name };
}

function outcomeBody(outcome: Outcome) {
  return outcome.success
    ? { success: true, errorInfo: null, scope: outcome.scope }
    : {
        success: false,
        errorInfo: { errorCode: outcome.errorCode, message: outcome.message, stackTrace: null },
        scope: null,
      };
}

export async function addDefaultResource(
  tenant: Tenant,
  user: ResolvedUser,
  network: CreatioNetwork,
): Promise<Reply> {
  const outcome = await createDefaultResource(tenant, user, network);
  return json(200, { AddDefaultResourceResult: outcomeBody(outcome) });
}

/** Writes the three settings, then creates the default resource if none exists. Answer not wrapped. */
export async function configureIdentityProvider(
  tenant: Tenant,
  user: ResolvedUser,
  network: CreatioNetwork,
  body: unknown,
): Promise<Reply> {
  const request = isRecord(body) && isRecord(body.settingsRequest) ? body.settingsRequest : null;
  const { serverUrl, clientId, clientSecret } = request ?? {};
  if (typeof serverUrl !== "string" || typeof clientId !== "string" || typeof clientSecret !== "string") {
    const message = "settingsRequest must hold serverUrl, clientId and clientSecret.";
    return json(200, {
      success: false,
      errorInfo: { errorCode: "ArgumentException", message, stackTrace: null },
    });
  }
  if (!user.canManageSysSettings) {
    const message = 'You do not have permission for the "CanManageSysSettings" operation.';
    return json(200, {
      success: false,
      errorInfo: { errorCode: "SecurityException", message, stackTrace: null },
    });
  }
  const previous = [SETTING_URL, SETTING_CLIENT_ID, SETTING_CLIENT_SECRET].map((code) =>
    tenant.setting(code),
  );
  const write = (values: string[]) =>
    [SETTING_URL, SETTING_CLIENT_ID, SETTING_CLIENT_SECRET].forEach((code, index) => {
      const entry = tenant.settings.get(code);
      if (entry) entry.value = values[index] ?? "";
    });
  write([serverUrl, clientId, clientSecret]);
  if (tenant.defaultResources().length > 0) return json(200, { success: true, errorInfo: null });
  const outcome = await createDefaultResource(tenant, user, network);
  // One call, one outcome: a failed creation leaves the old settings.
  if (!outcome.success) write(previous);
  const { scope: _scope, ...unwrapped } = outcomeBody(outcome);
  return json(200, unwrapped);
}
