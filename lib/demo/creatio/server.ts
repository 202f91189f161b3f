// The multi-tenant demo Creatio: one node:http server; each tenant is its own Creatio at `/t/<id>`,
// and the admin API lives under `/__demo`.

import http from "node:http";
import net from "node:net";
import { listenOrExplain } from "../listen";
import type { DemoScenarioInfo, DemoTenantCreated, DemoTenantSnapshot } from "../types";
import { handleAdminRequest } from "./admin-api";
import { BodyTooLargeError, fault, notFound, type Reply, readBody, sleep, writeReply } from "./http";
import { type CreateTenantInput, TenantRegistry } from "./registry";
import { routeTenantRequest } from "./router";

export { DEMO_PASSWORD, DEMO_USER } from "./constants";
export type { CreateTenantInput } from "./registry";

export interface DemoCreatioOptions {
  host?: string;
  port?: number;
  /** The demo Identity Service (plain HTTP) that scenarios point at. */
  identityServiceUrl: string;
  /** The same service over HTTPS with the demo CA, for the self-signed scenario. */
  tlsIdentityServiceUrl?: string;
  /** The demo CA's PEM (trusted by Creatio's server when `creatioTrustsIdentityCa`). */
  identityCaPem?: string;
  /** Env var that sets the port, named in the error when the port is taken. */
  portEnvVar?: string;
}

export interface DemoCreatio {
  url: string;
  /** Throws DemoInputError on a bad scenario or config. */
  createTenant(input?: CreateTenantInput): DemoTenantCreated;
  /** Throws DemoTenantNotFoundError for an unknown id. */
  snapshot(id: string): DemoTenantSnapshot;
  resetTenant(id: string): void;
  /** Ends every session of the tenant; answers how many there were. */
  expireSessions(id: string): number;
  deleteTenant(id: string): boolean;
  /** How many tenants exist now (tests check that something created none). */
  tenantCount(): number;
  scenarios(): DemoScenarioInfo[];
  close(): Promise<void>;
}

/** A loopback address where nothing listens (for the identity-down scenario). */
async function deadLoopbackUrl(host: string): Promise<string> {
  const probe = net.createServer();
  const port = await new Promise<number>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      resolve(typeof address === "object" && address ? address.port : 0);
    });
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}

const TENANT_PATH = /^\/t\/([^/]+)(\/.*)?$/;

export async function startDemoCreatio(options: DemoCreatioOptions): Promise<DemoCreatio> {
  const host = options.host ?? "127.0.0.1";
  let registry: TenantRegistry | undefined;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://demo.invalid");
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError)
        return writeReply(res, fault(413, error.message, "System.ArgumentException"));
      throw error;
    }
    if (!registry)
      return writeReply(res, fault(503, "The demo Creatio is starting.", "System.InvalidOperationException"));
    if (url.pathname.startsWith("/__demo/")) {
      return writeReply(
        res,
        handleAdminRequest(registry, method, url.pathname, rawBody, options.identityCaPem),
      );
    }
    const match = TENANT_PATH.exec(url.pathname);
    const tenant = match?.[1] ? registry.get(match[1]) : undefined;
    if (!tenant) return writeReply(res, notFound());
    const path = match?.[2] ?? "/";
    if (tenant.config.latencyMs > 0) await sleep(tenant.config.latencyMs);
    let reply: Reply;
    try {
      reply = await routeTenantRequest(tenant, req, path, url.search, rawBody, registry.network(tenant));
    } catch {
      reply = fault(500, "An unexpected error occurred in the demo Creatio.", "System.Exception");
    }
    writeReply(res, reply);
    tenant.logCall(method, path, reply.status);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent)
        writeReply(res, fault(500, "An unexpected error occurred in the demo Creatio.", "System.Exception"));
    });
  });
  const port = await listenOrExplain(server, {
    host,
    port: options.port ?? 0,
    what: "the demo Creatio",
    envVar: options.portEnvVar ?? "DEMO_CREATIO_PORT",
  });
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  const activeRegistry = new TenantRegistry({
    creatioUrl: url,
    identityCaPem: options.identityCaPem,
    context: {
      identityUrl: options.identityServiceUrl.replace(/\/+$/, ""),
      tlsIdentityUrl: options.tlsIdentityServiceUrl?.replace(/\/+$/, ""),
      deadIdentityUrl: await deadLoopbackUrl(host),
    },
  });
  registry = activeRegistry;

  return {
    url,
    createTenant: (input) => activeRegistry.create(input ?? {}),
    snapshot: (id) => activeRegistry.require(id).snapshot(),
    resetTenant: (id) => activeRegistry.require(id).reset(),
    expireSessions: (id) => {
      const tenant = activeRegistry.require(id);
      const count = tenant.sessions.size;
      tenant.sessions.clear();
      return count;
    },
    deleteTenant: (id) => activeRegistry.delete(id),
    tenantCount: () => activeRegistry.size,
    scenarios: () => activeRegistry.scenarios(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
