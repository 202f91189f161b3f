// POST /unlock/submit: checks the access password (constant time) and sets the sealed access cookie.
import { NextResponse } from "next/server";
import { accessAttempts } from "@/lib/access/attempts";
import { ACCESS_COOKIE_NAME, accessCookieOptions, sealAccessGrant } from "@/lib/access/cookie";
import { safeNextPath, unlockPathFor } from "@/lib/access/gate";
import { getAccessConfig, isHttpsRequest } from "@/lib/access/key";
import { accessPasswordMatches } from "@/lib/access/password";

export const dynamic = "force-dynamic";

/** The longest access password accepted as input: anything longer is not the password anyway. */
const MAX_TYPED_LENGTH = 1000;

/**
 * A relative redirect: the browser resolves it against the address it used. An absolute one would be
 * built from what the server believes its host is (`localhost`, http behind a TLS proxy).
 */
function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
}

export async function POST(request: Request): Promise<NextResponse> {
  const access = getAccessConfig();
  let form: FormData | null = null;
  try {
    form = await request.formData();
  } catch {
    form = null;
  }
  const next = safeNextPath(form?.get("next"));
  if (access === null) return seeOther(next);
  const attempts = accessAttempts();
  if (!attempts.allowed()) return seeOther(unlockPathFor(next, "throttled"));
  const typed = form?.get("accessPassword");
  const ok =
    typeof typed === "string" &&
    typed.length <= MAX_TYPED_LENGTH &&
    accessPasswordMatches(typed, access.password);
  if (!ok) {
    attempts.recordFailure();
    return seeOther(unlockPathFor(next, "wrong"));
  }
  const response = seeOther(next);
  response.cookies.set(
    ACCESS_COOKIE_NAME,
    await sealAccessGrant(access.sealKey),
    accessCookieOptions(isHttpsRequest(request.headers.get("x-forwarded-proto"))),
  );
  return response;
}
