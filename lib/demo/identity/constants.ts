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

/** Where Creatio's AddClient / DeleteClient register and remove an app's client (demo paths, under /api). */
export const CLIENTS_REGISTER_PATH = "/api/Clients/register";
export const CLIENTS_REMOVE_PATH = "/api/Clients/remove";
/** Scope the system client needs to manage app clients. */
export const MANAGE_CLIENTS_SCOPE = "IdentityServerApi";
/** The JWT claim that names the Creatio user (SysAdminUnit) a bearer call runs as. */
export const SYS_ADMIN_UNIT_CLAIM = "prop:SysAdminUnitId";
/** Resource indicators must be absolute URIs; a Creatio resource name is put behind this prefix. */
export const RESOURCE_URN_PREFIX = "urn:creatio:resource:";
