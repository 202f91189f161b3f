"use server";
import type { EnableFeatureResult } from "@/lib/creatio/types";
import { defineAction } from "@/lib/frame/action";
import { featureAfterEnable } from "@/lib/wizard/recent-reads";
import type { ActionResult } from "@/lib/wizard/result";

export type EnableFeatureActionResult = ActionResult<{ result: EnableFeatureResult }>;

/** Step 1: the enable-for-all-users recipe (idempotent), cache clear and verification (docs/creatio-api.md §4.2). */
export const enableFeatureAction = defineAction({
  access: "creatio",
  writes: "enable-feature",
  touches: ["feature"],
  run: async (_input, { client, fresh }): Promise<EnableFeatureActionResult> => {
    const result = await client.enableFeatureForAllUsers();
    fresh({ feature: { ok: true, value: featureAfterEnable(result) } });
    return { ok: true, result };
  },
});
