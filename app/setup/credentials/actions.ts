"use server";
import type { IdentitySettingCode, SaveSettingsResult } from "@/lib/creatio/types";
import { checkIdentityFromWizard } from "@/lib/diagnostics";
import type { Check, Diagnosis } from "@/lib/diagnostics/types";
import { defineAction } from "@/lib/frame/action";
import type { WizardSession } from "@/lib/session/types";
import { creatioViewFromRead, diagnoseViews } from "@/lib/wizard/checks";
import { demoCaState, demoIdentityTrust } from "@/lib/wizard/demo";
import { readsYoungerThan } from "@/lib/wizard/recent-reads";
import { type ActionResult, inputError } from "@/lib/wizard/result";
import { credentialsSchema, testConnectionSchema } from "@/lib/wizard/schemas";
import { effectiveSecretState } from "@/lib/wizard/state";

/** How old the step-3 page's reads may be for the save to rely on them instead of reading again. */
const PAGE_READS_VALID_FOR_SAVE_MS = 10 * 60_000;

/**
 * The secret to use: the one typed now, else one typed earlier in this session for this Creatio AND
 * this Identity Service URL (server-side only). A secret is never sent to an address it was not typed for.
 */
function secretFor(session: WizardSession, baseUrl: string, typed: string, identityUrl: string): string {
  if (typed) return typed;
  const draft = session.draft;
  return draft?.baseUrl === baseUrl && draft.identityUrl === identityUrl ? draft.clientSecret : "";
}

/** The held secret was typed for another Identity Service URL: the form asks for it again. */
function secretTypedForAnotherUrl(session: WizardSession, typed: string, identityUrl: string) {
  const draft = session.draft;
  if (typed || !draft?.clientSecret || draft.identityUrl === identityUrl) return null;
  return inputError({
    clientSecret: [
      `The client secret you typed earlier was for ${draft.identityUrl}. The wizard sends a secret only to the address it was typed for: type the client secret for this Identity Service URL.`,
    ],
  });
}

/** Remember what was typed, server-side, so that signing in again in between loses nothing. */
function rememberDraft(
  session: WizardSession,
  values: { identityUrl: string; clientId: string; clientSecret: string },
) {
  const baseUrl = session.creatio?.baseUrl ?? session.lastLogin?.baseUrl;
  if (!baseUrl) return;
  session.draft = {
    baseUrl,
    identityUrl: values.identityUrl,
    clientId: values.clientId,
    clientSecret: secretFor(session, baseUrl, values.clientSecret, values.identityUrl),
  };
}

export type TestConnectionResult = ActionResult<{
  checks: Check[];
  /** Demo, self-signed scenario: "offer" to trust the demo's CA, or it is "trusted" for these checks. */
  demoCa?: "offer" | "trusted";
}>;

/** "Test connection": from the wizard's host, the discovery document and a client-credentials token. */
export const testConnectionAction = defineAction({
  input: testConnectionSchema,
  // Only a signed-in operator may make the wizard's server call out.
  access: "session",
  run: async (values, { session }): Promise<TestConnectionResult> => {
    const askAgain = secretTypedForAnotherUrl(session, values.clientSecret, values.identityUrl);
    if (askAgain) return askAgain;
    rememberDraft(session, values);
    const baseUrl = session.creatio?.baseUrl ?? "";
    const probe = await checkIdentityFromWizard({
      url: values.identityUrl,
      clientId: values.clientId,
      clientSecret: secretFor(session, baseUrl, values.clientSecret, values.identityUrl),
      network: false,
      trust: demoIdentityTrust(session, values.identityUrl),
    });
    return {
      ok: true,
      checks: probe.checks,
      demoCa: demoCaState(session, values.identityUrl, probe.checks),
    };
  },
});

export interface SavedCode {
  code: IdentitySettingCode;
  /** "saved": Creatio said saved; "not-saved": Creatio refused; "kept": not sent (empty secret keeps the stored one). */
  outcome: "saved" | "not-saved" | "kept";
  /** Read back after the save: matches what was sent, differs, or cannot be read (the secret). */
  verified: "matches" | "differs" | "not-readable" | "unknown";
}

export type SaveCredentialsResult = ActionResult<{
  codes: SavedCode[];
  allSaved: boolean;
  creatioChecks: Check[];
  hostChecks: Check[];
  /** Field problems the two views show together (lib/diagnostics rules), each with its fix. */
  diagnoses: Diagnosis[];
  /** Creatio now holds a secret: the form may leave the secret empty from now on. */
  secretStored: boolean;
  /** Demo, self-signed scenario: as in TestConnectionResult. */
  demoCa?: "offer" | "trusted";
}>;

function describeCodes(result: SaveSettingsResult, sent: { url: string; clientId: string }): SavedCode[] {
  const back = result.readBack;
  const verify = (code: IdentitySettingCode, expected: string | null): SavedCode["verified"] => {
    if (!back) return "unknown";
    if (code === "OAuth20IdentityServerClientSecret") {
      return back.secret === "set" ? "matches" : back.secret === "not-set" ? "differs" : "not-readable";
    }
    const actual = code === "OAuth20IdentityServerUrl" ? back.url : back.clientId;
    return actual === expected ? "matches" : "differs";
  };
  const row = (code: IdentitySettingCode, expected: string | null): SavedCode => {
    const saved = result.saved[code];
    const outcome: SavedCode["outcome"] = result.skipped.includes(code)
      ? "kept"
      : saved
        ? "saved"
        : "not-saved";
    return { code, outcome, verified: verify(code, expected) };
  };
  return [
    row("OAuth20IdentityServerUrl", sent.url),
    row("OAuth20IdentityServerClientId", sent.clientId),
    row("OAuth20IdentityServerClientSecret", null),
  ];
}

/**
 * "Save settings" (step 3's credentials): write the three settings (URL without trailing slash), verify each code, then
 * ask Creatio's health check and probe from the wizard's host, so both views show side by side.
 */
export const saveCredentialsAction = defineAction({
  // Parsed leniently first (the secret may be empty); whether it may stay empty is decided below.
  input: testConnectionSchema,
  access: "creatio",
  writes: "save-credentials",
  touches: ["settings", "health"],
  // First remember what was typed (even if the Creatio session has just ended): nothing is lost.
  beforeSession: (values, session) => {
    if (!session) return;
    const askAgain = secretTypedForAnotherUrl(session, values.clientSecret, values.identityUrl);
    if (askAgain) return askAgain;
    rememberDraft(session, values);
  },
  run: async (typed, ctx): Promise<SaveCredentialsResult> => {
    const { session, client } = ctx;
    // The same rule as the page: the secret may stay empty when Creatio may already hold one. The
    // page the operator typed into read the settings moments ago; only an old page means asking again.
    const shown = readsYoungerThan(session, ctx.state.baseUrl, PAGE_READS_VALID_FOR_SAVE_MS);
    const [current, healthBefore] = await Promise.all([
      shown.settings?.ok ? shown.settings.value : client.readIdentitySettings(),
      shown.health ?? ctx.read(client.getOAuthHealth()),
    ]);
    const storedSecret = effectiveSecretState(
      current,
      healthBefore,
      session.secretSavedFor === ctx.state.baseUrl,
    );
    const baseUrl = ctx.state.baseUrl;
    const draftSecret = secretFor(session, baseUrl, "", typed.identityUrl);
    const schema = credentialsSchema({ secretOptional: storedSecret !== "not-set" || draftSecret !== "" });
    const parsed = ctx.validate(schema, typed);
    if (!parsed.ok) return parsed.failure;
    const values = parsed.data;
    const clientSecret = secretFor(session, baseUrl, values.clientSecret, values.identityUrl);

    const saved = await client.writeIdentitySettings({
      url: values.identityUrl,
      clientId: values.clientId,
      clientSecret,
    });
    if (current.url !== values.identityUrl || current.clientId !== values.clientId) {
      session.previous = { baseUrl, identityUrl: current.url, clientId: current.clientId };
    }
    if (saved.allSaved) session.draft = null;
    if (saved.saved.OAuth20IdentityServerClientSecret === true) session.secretSavedFor = baseUrl;

    const mark = client.calls.length;
    const [health, host] = await Promise.all([
      ctx.read(client.getOAuthHealth()),
      checkIdentityFromWizard({
        url: values.identityUrl,
        clientId: values.clientId,
        clientSecret,
        network: false,
        trust: demoIdentityTrust(session, values.identityUrl),
      }),
    ]);
    const healthCalls = client.calls.slice(mark).filter((c) => c.url.includes("OAuthHealthCheck"));
    // The page re-rendered next shows these reads instead of asking Creatio again.
    ctx.fresh({
      health,
      ...(saved.readBack ? { settings: { ok: true as const, value: saved.readBack } } : {}),
    });
    const codes = describeCodes(saved, { url: values.identityUrl, clientId: values.clientId });
    const { runtime, version, userName } = ctx.state;
    const creatioView = creatioViewFromRead(health, { version, runtime, calls: healthCalls });
    return {
      ok: true as const,
      codes,
      allSaved: saved.allSaved,
      creatioChecks: creatioView.checks,
      hostChecks: host.checks,
      demoCa: demoCaState(session, values.identityUrl, host.checks),
      diagnoses: diagnoseViews({
        creatio: { url: baseUrl, runtime, version, userName },
        identityUrl: values.identityUrl,
        wizardView: host,
        creatioView,
        settings: saved.readBack,
        health: health.ok ? health.value : null,
      }),
      secretStored:
        saved.readBack?.secret === "set" ||
        (clientSecret !== "" && saved.saved.OAuth20IdentityServerClientSecret === true) ||
        current.secret === "set",
    };
  },
});
