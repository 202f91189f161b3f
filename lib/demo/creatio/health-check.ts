// GET api/OAuthHealthCheck, computed from the tenant's real state: empty settings, then whether Creatio's
// server reaches the Identity Service, then whether it gets a token with the saved id and secret.

import { SETTING_CLIENT_ID, SETTING_CLIENT_SECRET, SETTING_URL } from "./constants";
import { json, type Reply } from "./http";
import { type CreatioNetwork, identityServiceAnswers, requestSystemToken } from "./identity-client";
import type { Tenant } from "./tenant";

const UNAVAILABLE_MESSAGE =
  "IdentityService specified in system setting OAuth20IdentityServerUrl is unavailable.";
const TOKEN_MESSAGE =
  "Can't retrieve access_token for system actions from IdentityService specified in system settings " +
  "OAuth20IdentityServerUrl using client_id and client_secret specified in system settings " +
  "OAuth20IdentityServerClientId & OAuth20IdentityServerClientSecret.";

export function emptySettingsMessage(emptyCodes: string[]): string {
  return emptyCodes.length === 1
    ? `System setting ${emptyCodes[0]} is empty.`
    : `System settings ${emptyCodes.join(", ")} are empty.`;
}

interface Checks {
  filled: boolean;
  available: boolean;
  token: boolean;
  message?: string;
}

async function runChecks(tenant: Tenant, network: CreatioNetwork): Promise<Checks> {
  const codes = [SETTING_URL, SETTING_CLIENT_ID, SETTING_CLIENT_SECRET];
  const empty = codes.filter((code) => tenant.setting(code).trim() === "");
  if (empty.length > 0)
    return { filled: false, available: false, token: false, message: emptySettingsMessage(empty) };
  const url = tenant.setting(SETTING_URL);
  if (!(await identityServiceAnswers(url, network))) {
    return { filled: true, available: false, token: false, message: UNAVAILABLE_MESSAGE };
  }
  const token = await requestSystemToken(
    url,
    tenant.setting(SETTING_CLIENT_ID),
    tenant.setting(SETTING_CLIENT_SECRET),
    network,
  );
  if (!token.ok) return { filled: true, available: true, token: false, message: TOKEN_MESSAGE };
  return { filled: true, available: true, token: true };
}

export async function oauthHealthCheck(tenant: Tenant, network: CreatioNetwork): Promise<Reply> {
  const checks = await runChecks(tenant, network);
  const hasProblem = !checks.token;
  const body: Record<string, unknown> = {
    HasProblem: hasProblem,
    IsSystemSettingsFilledIn: checks.filled,
    IsIdentityServiceAvailable: checks.available,
    IsAccessTokenRetrievableForSystemActions: checks.token,
  };
  if (tenant.config.healthCheckReportsDefaultResource) {
    body.IsDefaultResourceRegistered = tenant.defaultResources().length > 0;
  }
  if (checks.message) body.Message = checks.message;
  return json(hasProblem ? 500 : 200, body);
}
