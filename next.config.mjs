/** @type {import('next').NextConfig} */
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

// Next inlines small bootstrap scripts, so script-src needs 'unsafe-inline' without a nonce set-up;
// everything else is locked to the wizard's own origin.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join("; ");

const nextConfig = {
  // A self-contained server (server.js + the node_modules it needs) that the release package, the
  // container and `npm start` all run; scripts/build.mjs copies it to dist/app with the static files.
  output: "standalone",
  // This folder, not a parent that happens to hold another lock file.
  outputFileTracingRoot: root,
  turbopack: { root },
  // The wizard uses no next/image: leave out sharp and its platform binaries (19 MB, Linux-only
  // files in a package that must also start on Windows).
  outputFileTracingExcludes: { "*": ["node_modules/sharp/**", "node_modules/@img/**"] },
  // The demo servers and the HTTP/OAuth libraries run in Node only; keep them out of the bundle.
  serverExternalPackages: ["oidc-provider", "undici", "tough-cookie"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
