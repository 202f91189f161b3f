// The outbound guard: which addresses the wizard's server may connect to when it calls Creatio or an
// Identity Service. Every outbound socket the wizard opens checks here, on the address it actually
// connects to (after DNS: `outboundLookup` is the `lookup` of the socket itself), so a name that
// resolves to a forbidden address, or changes between a check and the connection, is refused before
// any packet is sent. See docs/security.md, "The wizard as a proxy into the customer's network".
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { buildConnector } from "undici";

export const ALLOWED_TARGETS_ENV = "WIZARD_ALLOWED_TARGETS";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Never a Creatio or an Identity Service; WIZARD_ALLOWED_TARGETS cannot allow these. */
const ALWAYS_REFUSED: { cidr: string; rule: string }[] = [
  {
    cidr: "0.0.0.0/8",
    rule: "addresses in 0.0.0.0/8 (\u201cthis host\u201d, 0.0.0.0 reaches the wizard's own ports)",
  },
  {
    cidr: "169.254.0.0/16",
    rule: "link-local addresses 169.254.0.0/16 (where cloud metadata services answer)",
  },
  { cidr: "224.0.0.0/4", rule: "multicast addresses 224.0.0.0/4" },
  { cidr: "240.0.0.0/4", rule: "reserved and broadcast addresses 240.0.0.0/4 and 255.255.255.255" },
  { cidr: "100.100.100.200/32", rule: "the cloud metadata address 100.100.100.200" },
  { cidr: "192.0.0.192/32", rule: "the cloud metadata address 192.0.0.192" },
  { cidr: "::/128", rule: "the unspecified IPv6 address ::" },
  { cidr: "fe80::/10", rule: "IPv6 link-local addresses fe80::/10" },
  { cidr: "ff00::/8", rule: "IPv6 multicast addresses ff00::/8" },
  { cidr: "fd00:ec2::254/128", rule: "the cloud metadata address fd00:ec2::254" },
];
const REFUSED_RANGES = ALWAYS_REFUSED.map(({ cidr, rule }) => ({ range: ipaddr.parseCIDR(cidr), rule }));

/** Names of cloud metadata services: refused whatever they resolve to. */
export const METADATA_NAMES: readonly string[] = [
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "metadata.azure.internal",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.tencentyun.com",
  "metadata.platformequinix.com",
];

/** Raised before any socket is opened; lib/creatio/http.ts maps it to network:target-refused. */
export class OutboundRefusedError extends Error {
  readonly code = "ERR_WIZARD_TARGET_REFUSED";
  constructor(
    readonly host: string,
    /** The rule that refused, as one phrase ("link-local addresses 169.254.0.0/16 ..."). */
    readonly rule: string,
    /** "always": never reachable; "allow-list": outside WIZARD_ALLOWED_TARGETS. */
    readonly kind: "always" | "allow-list",
  ) {
    super(`Connection to ${host} refused by the wizard: ${rule}`);
    this.name = "OutboundRefusedError";
  }
}

type Rule =
  | { kind: "range"; range: [Address, number] }
  | { kind: "name"; name: string }
  | { kind: "suffix"; suffix: string };

export interface OutboundPolicy {
  /** null: WIZARD_ALLOWED_TARGETS unset, everything but the always-refused ranges may be reached. */
  rules: Rule[] | null;
  /** Entries that are not a CIDR, address, host name or *.domain: then nothing is reached. */
  invalid: string[];
  /** The demo's own servers (`host:port` of DEMO_CREATIO_URL / DEMO_IDENTITY_URL), loopback only. */
  demo: { host: string; port: number }[];
}

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

function normalizeHost(host: string): string {
  return host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
}

/** An IP address in any form a URL or a socket accepts (decimal, hex, IPv4-mapped...), else null. */
export function parseAddress(host: string): Address | null {
  const h = normalizeHost(host).replace(/%.*$/, "");
  if (!ipaddr.isValid(h)) return null;
  try {
    return ipaddr.parse(h);
  } catch {
    return null;
  }
}

function parseRule(entry: string): Rule | null {
  const e = normalizeHost(entry);
  if (e.includes("/")) {
    try {
      return { kind: "range", range: ipaddr.parseCIDR(e) };
    } catch {
      return null;
    }
  }
  const address = parseAddress(e);
  if (address) return { kind: "range", range: [address, address.kind() === "ipv4" ? 32 : 128] };
  if (e.startsWith("*.")) {
    const suffix = e.slice(2);
    return HOST_NAME.test(suffix) ? { kind: "suffix", suffix } : null;
  }
  return HOST_NAME.test(e) ? { kind: "name", name: e } : null;
}

function demoTargets(env: Record<string, string | undefined>): OutboundPolicy["demo"] {
  const out: OutboundPolicy["demo"] = [];
  for (const key of ["DEMO_CREATIO_URL", "DEMO_IDENTITY_URL"]) {
    const raw = env[key];
    if (!raw) continue;
    try {
      const url = new URL(raw);
      const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
      out.push({ host: normalizeHost(url.hostname), port });
    } catch {
      // Not a URL: no exception for it.
    }
  }
  return out;
}

/** The policy in this environment: WIZARD_ALLOWED_TARGETS and the demo's own servers. */
export function outboundPolicy(env: Record<string, string | undefined> = process.env): OutboundPolicy {
  const raw = env[ALLOWED_TARGETS_ENV]?.trim();
  const demo = demoTargets(env);
  if (!raw) return { rules: null, invalid: [], demo };
  const rules: Rule[] = [];
  const invalid: string[] = [];
  for (const entry of raw.split(",")) {
    if (entry.trim() === "") continue;
    const rule = parseRule(entry);
    if (rule) rules.push(rule);
    else invalid.push(entry.trim());
  }
  return { rules, invalid, demo };
}

/** The IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64, 6to4), else null. */
function embeddedIpv4(address: Address): ipaddr.IPv4 | null {
  if (address.kind() !== "ipv6") return null;
  const v6 = address as ipaddr.IPv6;
  const p = v6.parts;
  const tail = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  const zeros = (n: number) => p.slice(0, n).every((x) => x === 0);
  // ::a.b.c.d (IPv4-compatible) and ::ffff:0:a.b.c.d (SIIT): not :: or ::1 themselves.
  if (zeros(6) && (p[6] !== 0 || (p[7] ?? 0) > 1)) return tail(p[6] ?? 0, p[7] ?? 0);
  if (zeros(4) && p[4] === 0xffff && p[5] === 0) return tail(p[6] ?? 0, p[7] ?? 0);
  if (p[0] === 0x64 && p[1] === 0xff9b && p.slice(2, 6).every((x) => x === 0))
    return tail(p[6] ?? 0, p[7] ?? 0);
  if (p[0] === 0x2002) return tail(p[1] ?? 0, p[2] ?? 0);
  return null;
}

function alwaysRefusedRule(address: Address): string | null {
  const candidates = [address, embeddedIpv4(address)].filter((a): a is Address => a !== null);
  for (const candidate of candidates) {
    for (const { range, rule } of REFUSED_RANGES) {
      if (candidate.kind() === range[0].kind() && candidate.match(range)) return rule;
    }
    if (candidate.kind() === "ipv4" && candidate.toString() === "255.255.255.255") {
      return "the broadcast address 255.255.255.255";
    }
  }
  return null;
}

function isLoopback(address: Address): boolean {
  const v4 = embeddedIpv4(address);
  return address.range() === "loopback" || v4?.range() === "loopback";
}

function nameAllowed(host: string, rules: Rule[]): boolean {
  return rules.some(
    (r) => (r.kind === "name" && r.name === host) || (r.kind === "suffix" && host.endsWith(`.${r.suffix}`)),
  );
}

function addressAllowed(address: Address, rules: Rule[]): boolean {
  const forms = [address, embeddedIpv4(address)].filter((a): a is Address => a !== null);
  return rules.some(
    (r) => r.kind === "range" && forms.some((a) => a.kind() === r.range[0].kind() && a.match(r.range)),
  );
}

/**
 * Whether the wizard may connect to `address` for the host name `host` (the name typed in the URL,
 * or the address itself). `port` is known for literal addresses only; the demo exception needs it.
 * Throws OutboundRefusedError naming the rule; returns when the connection may be made.
 */
export function assertTargetAllowed(
  host: string,
  address: string,
  port: number | null,
  policy: OutboundPolicy = outboundPolicy(),
): void {
  const name = normalizeHost(host);
  if (METADATA_NAMES.includes(name)) {
    throw new OutboundRefusedError(name, "the well-known name of a cloud metadata service", "always");
  }
  const parsed = parseAddress(address);
  if (!parsed) throw new OutboundRefusedError(name, "an address the wizard cannot read", "always");
  const always = alwaysRefusedRule(parsed);
  if (always) throw new OutboundRefusedError(name, always, "always");
  if (policy.rules === null) return;
  if (policy.invalid.length > 0) {
    throw new OutboundRefusedError(
      name,
      `${ALLOWED_TARGETS_ENV} has entries that are not an address range, address, host name or *.domain (${policy.invalid.join(", ")}), so no address is allowed`,
      "allow-list",
    );
  }
  const literal = parseAddress(name) !== null;
  if (!literal && nameAllowed(name, policy.rules)) return;
  if (addressAllowed(parsed, policy.rules)) return;
  if (
    isLoopback(parsed) &&
    policy.demo.some((d) => d.host === name && (port === null ? !literal : d.port === port))
  ) {
    return;
  }
  throw new OutboundRefusedError(name, `${name} is not in ${ALLOWED_TARGETS_ENV}`, "allow-list");
}

/** For a literal address host (which skips DNS): throws when refused. Host names are checked at lookup. */
export function assertLiteralAllowed(host: string, port: number, policy?: OutboundPolicy): void {
  const address = parseAddress(host);
  if (address) assertTargetAllowed(host, address.toString(), port, policy);
}

/** Checks a URL's host before a request: literal addresses here, names again at the socket's lookup. */
export function assertUrlAllowed(url: string, policy: OutboundPolicy = outboundPolicy()): void {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return; // Not a URL: the caller's own parsing reports it.
  }
  const host = normalizeHost(target.hostname);
  const port = Number(target.port || (target.protocol === "https:" ? 443 : 80));
  if (METADATA_NAMES.includes(host)) assertTargetAllowed(host, "0.0.0.0", port, policy);
  assertLiteralAllowed(host, port, policy);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect / tls.connect / undici's `connect.lookup` (dns.lookup's signature, `all`
 * aware): resolves, checks every address, and fails the connection when any is refused.
 */
export const outboundLookup = ((hostname: string, options: unknown, callback?: unknown) => {
  const cb = (typeof options === "function" ? options : callback) as LookupCallback;
  const opts = (typeof options === "object" && options !== null ? options : {}) as dns.LookupOptions;
  const policy = outboundPolicy();
  try {
    // Names are refused before DNS is asked (a metadata name never leaves the machine).
    if (METADATA_NAMES.includes(normalizeHost(hostname)))
      assertTargetAllowed(hostname, "0.0.0.0", null, policy);
  } catch (e) {
    cb(e as NodeJS.ErrnoException, opts.all ? [] : "");
    return;
  }
  dns.lookup(hostname, { ...opts, all: true }, (err, addresses) => {
    if (err) {
      cb(err, opts.all ? [] : "");
      return;
    }
    try {
      if (addresses.length === 0)
        throw Object.assign(new Error(`no address for ${hostname}`), { code: "ENOTFOUND" });
      for (const a of addresses) assertTargetAllowed(hostname, a.address, null, policy);
    } catch (e) {
      cb(e as NodeJS.ErrnoException, opts.all ? [] : "");
      return;
    }
    if (opts.all) cb(null, addresses);
    else {
      const first = addresses[0] as dns.LookupAddress;
      cb(null, first.address, first.family);
    }
  });
}) as LookupFunction;

/**
 * undici's connector with the guard: literal addresses checked here (they skip DNS), names at the
 * socket's own lookup. Use it for every undici Agent that reaches Creatio or an Identity Service.
 */
export function guardedConnector(options: buildConnector.BuildOptions = {}): buildConnector.connector {
  const base = buildConnector({ ...options, lookup: outboundLookup } as buildConnector.BuildOptions);
  return (opts, callback) => {
    const port = Number(opts.port || (opts.protocol === "https:" ? 443 : 80));
    try {
      assertLiteralAllowed(opts.hostname, port);
    } catch (e) {
      callback(e as Error, null);
      return;
    }
    base(opts, callback);
  };
}

/** The refusal along an error's cause chain (undici wraps it in "fetch failed"), else null. */
export function refusalIn(e: unknown): OutboundRefusedError | null {
  let x: unknown = e;
  for (let depth = 0; depth < 8 && x && typeof x === "object"; depth++) {
    if (x instanceof OutboundRefusedError) return x;
    x = (x as { cause?: unknown }).cause;
  }
  return null;
}
