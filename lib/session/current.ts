import "server-only";
// The current operator's wizard session, from the sealed cookie of this request.
import { cookies, headers } from "next/headers";
import { SESSION_COOKIE_NAME, sealSessionId, sessionCookieOptions, unsealSessionId } from "./seal";
import { getSessionPassword } from "./secret";
import { getSessionStore } from "./store";
import type { WizardSession } from "./types";

async function isHttps(): Promise<boolean> {
  const proto = (await headers()).get("x-forwarded-proto") ?? "";
  return proto.split(",")[0]?.trim() === "https";
}

/** The wizard session of this request, or null (no cookie, forged or expired seal, or idle too long). */
export async function getWizardSession(): Promise<WizardSession | null> {
  const sealed = (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  if (!sealed) return null;
  const sid = await unsealSessionId(sealed, getSessionPassword());
  if (!sid) return null;
  return getSessionStore().get(sid) ?? null;
}

/** The current session, or a new one with its cookie set. Server actions and route handlers only. */
export async function ensureWizardSession(): Promise<WizardSession> {
  const existing = await getWizardSession();
  if (existing) return existing;
  const session = getSessionStore().create();
  const sealed = await sealSessionId(session.id, getSessionPassword());
  (await cookies()).set(SESSION_COOKIE_NAME, sealed, sessionCookieOptions(await isHttps()));
  return session;
}

/** Forget the session on the server and in the browser. Server actions and route handlers only. */
export async function endWizardSession(): Promise<void> {
  const session = await getWizardSession();
  if (session) getSessionStore().delete(session.id);
  (await cookies()).delete(SESSION_COOKIE_NAME);
}
