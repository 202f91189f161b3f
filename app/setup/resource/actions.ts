"use server";
import type { AddDefaultResourceResult } from "@/lib/creatio/types";
import { defineAction } from "@/lib/frame/action";
import { resourcesAfterCreate } from "@/lib/wizard/recent-reads";
import type { ActionResult } from "@/lib/wizard/result";

export type CreateResourceResult = ActionResult<{ result: AddDefaultResourceResult }>;

/**
 * Step 4: create the default resource unless one exists (checked first: re-running never creates a
 * second one). Creatio may take tens of seconds (docs/creatio-api.md §4.4).
 */
export const createDefaultResourceAction = defineAction({
  access: "creatio",
  writes: "default-resource",
  touches: ["resources"],
  run: async (_input, { client, fresh }): Promise<CreateResourceResult> => {
    const result = await client.addDefaultResource();
    fresh({ resources: { ok: true, value: resourcesAfterCreate(result) } });
    return { ok: true, result };
  },
});
