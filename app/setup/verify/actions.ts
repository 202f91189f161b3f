"use server";
import { headers } from "next/headers";
import { PROOF_APP_PREFIX, proofAppCreatedAt } from "@/lib/creatio";
import type { Check, CheckGroup } from "@/lib/diagnostics/types";
import { defineAction } from "@/lib/frame/action";
import { demoIdentityTrust } from "@/lib/wizard/demo";
import { cleanUp, type KeptApp, oldProofApps, proofGroup } from "@/lib/wizard/proof";
import { proveConnection, rememberProof } from "@/lib/wizard/proof-run";
import type { ActionResult } from "@/lib/wizard/result";
import { cleanUpProofSchema, runProofSchema } from "@/lib/wizard/schemas";

/** What the page shows of one proof. The token is never in it; the secret only in `kept`. */
export interface ProofView {
  checks: Check[];
  /** The same hops as a check group (the status page's shape), with when they ran. */
  group: CheckGroup;
  passed: boolean;
  /** Only with "Keep this app": shown once, never stored, logged or put in a report. */
  kept: (KeptApp & { tokenEndpoint: string; selectUrl: string }) | null;
  leftovers: { name: string; clientId: string }[];
  ms: number;
}

export type ProofResult = ActionResult<{ run: ProofView }>;
export type CleanUpResult = ActionResult<{
  checks: Check[];
  leftovers: { name: string; clientId: string }[];
}>;

/** The wizard's own address, as the app's applicationUrl (the Host was checked by proxy.ts). */
async function wizardUrl(): Promise<string> {
  const h = await headers();
  const host = h.get("host");
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return host ? `${proto}://${host}` : "https://localhost";
}

/**
 * Step 5: create a temporary app bound to the operator's user, get its token from the Identity Service,
 * send one read to Creatio with only that token, delete the app (docs/creatio-api.md §4.6). One run at
 * a time per session. The token stays on the server; the secret comes back only when `keep` is true.
 * Step 5's page and the status page both run it; the session keeps the hops for the status report.
 */
export const runProofAction = defineAction({
  input: runProofSchema,
  access: "creatio",
  writes: "proof",
  refresh: false,
  run: async ({ keep }, { session, client, state }): Promise<ProofResult> => {
    const applicationUrl = await wizardUrl();
    const startedAt = new Date();
    const settings = await client.readIdentitySettings();
    const run = await proveConnection(client, {
      keep,
      applicationUrl,
      identityTrust: demoIdentityTrust(session, settings.url),
    });
    const group = proofGroup(run.checks, startedAt);
    // For the status page and its report (the hops only: no token, no secret).
    rememberProof(session, state.baseUrl, group);
    const kept =
      run.kept && run.identityUrl
        ? {
            ...run.kept,
            tokenEndpoint: `${run.identityUrl}/connect/token`,
            selectUrl: `${state.baseUrl}${state.prefix}/DataService/json/SyncReply/SelectQuery`,
          }
        : null;
    return {
      ok: true as const,
      run: {
        checks: run.checks,
        group,
        passed: run.passed,
        kept,
        leftovers: run.leftovers.map(({ name, clientId }) => ({ name, clientId })),
        ms: run.ms,
      },
    };
  },
});

/**
 * Deletes temporary apps: those named in `names` (a retry after a failed clean-up), or every
 * `IS wizard proof` app older than an hour (left behind by an earlier run). Verifies by selecting again.
 */
export const cleanUpProofAppsAction = defineAction({
  input: cleanUpProofSchema,
  access: "creatio",
  writes: "proof",
  refresh: false,
  run: async ({ names }, { client }): Promise<CleanUpResult> => {
    const all = await client.findIntegrationApps({ prefix: PROOF_APP_PREFIX });
    const wanted = names
      ? all.filter((app) => names.includes(app.name))
      : oldProofApps(all, proofAppCreatedAt, new Date());
    const checks: Check[] = [];
    const leftovers: { name: string; clientId: string }[] = [];
    for (const name of [...new Set(wanted.map((app) => app.name))]) {
      const result = await cleanUp({ creatio: client, identityCalls: [] }, name, null, "on request");
      checks.push(result.check);
      leftovers.push(...result.leftovers.map(({ name: n, clientId }) => ({ name: n, clientId })));
    }
    return { ok: true as const, checks, leftovers };
  },
});
