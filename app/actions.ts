"use server";
// Connect page actions: sign in to Creatio, create a demo tenant, sign out.
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { connectToCreatio, openCreatio } from "@/lib/creatio";
import type { CreatioRuntime } from "@/lib/creatio/types";
import { wizardError } from "@/lib/errors";
import { defineAction } from "@/lib/frame/action";
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
import type { ActionResult } from "@/lib/wizard/result";
import {
  type ConnectRequestValues,
  checkAddressSchema,
  connectRequestSchema,
  demoTenantSchema,
  trustOf,
} from "@/lib/wizard/schemas";
import { safeReturnPath } from "@/lib/wizard/steps";

export type ConnectResult = ActionResult<{
  connection: { baseUrl: string; runtime: CreatioRuntime; version: string | null; userName: string };
  warnings: string[];
}>;

/**
 * Sign in. Without anything for the operator to read first, the answer is the page at `next` itself
 * (a redirect rendered in the same response: no second round trip to the wizard).
 */
export const connectAction = defineAction({
  input: connectRequestSchema,
  access: "public",
  run: async (input): Promise<ConnectResult> => {
    const result = await signIn(input);
    if (result.ok && result.warnings.length === 0) redirect(safeReturnPath(input.next));
    return result;
  },
});

async function signIn(input: ConnectRequestValues): Promise<ConnectResult> {
  const { baseUrl, userName, password } = input;
  const { state, warning } = await connectToCreatio({ baseUrl, userName, password, trust: trustOf(input) });
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
}

export type { CheckAddressResult };

export type DemoTenantResult = ActionResult<{ baseUrl: string; userName: string; password: string }>;

export const createDemoTenantAction = defineAction({
  input: demoTenantSchema,
  access: "public",
  run: async ({ scenario }): Promise<DemoTenantResult> => {
    const demo = demoConfig();
    if (!demo) {
      return {
        ok: false,
        error: wizardError("demo:unavailable", { demo: "off" }).toUserFacing(),
      };
    }
    const tenant = await createDemoTenant(demo, scenario);
    if (!tenant.ok) return tenant;
    // This browser's own tenant from now on (banner, reset, step-3 hint); other browsers never see it.
    const scenarios = await listDemoScenarios(demo);
    const title = scenarios?.find((s) => s.id === tenant.scenario)?.title ?? tenant.scenario;
    rememberDemoTenant(await ensureWizardSession(), tenant, title);
    refresh(); // The Demo banner now names this scenario.
    // The demo password is public (it opens only the embedded demo): returning it fills the form.
    return { ok: true, baseUrl: tenant.baseUrl, userName: DEMO_USER.userName, password: DEMO_USER.password };
  },
});

/** "Check this address": the layered check of the typed address (read calls only; see lib/wizard/checks). */
export const checkAddressAction = defineAction({
  input: checkAddressSchema,
  access: "public",
  run: checkAddress,
});

/** A plain form action (no input, no result: it always ends on the connect page), so outside the frame. */
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
