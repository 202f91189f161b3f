// Runs before every route (Next 16's proxy). In order:
// 1. Host: only the names this wizard serves (loopback with its port, WIZARD_PUBLIC_ORIGIN) get an
//    answer; anything else is a DNS-rebinding page or a misrouted request: 421 (lib/access/host.ts).
// 2. Origin: a request that changes state (server action, /unlock/submit, route handler POST) must
//    come from the wizard's own origin: 403 otherwise.
// 3. The access password gate: when WIZARD_ACCESS_PASSWORD is set, every page, server action and
//    route handler needs the sealed access cookie from /unlock.
// 4. Headers: a nonce-based Content-Security-Policy for this response, HSTS over HTTPS.
import { type NextRequest, NextResponse } from "next/server";
import { ACCESS_COOKIE_NAME, isAccessGranted } from "@/lib/access/cookie";
import { decideAccess, unlockPathFor } from "@/lib/access/gate";
import { contentSecurityPolicy, HSTS_VALUE, newNonce, servedOverHttps } from "@/lib/access/headers";
import {
  changesState,
  isSameOriginBrowserRequest,
  isServedHost,
  isServedOrigin,
  misdirectedText,
  servedNames,
} from "@/lib/access/host";
import { getAccessConfig } from "@/lib/access/key";

const PLAIN = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" };

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const served = servedNames();
  const host = request.headers.get("host");
  if (!isServedHost(host, served)) {
    return new NextResponse(misdirectedText(host, served), { status: 421, headers: PLAIN });
  }
  const https = servedOverHttps(request.nextUrl.protocol, request.headers.get("x-forwarded-proto"));
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce);
  const secure = (response: NextResponse): NextResponse => {
    response.headers.set("content-security-policy", csp);
    if (https) response.headers.set("strict-transport-security", HSTS_VALUE);
    return response;
  };

  const origin = request.headers.get("origin");
  const fromWizard =
    isServedOrigin(origin, served) ||
    isSameOriginBrowserRequest(origin, request.headers.get("sec-fetch-site"));
  if (changesState(request.method) && !fromWizard) {
    return secure(
      new NextResponse(
        "This request did not come from the wizard's own page, so it was not carried out. Open the wizard and use its buttons.\n",
        { status: 403, headers: PLAIN },
      ),
    );
  }

  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  const forwarded = new Headers(request.headers);
  forwarded.set("x-nonce", nonce);
  forwarded.set("content-security-policy", csp);
  const pass = () => secure(NextResponse.next({ request: { headers: forwarded } }));

  const access = getAccessConfig();
  if (access === null) return pass();
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
  if (decision.kind === "pass") return pass();
  if (decision.kind === "unlock") {
    // Built on the request's own address: Next then sends it as a relative Location, so the browser
    // keeps the host name it used.
    const response = NextResponse.redirect(new URL(unlockPathFor(decision.next), request.nextUrl), 303);
    response.headers.set("cache-control", "no-store");
    return secure(response);
  }
  return secure(
    new NextResponse("The wizard is locked. Open it in the browser and type the access password.\n", {
      status: 401,
      headers: PLAIN,
    }),
  );
}

export const config = {
  // Build assets carry no state and the unlock page needs them; everything else goes through the gate.
  matcher: ["/((?!_next/static/|_next/image|icon.svg|favicon.ico).*)"],
};
