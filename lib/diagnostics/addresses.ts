// Host names as the rules and the network layers read them. No `server-only`: the rules use it too.

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|0\.0\.0\.0)$/i;

/** localhost, 127.x.x.x, ::1 (with or without brackets) or *.localhost: "this machine" for whoever resolves it. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  return LOOPBACK.test(bare) || bare.toLowerCase().endsWith(".localhost");
}

/** An IPv4 or IPv6 literal (no DNS lookup involved). */
export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(bare) || bare.includes(":");
}
