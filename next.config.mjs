/** @type {import('next').NextConfig} */
const nextConfig = {
  // The demo servers and the OAuth libraries run in Node only; keep them out of the bundle.
  serverExternalPackages: ["oidc-provider", "undici", "tough-cookie"],
  poweredByHeader: false,
};

export default nextConfig;
