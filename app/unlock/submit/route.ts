// POST /unlock/submit: checks the access password (constant time) and sets the sealed access cookie.
// Wrong passwords lock out the client that typed them, not everyone (lib/access/lockout.ts); the body
// is read up to a few kB, then parsed.

import { NextResponse } from "next/server";
import { ACCESS_COOKIE_NAME, accessCookieOptions, sealAccessGrant } from "@/lib/access/cookie";
import { safeNextPath, unlockPathFor } from "@/lib/access/gate";
import { getAccessConfig, isHttpsRequest } from "@/lib/access/key";
import { accessLockout, clientAddress } from "@/lib/access/lockout";
import { accessPasswordMatches } from "@/lib/access/password";
import { readCapped } from "@/lib/transport";

export const dynamic = "force-dynamic";

/** The longest access password accepted as input: anything longer is not the password anyway. */
const MAX_TYPED_LENGTH = 1000;
/** The unlock form is two short fields: a larger body is not from it, and is not read. */
export const MAX_BODY_BYTES = 4 * 1024;

/**
 * A relative redirect: the browser resolves it against the address it used. An absolute one would be
 * built from what the server believes its host is (`localhost`, http behind a TLS proxy).
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
}

function tooLarge(): NextResponse {
  return new NextResponse(
    "The unlock form sends a few hundred bytes; this request was larger and was not read.\n",
    {
      status: 413,
      headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    },
  );
}

export async function POST(request: Request): Promise<NextResponse> {
  const access = getAccessConfig();
  const text = await readCapped(request, MAX_BODY_BYTES);
  if (text === null) return tooLarge();
  const form = new URLSearchParams(text);
  const next = safeNextPath(form.get("next"));
  if (access === null) return seeOther(next);
  const client = clientAddress((name) => request.headers.get(name));
  const lockout = accessLockout();
  const state = await lockout.state(client);
  if (state.locked) return seeOther(unlockPathFor(next, "throttled", state.waitS));
  const typed = form.get("accessPassword");
  const ok =
    typeof typed === "string" &&
    typed.length <= MAX_TYPED_LENGTH &&
    accessPasswordMatches(typed, access.password);
  if (!ok) {
    const after = await lockout.fail(client);
    return seeOther(
      unlockPathFor(next, after.locked ? "throttled" : "wrong", after.locked ? after.waitS : undefined),
    );
  }
  await lockout.succeed(client);
  const response = seeOther(next);
  response.cookies.set(
    ACCESS_COOKIE_NAME,
    await sealAccessGrant(access.sealKey),
    accessCookieOptions(isHttpsRequest(request.headers.get("x-forwarded-proto"))),
  );
  return response;
}
