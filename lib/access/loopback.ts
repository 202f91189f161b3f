// Whether an address the wizard listens on is reachable only from this machine.
import net from "node:net";

/**
 * True for loopback only: `localhost` (and `*.localhost`), 127.0.0.0/8, `::1` and the IPv4-mapped
 * 127.x form. Everything else counts as reachable from the network, including `0.0.0.0`, `::` and
 * any other host name (a name may resolve to anything: the safe answer is "not loopback").
 */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  const v4 = mapped?.[1] ?? h;
  if (net.isIPv4(v4)) return v4.startsWith("127.");
  if (net.isIPv6(h)) return isIpv6Loopback(h);
  return false;
}

function isIpv6Loopback(h: string): boolean {
  // Expand `::` so that `0:0:0:0:0:0:0:1` and `::1` compare equal.
  const [head = "", tail] = h.split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const missing = 8 - left.length - right.length;
  if (tail === undefined && missing !== 0) return false;
  const groups = [...left, ...Array<string>(Math.max(missing, 0)).fill("0"), ...right].map((g) =>
    Number.parseInt(g, 16),
  );
  return groups.length === 8 && groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1;
}
