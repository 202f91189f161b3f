"use server";
import { refresh } from "next/cache";
import type { AddDefaultResourceResult } from "@/lib/creatio/types";
import { withCreatioAction } from "@/lib/session/creatio";
import { singleFlight } from "@/lib/session/single-flight";
import { handOffReads, resourcesAfterCreate, type SnapshotReads } from "@/lib/wizard/recent-reads";
import type { ActionResult } from "@/lib/wizard/result";

export type CreateResourceResult = ActionResult<{ result: AddDefaultResourceResult }>;

/**
 * Step 4: create the default resource unless one exists (checked first: re-running never creates a
 * second one). One request at a time per session; Creatio may take tens of seconds.
 */
export async function createDefaultResourceAction(): Promise<CreateResourceResult> {
  const result = await withCreatioAction(async ({ session, client, state }) => {
    let fresh: Partial<SnapshotReads> = {};
    try {
      return await singleFlight(session.id, "default-resource", async () => {
        const result = await client.addDefaultResource();
        fresh = { resources: { ok: true, value: resourcesAfterCreate(result) } };
        return { ok: true as const, result };
      });
    } finally {
      handOffReads(session, state.baseUrl, ["resources"], fresh);
    }
  });
  // Re-render the page (stepper included); what the action just read is not asked again.
  if (result.ok || result.error.code !== "auth:session-expired") refresh();
  return result;
}
