// Response headers set per request by proxy.ts: a nonce-based Content-Security-Policy (Next.js puts
// the nonce on its own scripts when it finds it in the request's CSP header) and HSTS over HTTPS.
// The headers that never change (COOP, CORP, Permissions-Policy, nosniff...) are in next.config.mjs.

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The policy for one response. `'unsafe-inline'` in script-src is only the fallback of browsers
 * without nonces (CSP 1); every browser that knows nonces ignores it beside one.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== "production"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const HSTS_VALUE = "max-age=31536000";

/** Whether the browser reached the wizard over HTTPS (a TLS reverse proxy says so). */
export function servedOverHttps(protocol: string, forwardedProto: string | null): boolean {
  if (protocol === "https:") return true;
  return (forwardedProto ?? "").split(",")[0]?.trim().toLowerCase() === "https";
}
