"use server";
// Demo mode actions on this browser's own demo tenant: reset it, and trust the demo's CA for the
// Identity Service checks from the wizard host. Neither ever touches another tenant or a real Creatio.
import { X509Certificate } from "node:crypto";
import { redirect } from "next/navigation";
import { type DemoProblem, wizardError } from "@/lib/errors";
import { defineAction } from "@/lib/frame/action";
import { getWizardSession } from "@/lib/session/current";
import { demoConfig, forgetDemoProgress, resetDemoTenant } from "@/lib/wizard/demo";
import type { ActionError, ActionResult } from "@/lib/wizard/result";

function noDemo(problem: DemoProblem): { ok: false; error: ActionError } {
  return { ok: false, error: wizardError("demo:unavailable", { demo: problem }).toUserFacing() };
}

export type ResetDemoResult = ActionResult;

/**
 * "Reset demo": this browser's tenant back to its scenario's start; the wizard forgets its progress
 * there and sends the browser to the connect page, which says so. Only failures return.
 */
export const resetDemoAction = defineAction({
  access: "public",
  run: async (): Promise<ResetDemoResult> => {
    const demo = demoConfig();
    const session = await getWizardSession();
    const tenant = session?.demo;
    if (!demo || !session || !tenant) {
      return noDemo("no-tenant");
    }
    const reset = await resetDemoTenant(demo, tenant);
    if (!reset.ok) return reset;
    forgetDemoProgress(session);
    redirect(`/?${new URLSearchParams({ reason: "demo-reset" }).toString()}`);
  },
});

export type TrustDemoCaResult = ActionResult<{ subject: string; fingerprint256: string }>;

/**
 * "Trust the demo's certificate authority": from now on the wizard host's checks of this browser's demo
 * Identity Service accept certificates from the demo CA (that one connection only; see demoIdentityTrust).
 */
export const trustDemoIdentityCaAction = defineAction({
  access: "public",
  run: async (): Promise<TrustDemoCaResult> => {
    const session = await getWizardSession();
    const tenant = session?.demo;
    if (!demoConfig() || !tenant?.identityCaPem) {
      return noDemo("no-ca");
    }
    let ca: X509Certificate;
    try {
      ca = new X509Certificate(tenant.identityCaPem);
    } catch {
      return noDemo("ca-unreadable");
    }
    tenant.identityCaTrusted = true;
    return { ok: true, subject: ca.subject.replace(/\n/g, ", "), fingerprint256: ca.fingerprint256 };
  },
});
