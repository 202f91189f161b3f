// The demo's admin HTTP API under /__demo (used by the Next app and e2e tests):
//   POST /__demo/tenants {id?, scenario?, config?} -> 201 {id, baseUrl, scenario, identityService, identityCaPem?}
//                                               (a taken id answers 409)
//   GET  /__demo/tenants/:id                    -> snapshot
//   POST /__demo/tenants/:id/reset              -> snapshot after reset
//   POST /__demo/tenants/:id/expire-sessions    -> {expired}
//   DELETE /__demo/tenants/:id                  -> 204
//   GET  /__demo/scenarios                      -> [{id, title, explanation, available}]
//   GET  /__demo/identity-ca.pem                -> the demo CA (when the HTTPS Identity Service runs)
// Bad input answers 400 {message}; an unknown tenant 404 {message}.

import { json, parseJsonBody, type Reply } from "./http";
import {
  DemoInputError,
  DemoTenantExistsError,
  DemoTenantNotFoundError,
  type TenantRegistry,
} from "./registry";

const message = (status: number, text: string) => json(status, { message: text });

function tenantAction(
  registry: TenantRegistry,
  method: string,
  id: string,
  action: string | undefined,
): Reply {
  if (action === undefined && method === "GET") return json(200, registry.require(id).snapshot());
  if (action === undefined && method === "DELETE") {
    if (!registry.delete(id)) throw new DemoTenantNotFoundError(id);
    return { status: 204 };
  }
  if (action === "reset" && method === "POST") {
    const tenant = registry.require(id);
    tenant.reset();
    return json(200, tenant.snapshot());
  }
  if (action === "expire-sessions" && method === "POST") {
    const tenant = registry.require(id);
    const expired = tenant.sessions.size;
    tenant.sessions.clear();
    return json(200, { expired });
  }
  return message(404, `No admin action ${method} ${action ?? ""} for tenants.`);
}

export function handleAdminRequest(
  registry: TenantRegistry,
  method: string,
  path: string,
  rawBody: string,
  identityCaPem: string | undefined,
): Reply {
  try {
    if (path === "/__demo/scenarios" && method === "GET") return json(200, registry.scenarios());
    if (path === "/__demo/identity-ca.pem" && method === "GET") {
      return identityCaPem
        ? { status: 200, headers: { "content-type": "application/x-pem-file" }, body: identityCaPem }
        : message(404, "The demo's HTTPS Identity Service is not running, so there is no demo CA.");
    }
    if (path === "/__demo/tenants" && method === "POST") {
      const parsed = parseJsonBody(rawBody);
      if (!parsed.ok) return message(400, "The request body is not valid JSON.");
      return json(201, registry.create(parsed.value));
    }
    const match = /^\/__demo\/tenants\/([^/]+)(?:\/([^/]+))?$/.exec(path);
    if (match?.[1]) return tenantAction(registry, method, match[1], match[2]);
    return message(404, `No demo admin endpoint ${method} ${path}.`);
  } catch (error) {
    if (error instanceof DemoInputError) return message(400, error.message);
    if (error instanceof DemoTenantNotFoundError) return message(404, error.message);
    if (error instanceof DemoTenantExistsError) return message(409, error.message);
    throw error;
  }
}
