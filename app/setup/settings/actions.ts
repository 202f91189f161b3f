"use server";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/frame/action";
import { handOffReads } from "@/lib/wizard/recent-reads";
import type { ActionFailure } from "@/lib/wizard/result";
import { stepById } from "@/lib/wizard/steps";

/** Step 2 is a review: "Continue" records that it was reviewed and opens step 3. Nothing is sent to Creatio. */
export const continueFromSettingsAction = defineAction({
  access: "session",
  run: async (_input, { session }): Promise<ActionFailure> => {
    session.settingsReviewed = true;
    // Step 3 renders next: the reads of the step-2 page just reviewed are fresh enough to show.
    if (session.creatio) handOffReads(session, session.creatio.baseUrl, []);
    redirect(stepById("credentials").path);
  },
});
