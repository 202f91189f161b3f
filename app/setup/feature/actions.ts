"use server";
import { refresh } from "next/cache";
import type { EnableFeatureResult } from "@/lib/creatio/types";
import { withCreatioAction } from "@/lib/session/creatio";
import { singleFlight } from "@/lib/session/single-flight";
import { featureAfterEnable, handOffReads, type SnapshotReads } from "@/lib/wizard/recent-reads";
import type { ActionResult } from "@/lib/wizard/result";

export type EnableFeatureActionResult = ActionResult<{ result: EnableFeatureResult }>;

/** Step 1: the contract's enable-for-all-users recipe (idempotent), cache clear and verification. */
export async function enableFeatureAction(): Promise<EnableFeatureActionResult> {
  const result = await withCreatioAction(async ({ session, client, state }) => {
    let fresh: Partial<SnapshotReads> = {};
    try {
      return await singleFlight(session.id, "enable-feature", async () => {
        const result = await client.enableFeatureForAllUsers();
        fresh = { feature: { ok: true, value: featureAfterEnable(result) } };
        return { ok: true as const, result };
      });
    } finally {
      handOffReads(session, state.baseUrl, ["feature"], fresh);
    }
  });
  // Re-render the page (stepper included) from live state, the action's own reads reused; after expiry
  // keep the alert in view instead.
  if (result.ok || result.error.code !== "auth:session-expired") refresh();
  return result;
}
