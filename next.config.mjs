/** @type {import('next').NextConfig} */
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

// The Content-Security-Policy (with a fresh nonce per response) and HSTS are set by proxy.ts; these
// headers never change.
const permissionsPolicy = [
  "accelerometer=()",
  "autoplay=()",
  "camera=()",
  "display-capture=()",
  "encrypted-media=()",
  "fullscreen=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "picture-in-picture=()",
  "publickey-credentials-get=()",
  "screen-wake-lock=()",
  "serial=()",
  "usb=()",
  "xr-spatial-tracking=()",
  "clipboard-read=()",
  "browsing-topics=()",
].join(", ");

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
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: permissionsPolicy },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
