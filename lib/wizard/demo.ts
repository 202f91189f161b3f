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
): Promise<
  { ok: true; id: string; baseUrl: string; identityUrl: string | null } | { ok: false; error: ActionError }
> {
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
    const tenant = body as { id?: unknown; baseUrl?: unknown; identityService?: { url?: unknown } } | null;
    if (res.ok && typeof tenant?.id === "string" && typeof tenant.baseUrl === "string") {
      const identityUrl = typeof tenant.identityService?.url === "string" ? tenant.identityService.url : null;
      return { ok: true, id: tenant.id, baseUrl: tenant.baseUrl, identityUrl };
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

export interface DemoScenarioInfo {
  id: DemoScenario;
  title: string;
  explanation: string;
}

/** The demo's scenarios with their titles and explanations (for trainers); null when the demo does not answer. */
export async function listDemoScenarios(demo: DemoConfig): Promise<DemoScenarioInfo[] | null> {
  try {
    const res = await fetch(`${demo.creatioUrl}/__demo/scenarios`, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(3000),
      redirect: "error",
    });
    if (!res.ok) return null;
    const body: unknown = await res.json();
    if (!Array.isArray(body)) return null;
    return body.flatMap((item) => {
      const s = item as Partial<DemoScenarioInfo> & { available?: boolean };
      if (typeof s.id !== "string" || typeof s.title !== "string" || s.available === false) return [];
      return [
        {
          id: s.id as DemoScenario,
          title: s.title,
          explanation: typeof s.explanation === "string" ? s.explanation : "",
        },
      ];
    });
  } catch {
    return null;
  }
}
