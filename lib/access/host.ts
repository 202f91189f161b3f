// Which Host and Origin the wizard answers to. A web page the operator visits can point its own
// name at 127.0.0.1 (DNS rebinding) and drive the wizard from the operator's browser; the browser
// then sends that page's name as Host and Origin, which is never one of the names below.
import os from "node:os";
import { isLoopbackHost } from "@/lib/contract/addresses";

export const PUBLIC_ORIGIN_ENV = "WIZARD_PUBLIC_ORIGIN";

export interface ServedNames {
  /** The port the wizard listens on (PORT), or null when unknown: then any port of a served name. */
  port: string | null;
  /** Extra host names or addresses served on `port` (what HOSTNAME binds to, this machine's addresses). */
  local: string[];
  /** The origins of WIZARD_PUBLIC_ORIGIN (`https://wizard.example.com`), exact. */
  publicOrigins: string[];
  /** Entries of WIZARD_PUBLIC_ORIGIN that are not an origin (shown in the 421 text). */
  invalid: string[];
}

function bare(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
}

/** `host` and `port` of a Host header value (`127.0.0.1:3000`, `[::1]:3000`, `localhost`). */
export function splitHost(value: string): { host: string; port: string | null } | null {
  const v = value.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]/@\s]+)(?::(\d{1,5}))?$/.exec(v);
  if (!m?.[1]) return null;
  return { host: bare(m[1]), port: m[2] ?? null };
}

function isUnspecified(host: string): boolean {
  const h = bare(host);
  return h === "0.0.0.0" || h === "::" || h === "";
}

/** The names this wizard serves, from its environment (PORT, HOSTNAME, WIZARD_PUBLIC_ORIGIN). */
export function servedNames(
  env: Record<string, string | undefined> = process.env,
  interfaces: () => string[] = machineAddresses,
): ServedNames {
  const port = env.PORT && /^\d{1,5}$/.test(env.PORT) ? env.PORT : null;
  const local: string[] = [];
  const bind = env.HOSTNAME?.trim();
  if (bind && !isLoopbackHost(bind)) {
    // Bound beyond loopback (with an access password): the bound name, or every address of this
    // machine when bound to all of them. A rebinding page can only ever send its own name.
    if (isUnspecified(bind)) local.push(...interfaces().map(bare));
    else local.push(bare(bind));
  }
  const publicOrigins: string[] = [];
  const invalid: string[] = [];
  for (const entry of (env[PUBLIC_ORIGIN_ENV] ?? "").split(",")) {
    const e = entry.trim();
    if (!e) continue;
    try {
      const url = new URL(e);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/" && !url.search) {
        publicOrigins.push(url.origin);
        continue;
      }
    } catch {
      // falls through to invalid
    }
    invalid.push(e);
  }
  return { port, local, publicOrigins, invalid };
}

function machineAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => i !== undefined)
    .map((i) => i.address.replace(/%.*$/, ""));
}

/** Whether a request with this Host header is for this wizard. */
export function isServedHost(hostHeader: string | null, served: ServedNames): boolean {
  if (!hostHeader) return false;
  const parts = splitHost(hostHeader);
  if (!parts) return false;
  const { host, port } = parts;
  for (const origin of served.publicOrigins) {
    const url = new URL(origin);
    if (
      bare(url.hostname) === host &&
      (port ?? defaultPort(url.protocol)) === (url.port || defaultPort(url.protocol))
    ) {
      return true;
    }
  }
  // Behind a reverse proxy the Host may be the proxy's (public) name on its default port.
  const portMatches = served.port === null || port === served.port;
  if (!portMatches) return false;
  return isLoopbackHost(host) || served.local.includes(host);
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : "80";
}

/** Whether a state-changing request's Origin is this wizard (never `null`, never another site). */
export function isServedOrigin(originHeader: string | null, served: ServedNames): boolean {
  if (!originHeader || originHeader === "null") return false;
  let url: URL;
  try {
    url = new URL(originHeader);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (served.publicOrigins.includes(url.origin)) return true;
  return isServedHost(url.host, served) && served.publicOrigins.every((o) => new URL(o).host !== url.host);
}

/**
 * A browser's own form post from the wizard's page under `Referrer-Policy: no-referrer`: browsers
 * then send `Origin: null`, and say where the request came from in `Sec-Fetch-Site`, a header no web
 * page can set. (Requests from other sites say `cross-site` or `same-site`.)
 */
export function isSameOriginBrowserRequest(
  originHeader: string | null,
  secFetchSite: string | null,
): boolean {
  return (originHeader === null || originHeader === "null") && secFetchSite === "same-origin";
}

/** Requests that change state (server actions, /unlock/submit, route handlers' POST) need an Origin. */
export function changesState(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}

/** The plain text of the 421 answer: which names this wizard answers to, and how to add one. */
export function misdirectedText(hostHeader: string | null, served: ServedNames): string {
  const port = served.port ?? "<port>";
  return (
    `This wizard does not answer to the host name ${hostHeader ? `"${hostHeader}"` : "(none)"}.\n` +
    `Open it at http://127.0.0.1:${port}/ or http://localhost:${port}/` +
    (served.publicOrigins.length > 0 ? `, or at ${served.publicOrigins.join(", ")}` : "") +
    ".\n" +
    `Behind a reverse proxy, set ${PUBLIC_ORIGIN_ENV} to the address people open (for example https://wizard.example.com) and start the wizard again.\n` +
    (served.invalid.length > 0
      ? `${PUBLIC_ORIGIN_ENV} has entries that are not an origin (scheme://host[:port] only): ${served.invalid.join(", ")}.\n`
      : "")
  );
}
