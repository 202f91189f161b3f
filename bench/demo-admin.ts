// The demo Creatio's admin API (`/__demo/...`, see lib/demo/creatio/admin-api.ts): fresh tenants
// and their snapshots, whose `calls` list every call a tenant received.
import type {
  DemoScenario,
  DemoTenantCreated,
  DemoTenantOverrides,
  DemoTenantSnapshot,
} from "@/lib/demo/types";
import { BenchError } from "./errors";

export type SnapshotCall = DemoTenantSnapshot["calls"][number];

export class DemoAdmin {
  constructor(readonly creatioUrl: string) {}

  private async call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.creatioUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new BenchError(
        `The demo Creatio at ${this.creatioUrl} did not answer ${method} ${path}: ${String(error)}`,
      );
    }
    const text = await res.text();
    if (!res.ok) {
      throw new BenchError(
        `The demo Creatio answered ${method} ${path} with ${res.status}: ${text.slice(0, 300)}`,
      );
    }
    return JSON.parse(text) as T;
  }

  createTenant(scenario: DemoScenario, config: DemoTenantOverrides): Promise<DemoTenantCreated> {
    return this.call("POST", "/__demo/tenants", { scenario, config });
  }

  snapshot(id: string): Promise<DemoTenantSnapshot> {
    return this.call("GET", `/__demo/tenants/${encodeURIComponent(id)}`);
  }

  async calls(id: string): Promise<SnapshotCall[]> {
    return (await this.snapshot(id)).calls;
  }
}

/** The tenant's address as seen through the timing proxy (same path, the proxy's origin). */
export function viaProxy(tenantBaseUrl: string, proxyUrl: string): string {
  const base = new URL(tenantBaseUrl);
  return `${proxyUrl}${base.pathname.replace(/\/+$/, "")}`;
}
