"use server";
import { redirect } from "next/navigation";
import { getWizardSession } from "@/lib/session/current";
import { type ActionFailure, sessionExpiredError } from "@/lib/wizard/result";
import { stepById } from "@/lib/wizard/steps";

/** Step 2 is a review: "Continue" records that it was reviewed and opens step 3. Nothing is sent to Creatio. */
export async function continueFromSettingsAction(): Promise<ActionFailure> {
  const session = await getWizardSession();
  if (!session?.creatio) return { ok: false, error: sessionExpiredError() };
  session.settingsReviewed = true;
  redirect(stepById("credentials").path);
}
