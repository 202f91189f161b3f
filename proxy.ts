// The access password gate (Next 16's proxy runs before every route): when WIZARD_ACCESS_PASSWORD is
// set, every page, server action and route handler needs the sealed access cookie from /unlock.
// Without the password the wizard listens on loopback only (lib/cli/start.ts), and this passes all.
import { type NextRequest, NextResponse } from "next/server";
import { ACCESS_COOKIE_NAME, isAccessGranted } from "@/lib/access/cookie";
import { decideAccess, unlockPathFor } from "@/lib/access/gate";
import { getAccessConfig } from "@/lib/access/key";

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const access = getAccessConfig();
  if (access === null) return NextResponse.next();
  const granted = await isAccessGranted(request.cookies.get(ACCESS_COOKIE_NAME)?.value, access.sealKey);
  const decision = decideAccess(
    {
      method: request.method,
      pathname: request.nextUrl.pathname,
      search: request.nextUrl.search,
      header: (name) => request.headers.get(name),
    },
    granted,
  );
  if (decision.kind === "pass") return NextResponse.next();
  if (decision.kind === "unlock") {
    // Built on the request's own address: Next then sends it as a relative Location, so the browser
    // keeps the host name it used.
    const response = NextResponse.redirect(new URL(unlockPathFor(decision.next), request.nextUrl), 303);
    response.headers.set("cache-control", "no-store");
    return response;
  }
  return new NextResponse("The wizard is locked. Open it in the browser and type the access password.\n", {
    status: 401,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
  });
}

export const config = {
  // Build assets carry no state and the unlock page needs them; everything else goes through the gate.
  matcher: ["/((?!_next/static/|_next/image|icon.svg|favicon.ico).*)"],
};
