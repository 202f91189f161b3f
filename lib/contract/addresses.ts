// What a host name or address refers to, in one place (ipaddr.js): the access gate asks "reachable
// only from this machine?", the diagnostics ask "does this name mean whatever machine resolves it?".
// Browser-safe: the diagnosis rules use it too.
import ipaddr from "ipaddr.js";

export interface HostMeaning {
  /** An IP address literal (no DNS involved), in any form ipaddr.js reads. */
  ip: boolean;
  /** localhost, *.localhost, 127.0.0.0/8, ::1, and their IPv4-mapped forms. */
  loopback: boolean;
  /** 0.0.0.0 or :: : "every interface" to a listener, "this machine" to a client. */
  unspecified: boolean;
}

export function hostMeaning(host: string): HostMeaning {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return { ip: false, loopback: true, unspecified: false };
  if (h === "" || !ipaddr.isValid(h)) return { ip: false, loopback: false, unspecified: false };
  let address = ipaddr.parse(h);
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) address = address.toIPv4Address();
  const range = address.range();
  return { ip: true, loopback: range === "loopback", unspecified: range === "unspecified" };
}

/** Reachable only from this machine: loopback, and nothing else (0.0.0.0 and any other name are not). */
export function isLoopbackHost(host: string): boolean {
  return hostMeaning(host).loopback;
}

/** "This machine" for whoever resolves or connects to it: loopback, or the unspecified 0.0.0.0 / ::. */
export function meansThisMachine(host: string): boolean {
  const meaning = hostMeaning(host);
  return meaning.loopback || meaning.unspecified;
}

/** An IP address literal (no DNS lookup involved). */
export function isIpLiteral(host: string): boolean {
  return hostMeaning(host).ip;
}
