// Routes one request inside a tenant (path relative to its virtual directory) and applies the access
// rules: anonymous pages, AuthService at the root, and for everything else a live session and the CSRF
// header, with the not-logged-in answer each kind of endpoint gives (401 JSON for .svc, 302 to the
// runtime's login page for DataService, rest and pages).

import type http from "node:http";
import { AUTH_FAILED_BODY, login, logout, mainMenuLogout } from "./auth";
import { bearerRejection, bearerToken, checkBearer } from "./bearer";
import {
  type DataServiceOperation,
  dataServiceFailure,
  deleteQuery,
  runDataServiceQuery,
} from "./dataservice";
import {
  clearFeaturesCacheForAllUsers,
  createFeature,
  getFeatureState,
  setFeatureStateForAllUsers,
} from "./features";
import { oauthHealthCheck } from "./health-check";
import { fault, json, methodNotAllowed, notFound, parseJsonBody, type Reply, redirect } from "./http";
import type { CreatioNetwork } from "./identity-client";
import { addClient, deleteAppRow, deleteClient, updateClient } from "./oauth-clients";
import { addDefaultResource, configureIdentityProvider } from "./oauth-config";
import { applicationInfo, loginPage, ping, shellPage } from "./pages";
import { getCanExecuteOperation } from "./rights";
import { csrfAccepted, currentSession } from "./session";
import { postSysSettingsValues, querySysSettings } from "./sys-settings";
import type { ResolvedUser, Tenant } from "./tenant";
import { hasConfigureIdentityProvider, hasHealthCheck } from "./version";

interface RequestContext {
  tenant: Tenant;
  req: http.IncomingMessage;
  body: unknown;
  network: CreatioNetwork;
}
interface UserContext extends RequestContext {
  user: ResolvedUser;
  /** The call came with a bearer token (docs/creatio-api.md §4.6 step 5), not a session. */
  viaBearer?: boolean;
}

/**
 * Access: anonymous = no session needed; auth-service = AuthService.svc (session optional, no CSRF);
 * svc / redirect = a session and the CSRF header, else 401 JSON / 302 to the login page.
 */
type Route =
  | {
      method: string;
      access: "anonymous" | "auth-service";
      handle(ctx: RequestContext): Reply | Promise<Reply>;
    }
  | {
      method: string;
      access: "svc" | "redirect";
      /** Also accepts `Authorization: Bearer` with a token of the Identity Service (DataService). */
      bearer?: boolean;
      handle(ctx: UserContext): Reply | Promise<Reply>;
    };

const DATASERVICE_QUERIES = ["SelectQuery", "InsertQuery", "UpdateQuery"] as const;
const CLEAR_CACHE = "/rest/FeatureService/ClearFeaturesCacheForAllUsers";

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Routes at the site root, the same on both runtimes (login is never under /0). */
function rootRoute(tenant: Tenant, path: string): Route | null {
  const netfx = tenant.config.runtime === "netfx";
  if (path === "/ServiceModel/AuthService.svc/Login") {
    return { method: "POST", access: "auth-service", handle: ({ body }) => login(tenant, body) };
  }
  if (path === "/ServiceModel/AuthService.svc/Logout") {
    return { method: "POST", access: "auth-service", handle: ({ req }) => logout(tenant, req) };
  }
  if (netfx && path === "/0/ServiceModel/AuthService.svc/Login") {
    return { method: "POST", access: "anonymous", handle: () => json(401, AUTH_FAILED_BODY) };
  }
  if (path === "/") return { method: "GET", access: "redirect", handle: ({ user }) => shellPage(user) };
  if (netfx && (path === "/0/Login/NuiLogin.aspx" || path === "/Login/NuiLogin.aspx")) {
    return { method: "GET", access: "anonymous", handle: () => loginPage(tenant) };
  }
  if (!netfx && path === "/Login/Login.html") {
    return { method: "GET", access: "anonymous", handle: () => loginPage(tenant) };
  }
  return null;
}

/** Routes under the runtime's prefix P (`/0` on .NET Framework, nothing on .NET). */
function serviceRoute(tenant: Tenant, sub: string): Route | null {
  const { config } = tenant;
  if (sub === "/" || sub === "/Shell" || sub === "/Shell/") {
    return { method: "GET", access: "redirect", handle: ({ user }) => shellPage(user) };
  }
  if (sub === "/api/HealthCheck/Ping") return { method: "GET", access: "anonymous", handle: () => ping() };
  if (sub === "/api/OAuthHealthCheck") {
    if (!hasHealthCheck(config)) return null;
    const handle = ({ network }: RequestContext) => oauthHealthCheck(tenant, network);
    // Whether it needs a session is unconfirmed; without one it answers 401 like a .svc service.
    return config.healthCheckNeedsSession
      ? { method: "GET", access: "svc", handle }
      : { method: "GET", access: "anonymous", handle };
  }
  if (sub === "/ServiceModel/ApplicationInfoService.svc/GetApplicationInfo") {
    return { method: "POST", access: "svc", handle: ({ user }) => applicationInfo(tenant, user) };
  }
  const dataService = /^\/DataService\/json\/SyncReply\/(\w+)$/.exec(sub)?.[1];
  if (dataService && (DATASERVICE_QUERIES as readonly string[]).includes(dataService)) {
    const operation = dataService as DataServiceOperation;
    return {
      method: "POST",
      access: "redirect",
      bearer: true,
      handle: ({ body, user, viaBearer }) => {
        if (viaBearer && config.proof.boundUserCannotRead) {
          const schema = (body as { rootSchemaName?: unknown }).rootSchemaName;
          return dataServiceFailure(
            `User "${user.name}" does not have enough rights to read "${String(schema)}".`,
            "SecurityException",
          );
        }
        return runDataServiceQuery(tenant, operation, body, user.id);
      },
    };
  }
  if (dataService === "DeleteQuery") {
    return {
      method: "POST",
      access: "redirect",
      handle: ({ body, user, network }) => {
        if (!config.proof.deleteQueryAllowed) {
          return dataServiceFailure(
            'You do not have permission to delete records of "OAuthClientApp".',
            "SecurityException",
          );
        }
        return deleteQuery(tenant, body, user.id, async (table, row) => {
          if (table !== "OAuthClientApp") {
            tenant.tables[table] = tenant.tables[table].filter((other) => other !== row);
            return null;
          }
          return (await deleteAppRow(tenant, row, network))?.message ?? null;
        });
      },
    };
  }
  if (dataService === "QuerySysSettings") {
    return { method: "POST", access: "redirect", handle: ({ body }) => querySysSettings(tenant, body) };
  }
  if (dataService === "PostSysSettingsValues") {
    return {
      method: "POST",
      access: "redirect",
      handle: ({ user, body }) => postSysSettingsValues(tenant, user, body),
    };
  }
  if (sub === CLEAR_CACHE || sub.startsWith(`${CLEAR_CACHE}/`)) {
    const name = safeDecode(sub.slice(CLEAR_CACHE.length + 1));
    return { method: "GET", access: "redirect", handle: () => clearFeaturesCacheForAllUsers(tenant, name) };
  }
  switch (sub) {
    case "/rest/FeatureService/CreateFeature":
      return { method: "POST", access: "redirect", handle: ({ body }) => createFeature(tenant, body) };
    case "/rest/FeatureService/GetFeatureState":
      return {
        method: "POST",
        access: "redirect",
        handle: ({ user, body }) => getFeatureState(tenant, user, body),
      };
    case "/rest/FeatureService/SetFeatureStateForAllUsers":
      return {
        method: "POST",
        access: "redirect",
        handle: ({ user, body }) => setFeatureStateForAllUsers(tenant, user, body),
      };
    case "/rest/OAuthConfigService/AddDefaultResource":
      return {
        method: "POST",
        access: "redirect",
        handle: ({ user, network }) => addDefaultResource(tenant, user, network),
      };
    case "/rest/OAuthConfigService/ConfigureIdentityProvider":
      if (!hasConfigureIdentityProvider(config)) return null;
      return {
        method: "POST",
        access: "redirect",
        handle: ({ user, network, body }) => configureIdentityProvider(tenant, user, network, body),
      };
    case "/rest/OAuthConfigService/AddClient":
      return {
        method: "POST",
        access: "redirect",
        handle: ({ user, network, body }) => addClient(tenant, user, network, body),
      };
    case "/rest/OAuthConfigService/DeleteClient":
      return {
        method: "POST",
        access: "redirect",
        handle: ({ user, network, body }) => deleteClient(tenant, user, network, body),
      };
    case "/rest/OAuthConfigService/UpdateClient":
      return {
        method: "POST",
        access: "redirect",
        handle: ({ user, body }) => updateClient(tenant, user, body),
      };
    case "/rest/RightsService/GetCanExecuteOperation":
      return {
        method: "POST",
        access: "redirect",
        handle: ({ user, body }) => getCanExecuteOperation(user, body),
      };
    case "/rest/MainMenuService/Logout":
      return { method: "POST", access: "redirect", handle: ({ req }) => mainMenuLogout(tenant, req) };
    default:
      return null;
  }
}

function findRoute(tenant: Tenant, path: string): Route | null {
  const atRoot = rootRoute(tenant, path);
  if (atRoot) return atRoot;
  const prefix = tenant.prefix;
  if (prefix === "") return serviceRoute(tenant, path);
  if (path === prefix || path.startsWith(`${prefix}/`))
    return serviceRoute(tenant, path.slice(prefix.length) || "/");
  return null;
}

/** The answer to a call without a live session, by kind of endpoint and runtime. */
function notLoggedIn(tenant: Tenant, access: "svc" | "redirect", path: string, search: string): Reply {
  if (access === "svc") return json(401, AUTH_FAILED_BODY);
  const returnUrl = encodeURIComponent(`${tenant.vdir}${path}${search}`);
  return tenant.config.runtime === "netfx"
    ? redirect(`${tenant.vdir}/0/Login/NuiLogin.aspx?ReturnUrl=${returnUrl}`)
    : redirect(`${tenant.vdir}/Login/Login.html?ReturnUrl=${returnUrl}`);
}

export async function routeTenantRequest(
  tenant: Tenant,
  req: http.IncomingMessage,
  path: string,
  search: string,
  rawBody: string,
  network: CreatioNetwork,
): Promise<Reply> {
  const route = findRoute(tenant, path);
  if (!route) return notFound();
  if (req.method !== route.method) return methodNotAllowed();

  let body: unknown = {};
  if (route.method === "POST") {
    const parsed = parseJsonBody(rawBody);
    if (!parsed.ok) {
      return fault(
        400,
        "The request body is not valid JSON.",
        "System.Runtime.Serialization.SerializationException",
      );
    }
    body = parsed.value;
  }
  const base: RequestContext = { tenant, req, body, network };
  if (route.access === "anonymous" || route.access === "auth-service") return route.handle(base);

  const token = "bearer" in route && route.bearer ? bearerToken(tenant, req) : null;
  if (token) {
    const checked = await checkBearer(tenant, token, network);
    if (!checked.ok) {
      return bearerRejection(tenant, checked.reason, () => notLoggedIn(tenant, "redirect", path, search));
    }
    return route.handle({ ...base, user: checked.user, viaBearer: true });
  }
  const session = currentSession(tenant, req);
  const user = session ? tenant.user(session.userName) : undefined;
  if (!session || !user) return notLoggedIn(tenant, route.access, path, search);
  if (!csrfAccepted(tenant, session, req)) {
    return json(tenant.config.csrfRejectStatus, {
      Message: "CSRF token validation failed.",
      StackTrace: null,
    });
  }
  session.lastSeen = Date.now();
  return route.handle({ ...base, user });
}
