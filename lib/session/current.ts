import "server-only";
// The current operator's wizard session, from the sealed cookie of this request.
import { cookies, headers } from "next/headers";
import { sealSessionId, sessionCookieName, sessionCookieOptions, unsealSessionId } from "./seal";
import { getSessionPassword } from "./secret";
import { getSessionStore } from "./store";
import type { WizardSession } from "./types";

async function isHttps(): Promise<boolean> {
  const proto = (await headers()).get("x-forwarded-proto") ?? "";
  return proto.split(",")[0]?.trim() === "https";
}

/** The wizard session of this request, or null (no cookie, forged or expired seal, or idle too long). */
export async function getWizardSession(): Promise<WizardSession | null> {
  const sealed = (await cookies()).get(sessionCookieName(await isHttps()))?.value;
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
  await setSessionCookie(session);
  return session;
}

async function setSessionCookie(session: WizardSession): Promise<void> {
  const secure = await isHttps();
  const sealed = await sealSessionId(session.id, getSessionPassword());
  (await cookies()).set(sessionCookieName(secure), sealed, sessionCookieOptions(secure));
}

/**
 * At sign-in: the current session (or a new one) under a NEW id and cookie. Anyone holding a copy of
 * the cookie from before (session fixation) holds nothing afterwards. Server actions only.
 */
export async function renewWizardSession(): Promise<WizardSession> {
  const session = getSessionStore().rotate(await getWizardSession());
  await setSessionCookie(session);
  return session;
}

/** Forget the session on the server and in the browser. Server actions and route handlers only. */
export async function endWizardSession(): Promise<void> {
  const session = await getWizardSession();
  if (session) getSessionStore().delete(session.id);
  (await cookies()).delete(sessionCookieName(await isHttps()));
}
