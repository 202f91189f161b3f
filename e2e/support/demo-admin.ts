// A small client for the demo Creatio's admin API (`/__demo/...`): creates one tenant per test
// and reads back what Creatio saw, so specs can check both the UI and the tenant's state.
import type {
  DemoScenario,
  DemoTenantCreated,
  DemoTenantOverrides,
  DemoTenantSnapshot,
} from "@/lib/demo/types";
import { E2E_DEMO_CREATIO_PORT, E2E_DEMO_IDENTITY_PORT } from "../../playwright.config";

export const DEMO_CREATIO_ORIGIN = `http://127.0.0.1:${E2E_DEMO_CREATIO_PORT}`;
export const DEMO_IDENTITY_URL = `http://127.0.0.1:${E2E_DEMO_IDENTITY_PORT}`;
export const DEMO_USER = { name: "Supervisor", password: "Supervisor" } as const;
/** Creatio's role "All employees" (SysAdminUnit Id). */
export const ALL_EMPLOYEES_ROLE_ID = "a29a3ba5-4b0d-de11-9a51-005056c00008";

/** A created tenant: its id, its Creatio address and the Identity Service values its scenario suggests. */
export type DemoTenant = DemoTenantCreated;

export interface TenantRequest {
  scenario?: DemoScenario;
  config?: DemoTenantOverrides;
}

async function call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${DEMO_CREATIO_ORIGIN}${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`Demo admin ${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** Creates a fresh tenant from a scenario name, or from a scenario plus config overrides. */
export function createTenant(request: DemoScenario | TenantRequest): Promise<DemoTenant> {
  const body = typeof request === "string" ? { scenario: request } : request;
  return call<DemoTenant>("POST", "/__demo/tenants", body);
}

export function snapshot(id: string): Promise<DemoTenantSnapshot> {
  return call<DemoTenantSnapshot>("GET", `/__demo/tenants/${encodeURIComponent(id)}`);
}

export async function expireSessions(id: string): Promise<void> {
  await call<unknown>("POST", `/__demo/tenants/${encodeURIComponent(id)}/expire-sessions`);
}

/** The demo Identity Service's appsettings.json, as an operator would copy it from the server. */
export async function fetchAppSettingsText(): Promise<string> {
  const res = await fetch(`${DEMO_IDENTITY_URL}/__demo/appsettings.json`);
  if (!res.ok) throw new Error(`Demo appsettings.json answered ${res.status}`);
  return res.text();
}

/** Call names (last path segment) that write to Creatio. */
export const WRITE_CALLS = [
  "InsertQuery",
  "UpdateQuery",
  "DeleteQuery",
  "PostSysSettingsValues",
  "AddDefaultResource",
  "CreateFeature",
  "SetFeatureStateForAllUsers",
  "ConfigureIdentityProvider",
] as const;

/** The method name of a call path: `/0/DataService/json/SyncReply/SelectQuery` -> `SelectQuery`. */
export function callName(path: string): string {
  const clean = path.split("?")[0] ?? "";
  const segments = clean.split("/").filter((s) => s !== "");
  // ClearFeaturesCacheForAllUsers/<name> carries an argument after the method name.
  const clear = segments.indexOf("ClearFeaturesCacheForAllUsers");
  if (clear >= 0) return "ClearFeaturesCacheForAllUsers";
  return segments.at(-1) ?? "";
}

export function callsNamed(snap: DemoTenantSnapshot, name: string): DemoTenantSnapshot["calls"] {
  return snap.calls.filter((c) => callName(c.path) === name);
}

export function writeCalls(snap: DemoTenantSnapshot): DemoTenantSnapshot["calls"] {
  return snap.calls.filter((c) => (WRITE_CALLS as readonly string[]).includes(callName(c.path)));
}
