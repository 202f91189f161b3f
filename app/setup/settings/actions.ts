"use server";
import { redirect } from "next/navigation";
import { getWizardSession } from "@/lib/session/current";
import { handOffReads } from "@/lib/wizard/recent-reads";
import { type ActionFailure, sessionExpiredError } from "@/lib/wizard/result";
import { stepById } from "@/lib/wizard/steps";

/** Step 2 is a review: "Continue" records that it was reviewed and opens step 3. Nothing is sent to Creatio. */
export async function continueFromSettingsAction(): Promise<ActionFailure> {
  const session = await getWizardSession();
  if (!session?.creatio) return { ok: false, error: sessionExpiredError() };
  session.settingsReviewed = true;
  // Step 3 renders next: the reads of the step-2 page just reviewed are fresh enough to show.
  handOffReads(session, session.creatio.baseUrl, []);
  redirect(stepById("credentials").path);
}
