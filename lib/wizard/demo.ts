import "server-only";
// Demo mode: on when the embedded demo Creatio runs (DEMO_CREATIO_URL). Each browser gets its own demo
// tenant, kept in its wizard session; the demo's admin API is only ever called for that tenant (or to
// create it). A real URL typed on the connect page never reaches anything here.
import type { CallRecord, TlsTrust } from "@/lib/creatio/types";
import type { DemoScenario } from "@/lib/demo/types";
import { type DemoProblem, wizardError } from "@/lib/errors";
import type { DemoSessionTenant, WizardSession } from "@/lib/session/types";
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

const ADMIN_TIMEOUT_MS = 10_000;

type AdminAnswer =
  | { ok: true; status: number; body: unknown; call: CallRecord }
  /** No answer (refused, timeout): the call as recorded. */
  | { ok: false; call: CallRecord };

/** One call to the demo's admin API (`/__demo/...`). */
async function adminCall(
  demo: DemoConfig,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  timeoutMs = ADMIN_TIMEOUT_MS,
): Promise<AdminAnswer> {
  const url = `${demo.creatioUrl}${path}`;
  const started = Date.now();
  try {
    const res = await fetch(url, {
      method,
      headers: {
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "error",
    });
    const parsed: unknown = await res.json().catch(() => null);
    const call = { method, url, status: res.status, ms: Date.now() - started };
    return { ok: true, status: res.status, body: parsed, call };
  } catch {
    return {
      ok: false,
      call: { method, url, status: null, ms: Date.now() - started, error: "demo:unavailable" },
    };
  }
}

function demoError(problem: DemoProblem, calls: CallRecord[], demoMessage?: string): ActionError {
  const error = wizardError("demo:unavailable", { demo: problem, demoMessage }).toUserFacing();
  return { ...error, calls };
}

export interface CreatedDemoTenant {
  id: string;
  baseUrl: string;
  scenario: DemoScenario | "custom";
  identityUrl: string | null;
  /** The demo CA, when this tenant's Identity Service uses the demo's HTTPS certificate. */
  identityCaPem: string | null;
}

/** Create a fresh demo tenant through the demo Creatio's admin API. */
export async function createDemoTenant(
  demo: DemoConfig,
  scenario: DemoScenario | undefined,
): Promise<({ ok: true } & CreatedDemoTenant) | { ok: false; error: ActionError }> {
  const answer = await adminCall(demo, "POST", "/__demo/tenants", scenario ? { scenario } : {});
  if (!answer.ok) {
    return {
      ok: false,
      error: demoError("create-failed", [answer.call]),
    };
  }
  const tenant = answer.body as {
    id?: unknown;
    baseUrl?: unknown;
    scenario?: unknown;
    identityService?: { url?: unknown };
    identityCaPem?: unknown;
  } | null;
  if (answer.status === 201 && typeof tenant?.id === "string" && typeof tenant.baseUrl === "string") {
    return {
      ok: true,
      id: tenant.id,
      baseUrl: tenant.baseUrl,
      scenario:
        typeof tenant.scenario === "string" ? (tenant.scenario as DemoScenario) : (scenario ?? "custom"),
      identityUrl: typeof tenant.identityService?.url === "string" ? tenant.identityService.url : null,
      identityCaPem: typeof tenant.identityCaPem === "string" ? tenant.identityCaPem : null,
    };
  }
  const said = (answer.body as { message?: unknown } | null)?.message;
  return {
    ok: false,
    error: demoError(
      answer.status === 400 ? "scenario-refused" : "create-failed",
      [{ ...answer.call, error: "demo:unavailable" }],
      typeof said === "string" ? said : undefined,
    ),
  };
}

export interface DemoScenarioInfo {
  id: DemoScenario;
  title: string;
  /** One paragraph for the trainer: what goes wrong and what the wizard should show. */
  explanation: string;
  /** False when this demo server cannot play it; `unavailableReason` says why. */
  available: boolean;
  unavailableReason?: string;
}

/** The demo's scenarios with titles and trainer explanations; null when the demo does not answer. */
export async function listDemoScenarios(demo: DemoConfig): Promise<DemoScenarioInfo[] | null> {
  const answer = await adminCall(demo, "GET", "/__demo/scenarios", undefined, 3000);
  if (!answer.ok || answer.status !== 200 || !Array.isArray(answer.body)) return null;
  return answer.body.flatMap((item) => {
    const s = item as Partial<DemoScenarioInfo>;
    if (typeof s.id !== "string" || typeof s.title !== "string") return [];
    const available = s.available !== false;
    return [
      {
        id: s.id as DemoScenario,
        title: s.title,
        explanation: typeof s.explanation === "string" ? s.explanation : "",
        available,
        ...(!available && typeof s.unavailableReason === "string"
          ? { unavailableReason: s.unavailableReason }
          : {}),
      },
    ];
  });
}

/** Makes `tenant` this browser's demo tenant (replacing an earlier one) and keeps its step-3 hint. */
export function rememberDemoTenant(session: WizardSession, tenant: CreatedDemoTenant, title: string): void {
  session.demo = {
    id: tenant.id,
    baseUrl: tenant.baseUrl,
    scenario: tenant.scenario,
    title,
    identityUrl: tenant.identityUrl ?? "",
    identityCaPem: tenant.identityCaPem,
    identityCaTrusted: false,
  };
  if (tenant.identityUrl) {
    session.demoTenants = [
      { baseUrl: tenant.baseUrl, identityUrl: tenant.identityUrl },
      ...session.demoTenants.filter((t) => t.baseUrl !== tenant.baseUrl),
    ].slice(0, 10);
  }
}

/** Puts this browser's demo tenant back at its scenario's start (demo admin API). */
export async function resetDemoTenant(
  demo: DemoConfig,
  tenant: DemoSessionTenant,
): Promise<{ ok: true } | { ok: false; error: ActionError }> {
  const answer = await adminCall(demo, "POST", `/__demo/tenants/${encodeURIComponent(tenant.id)}/reset`);
  if (!answer.ok) {
    return {
      ok: false,
      error: demoError("reset-no-answer", [answer.call]),
    };
  }
  if (answer.status === 200) return { ok: true };
  const calls = [{ ...answer.call, error: "demo:unavailable" }];
  if (answer.status === 404) {
    return {
      ok: false,
      error: demoError("tenant-gone", calls),
    };
  }
  return { ok: false, error: demoError("reset-refused", calls) };
}

/**
 * After a reset the tenant is back at its scenario's start: the wizard forgets its Creatio session
 * there and what it remembered about it, so nothing from before the reset shows.
 */
export function forgetDemoProgress(session: WizardSession): void {
  const tenant = session.demo;
  if (!tenant) return;
  const forTenant = (url: string | null | undefined) => url != null && sameUrl(url, tenant.baseUrl);
  tenant.identityCaTrusted = false;
  if (forTenant(session.creatio?.baseUrl)) session.creatio = null;
  if (!session.creatio) {
    // The connect page comes back on the tenant; the step-2 review belongs to the last sign-in.
    session.lastLogin = { baseUrl: tenant.baseUrl, userName: DEMO_USER.userName };
    session.settingsReviewed = false;
  }
  if (forTenant(session.draft?.baseUrl)) session.draft = null;
  if (forTenant(session.previous?.baseUrl)) session.previous = null;
  if (forTenant(session.secretSavedFor)) session.secretSavedFor = null;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Same address, ignoring a trailing slash and the case of scheme and host. */
export function sameUrl(a: string, b: string): boolean {
  const x = parse(a.replace(/\/+$/, ""));
  const y = parse(b.replace(/\/+$/, ""));
  return x !== null && y !== null && x.href.replace(/\/+$/, "") === y.href.replace(/\/+$/, "");
}

function sameOrigin(a: string, b: string): boolean {
  const x = parse(a);
  const y = parse(b);
  return x !== null && y !== null && x.origin === y.origin;
}

/** Whether `url` is a tenant of the embedded demo Creatio. */
export function isDemoUrl(demo: DemoConfig, url: string): boolean {
  const u = parse(url);
  const d = parse(demo.creatioUrl);
  return u !== null && d !== null && u.origin === d.origin && u.pathname.startsWith("/t/");
}

/** What the Demo banner says; null: the demo is not in use in this browser, no banner. */
export type DemoBannerView =
  | {
      kind: "own";
      title: string;
      scenario: DemoSessionTenant["scenario"];
      baseUrl: string;
      connected: boolean;
    }
  | { kind: "other"; baseUrl: string };

export function demoBannerView(
  demo: DemoConfig | null,
  session: WizardSession | null,
): DemoBannerView | null {
  if (!demo || !session) return null;
  const own = session.demo ?? null;
  const connected = session.creatio?.baseUrl ?? null;
  if (own && (connected === null || sameUrl(connected, own.baseUrl))) {
    return {
      kind: "own",
      title: own.title,
      scenario: own.scenario,
      baseUrl: own.baseUrl,
      connected: connected !== null,
    };
  }
  // A demo address typed by hand (tests, a trainer's shared tenant): demo, but not this browser's to reset.
  if (connected && isDemoUrl(demo, connected)) return { kind: "other", baseUrl: connected };
  return null;
}

/** The own demo tenant, when the wizard is signed in to it right now. */
function connectedOwnTenant(session: WizardSession | null | undefined): DemoSessionTenant | null {
  const own = session?.demo;
  if (!own || !session.creatio || !sameUrl(session.creatio.baseUrl, own.baseUrl)) return null;
  return own;
}

/**
 * TLS trust for the Identity Service checks from the wizard host: the demo CA, only once the operator
 * chose to trust it and only while signed in to this browser's own demo tenant. It goes into that one
 * probe's transport (never a process-wide switch) and adds the demo CA to the system's roots, so only
 * certificates the demo CA signed become trusted. `identityUrl`: the address about to be checked; null
 * when the check reads it from Creatio in the same run.
 */
export function demoIdentityTrust(
  session: WizardSession | null | undefined,
  identityUrl: string | null,
): TlsTrust | undefined {
  const own = connectedOwnTenant(session);
  if (!own?.identityCaPem || !own.identityCaTrusted) return undefined;
  if (identityUrl !== null && !sameOrigin(identityUrl, own.identityUrl)) return undefined;
  return { caPem: own.identityCaPem };
}

const UNTRUSTED_CODES = new Set(["tls:untrusted", "tls:self-signed"]);

/** Whether to offer "Trust the demo's certificate authority" beside a failed check from the wizard host. */
export function offersDemoCa(
  session: WizardSession | null | undefined,
  identityUrl: string,
  failureCode: string | undefined,
): boolean {
  const own = connectedOwnTenant(session);
  return (
    own !== null &&
    own.identityCaPem !== null &&
    !own.identityCaTrusted &&
    failureCode !== undefined &&
    UNTRUSTED_CODES.has(failureCode) &&
    sameOrigin(identityUrl, own.identityUrl)
  );
}

/**
 * For step 3's results: "offer" the demo CA beside an untrusted-certificate failure, or say it is
 * "trusted" for these checks; undefined outside the self-signed demo scenario.
 */
export function demoCaState(
  session: WizardSession | null | undefined,
  identityUrl: string,
  checks: readonly { code?: string }[],
): "offer" | "trusted" | undefined {
  if (demoIdentityTrust(session, identityUrl)) return "trusted";
  return checks.some((c) => offersDemoCa(session, identityUrl, c.code)) ? "offer" : undefined;
}
