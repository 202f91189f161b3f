"use server";
// Connect page actions: sign in to Creatio, create a demo tenant, sign out.
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { connectToCreatio, openCreatio } from "@/lib/creatio";
import type { CreatioRuntime } from "@/lib/creatio/types";
import {
  endWizardSession,
  ensureWizardSession,
  getWizardSession,
  renewWizardSession,
} from "@/lib/session/current";
import { type CheckAddressResult, checkAddress } from "@/lib/wizard/checks";
import {
  createDemoTenant,
  DEMO_USER,
  demoConfig,
  listDemoScenarios,
  rememberDemoTenant,
} from "@/lib/wizard/demo";
import { type ActionResult, inputError, toActionError } from "@/lib/wizard/result";
import { connectSchema, demoTenantSchema, fieldErrorsOf, trustSchema } from "@/lib/wizard/schemas";
import { safeReturnPath } from "@/lib/wizard/steps";

export type ConnectResult = ActionResult<{
  connection: { baseUrl: string; runtime: CreatioRuntime; version: string | null; userName: string };
  warnings: string[];
}>;

/**
 * Sign in. Without anything for the operator to read first, the answer is the page at `next` itself
 * (a redirect rendered in the same response: no second round trip to the wizard).
 */
export async function connectAction(
  input: unknown,
  trustInput?: unknown,
  nextInput?: unknown,
): Promise<ConnectResult> {
  const result = await signIn(input, trustInput);
  if (result.ok && result.warnings.length === 0) redirect(safeReturnPath(nextInput));
  return result;
}

async function signIn(input: unknown, trustInput: unknown): Promise<ConnectResult> {
  const parsed = connectSchema.safeParse(input);
  if (!parsed.success) return inputError(fieldErrorsOf(parsed.error));
  const trust = trustSchema.safeParse(trustInput);
  if (!trust.success) return inputError(fieldErrorsOf(trust.error));
  const { baseUrl, userName, password } = parsed.data;
  try {
    const { state, warning } = await connectToCreatio({ baseUrl, userName, password, trust: trust.data });
    // A new session id at every sign-in: a cookie copied before it is worthless afterwards.
    const session = await renewWizardSession();
    const sameCreatio = session.lastLogin?.baseUrl === state.baseUrl;
    session.creatio = state;
    session.signIns += 1;
    session.lastLogin = { baseUrl: state.baseUrl, userName: state.userName };
    if (!sameCreatio) {
      // Another Creatio: what was reviewed or typed for the previous one does not apply here.
      session.settingsReviewed = false;
      session.draft = null;
      session.previous = null;
      session.secretSavedFor = null;
    }
    return {
      ok: true,
      connection: {
        baseUrl: state.baseUrl,
        runtime: state.runtime,
        version: state.version,
        userName: state.userName,
      },
      warnings: warning
        ? [
            warning.creatioMessage
              ? `${warning.message} Creatio said: "${warning.creatioMessage}"`
              : warning.message,
          ]
        : [],
    };
  } catch (e) {
    return { ok: false, error: toActionError(e) };
  }
}

export type DemoTenantResult = ActionResult<{ baseUrl: string; userName: string; password: string }>;

export async function createDemoTenantAction(input: unknown): Promise<DemoTenantResult> {
  const demo = demoConfig();
  if (!demo) {
    return {
      ok: false,
      error: {
        code: "demo:unavailable",
        message: "The demo is not running in this wizard.",
        fix: "Enter the address of your Creatio, or start the wizard with npm start to get the embedded demo.",
        calls: [],
      },
    };
  }
  const parsed = demoTenantSchema.safeParse(input ?? {});
  if (!parsed.success) return inputError(fieldErrorsOf(parsed.error));
  const tenant = await createDemoTenant(demo, parsed.data.scenario);
  if (!tenant.ok) return tenant;
  // This browser's own tenant from now on (banner, reset, step-3 hint); other browsers never see it.
  const scenarios = await listDemoScenarios(demo);
  const title = scenarios?.find((s) => s.id === tenant.scenario)?.title ?? tenant.scenario;
  rememberDemoTenant(await ensureWizardSession(), tenant, title);
  refresh(); // The Demo banner now names this scenario.
  // The demo password is public (it opens only the embedded demo): returning it fills the form.
  return { ok: true, baseUrl: tenant.baseUrl, userName: DEMO_USER.userName, password: DEMO_USER.password };
}

/** "Check this address": the layered check of the typed address (read calls only; see lib/wizard/checks). */
export async function checkAddressAction(input: unknown, trustInput?: unknown): Promise<CheckAddressResult> {
  return checkAddress(input, trustInput);
}

export async function signOutAction(): Promise<void> {
  const session = await getWizardSession();
  if (session?.creatio) {
    // Best effort: the session ends on the wizard's side whatever Creatio answers.
    await openCreatio(session.creatio)
      .logout()
      .catch(() => undefined);
  }
  await endWizardSession();
  redirect("/?reason=signed-out");
}
