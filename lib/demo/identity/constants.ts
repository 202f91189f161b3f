// Fixed demo credentials of the Identity Service's system client. Public on purpose: they only open the
// embedded demo, and trainers read them out to the class.

/** The system client id, as in Creatio's guide (16 characters are recommended; the guide's example is this one). */
export const DEMO_CLIENT_ID = "IdServiceUser";
/** The system client secret: 32 characters, as Creatio's guide asks. */
export const DEMO_CLIENT_SECRET = "DemoIdentityServiceSecret2024xyz";
/** A different 32-character secret: what Creatio holds in the wrong-secret scenario. */
export const DEMO_WRONG_CLIENT_SECRET = "EditedAppSettingsSecretNotInDb99";
export const DEMO_CLIENT_NAME = "Demo Identity Service client";

/** Scopes Creatio asks for when it registers a resource (TempAccessProxy.RegisterAccessScopes). */
export const REGISTER_SCOPES = "register_own_resource IdentityServerApi";

/** Every scope the system client may ask for, as in the guide's `Clients` example. */
export const SYSTEM_CLIENT_SCOPES = [
  "register_own_resource",
  "get_resource_list",
  "get_client_info",
  "find_clients",
  "remove_client",
  "update_client",
  "add_registrar_client",
  "IdentityServerApi",
] as const;

/** Where Creatio registers its own resources (TempAccessProxy.RegisterAccessMethod, under /api). */
export const REGISTER_RESOURCE_PATH = "/api/OwnedResources/register";

export interface DemoIdentityClient {
  clientId: string;
  clientSecret: string;
  clientName?: string;
}
