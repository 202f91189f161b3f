"use server";
import { refresh } from "next/cache";
import type { EnableFeatureResult } from "@/lib/creatio/types";
import { withCreatioAction } from "@/lib/session/creatio";
import { singleFlight } from "@/lib/session/single-flight";
import type { ActionResult } from "@/lib/wizard/result";

export type EnableFeatureActionResult = ActionResult<{ result: EnableFeatureResult }>;

/** Step 1: the contract's enable-for-all-users recipe (idempotent), cache clear and verification. */
export async function enableFeatureAction(): Promise<EnableFeatureActionResult> {
  const result = await withCreatioAction(async ({ session, client }) =>
    singleFlight(session.id, "enable-feature", async () => {
      const result = await client.enableFeatureForAllUsers();
      return { ok: true as const, result };
    }),
  );
  // Re-render the page (stepper included) from live state; after expiry keep the alert in view instead.
  if (result.ok || result.error.code !== "auth:session-expired") refresh();
  return result;
}
