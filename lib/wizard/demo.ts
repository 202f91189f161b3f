import "server-only";
// Demo mode: on when the embedded demo Creatio runs (DEMO_CREATIO_URL). A real URL never touches it.
import type { DemoScenario } from "@/lib/demo/types";
import type { ActionError } from "./result";

export interface DemoConfig {
  creatioUrl: string;
  identityUrl: string | null;
}

export function demoConfig(env: Record<string, string | undefined> = process.env): DemoConfig | null {
  const creatioUrl = env.DEMO_CREATIO_URL?.replace(/\/+$/, "");
  if (!creatioUrl) return null;
  return { creatioUrl, identityUrl: env.DEMO_IDENTITY_URL?.replace(/\/+$/, "") || null };
}

export const DEMO_USER = { userName: "Supervisor", password: "Supervisor" } as const;

function demoError(message: string, fix: string): ActionError {
  return { code: "demo:unavailable", message, fix, calls: [] };
}

/** Create a fresh demo tenant through the demo Creatio's admin API. */
export async function createDemoTenant(
  demo: DemoConfig,
  scenario: DemoScenario | undefined,
): Promise<{ ok: true; id: string; baseUrl: string } | { ok: false; error: ActionError }> {
  const url = `${demo.creatioUrl}/__demo/tenants`;
  const started = Date.now();
  let status: number | null = null;
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(scenario ? { scenario } : {}),
      signal: AbortSignal.timeout(10_000),
      redirect: "error",
    });
    status = res.status;
    const body: unknown = await res.json().catch(() => null);
    const tenant = body as { id?: unknown; baseUrl?: unknown } | null;
    if (res.ok && typeof tenant?.id === "string" && typeof tenant.baseUrl === "string") {
      return { ok: true, id: tenant.id, baseUrl: tenant.baseUrl };
    }
    throw new Error(`unexpected answer ${res.status}`);
  } catch {
    const error = demoError(
      "The demo Creatio did not create a demo instance.",
      "Restart the wizard with `npm start` so that the demo servers start again, or enter the address of a real Creatio.",
    );
    error.calls = [{ method: "POST", url, status, ms: Date.now() - started, error: "demo:unavailable" }];
    return { ok: false, error };
  }
}
