import dns from "node:dns";
import net from "node:net";
import tls from "node:tls";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { dnsLayer, endpointOf, tcpLayer } from "@/lib/diagnostics/network";
import { isWizardError, type WizardError } from "@/lib/errors";
import { CallRecorder, sendHttp } from "./http";
import { ALLOWED_TARGETS_ENV } from "./outbound-guard";
import { inspectCertificate } from "./tls";

// Real sockets, loopback only. A listener on 127.0.0.1 counts the connections that reach it
// (0.0.0.0 reaches it too on Linux, so a 0.0.0.0 target that slipped through would be counted). DNS
// is a stub: names map to chosen addresses and nothing is ever asked of a real resolver. A tripwire
// on net.connect / tls.connect records every socket the code under test opens and refuses, before
// any packet, a socket to anything but loopback: a bug in the guard fails these tests instead of
// sending traffic to 169.254.169.254.

let listener: net.Server;
let port = 0;
let reached = 0;
let other: net.Server;
let otherPort = 0;
let otherReached = 0;

function countingServer(onConnection: () => void): Promise<[net.Server, number]> {
  return new Promise((resolve) => {
    const server = net.createServer((socket) => {
      onConnection();
      socket.on("error", () => undefined);
      socket.once("data", () => {
        socket.end("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
      });
    });
    server.listen(0, "127.0.0.1", () => resolve([server, (server.address() as net.AddressInfo).port]));
  });
}

beforeAll(async () => {
  [listener, port] = await countingServer(() => reached++);
  [other, otherPort] = await countingServer(() => otherReached++);
});
afterAll(async () => {
  await new Promise((r) => listener.close(r));
  await new Promise((r) => other.close(r));
});

/** Stub DNS: name -> the answers of successive lookups (the last one repeats). */
const { zone, asked } = vi.hoisted(() => ({ zone: new Map<string, string[][]>(), asked: [] as string[] }));
// The address check's DNS layer imports node:dns/promises by name: replaced by the same stub zone.
vi.mock("node:dns/promises", () => ({
  lookup: async (hostname: string) => {
    asked.push(hostname);
    const answers = zone.get(hostname);
    const list = answers ? (answers.length > 1 ? answers.shift() : answers[0]) : undefined;
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  },
}));
const sockets: string[] = [];
const tripped: string[] = [];

const LOOPBACK = (a: string) => a === "::1" || a.startsWith("127.") || a === "::ffff:127.0.0.1";

beforeEach(() => {
  reached = 0;
  otherReached = 0;
  asked.length = 0;
  sockets.length = 0;
  tripped.length = 0;
  zone.clear();
  zone.set("local.test", [["127.0.0.1"]]);
  zone.set("a.corp.test", [["127.0.0.1"]]);
  zone.set("metadata.test", [["169.254.169.254"]]);
  zone.set("zero.test", [["0.0.0.0"]]);
  zone.set("mixed.test", [["127.0.0.1", "169.254.169.254"]]);
  zone.set("mapped.test", [["::ffff:169.254.169.254"]]);
  // Allowed when checked, forbidden when connected: a DNS rebinding.
  zone.set("rebind.test", [["127.0.0.1"], ["0.0.0.0"]]);

  vi.spyOn(dns, "lookup").mockImplementation(((
    hostname: string,
    options: dns.LookupOptions | ((...a: unknown[]) => void),
    callback?: (...a: unknown[]) => void,
  ) => {
    const cb = (typeof options === "function" ? options : callback) as (...a: unknown[]) => void;
    const opts = typeof options === "object" ? options : {};
    asked.push(hostname);
    const answers = zone.get(hostname);
    const list = answers ? (answers.length > 1 ? answers.shift() : answers[0]) : undefined;
    setImmediate(() => {
      if (!list) {
        cb(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }));
        return;
      }
      const all = list.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }));
      if (opts.all) cb(null, all);
      else cb(null, all[0]?.address, all[0]?.family);
    });
  }) as unknown as typeof dns.lookup);

  // The tripwire: every socket is recorded; a literal non-loopback host or a lookup answer that is
  // not loopback stops the socket before it connects.
  for (const mod of [net, tls] as const) {
    const real = mod.connect.bind(mod) as (...a: unknown[]) => net.Socket;
    vi.spyOn(mod, "connect").mockImplementation(((...args: unknown[]) => {
      const options = (typeof args[0] === "object" ? args[0] : {}) as net.TcpNetConnectOpts;
      const host = String(options.host ?? "localhost").replace(/^\[|\]$/g, "");
      sockets.push(host);
      if (net.isIP(host) && !LOOPBACK(host) && host !== "0.0.0.0") {
        tripped.push(host);
        throw new Error(`tripwire: a socket to ${host}`);
      }
      const inner = options.lookup;
      if (inner) {
        options.lookup = ((h: string, o: dns.LookupOptions, cb: (...a: unknown[]) => void) =>
          inner(h, o, (err: unknown, address: unknown, family?: unknown) => {
            const list = Array.isArray(address) ? address.map((a) => a.address) : [address];
            const bad = list.filter(
              (a) => typeof a === "string" && a !== "" && !LOOPBACK(a) && a !== "0.0.0.0",
            );
            if (!err && bad.length > 0) {
              tripped.push(...(bad as string[]));
              cb(new Error(`tripwire: lookup answered ${bad.join(", ")}`));
              return;
            }
            cb(err, address, family);
          })) as typeof options.lookup;
      }
      return real(...args);
    }) as never);
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env[ALLOWED_TARGETS_ENV];
  delete process.env.DEMO_CREATIO_URL;
});

/** Waits until the listener has seen one more connection than before (a direct one made here). */
async function settle(): Promise<void> {
  const before = reached;
  const sentinel = net.createConnection({ host: "127.0.0.1", port });
  await new Promise<void>((resolve) => {
    const poll = () => (reached > before ? resolve() : setImmediate(poll));
    poll();
  });
  sentinel.destroy();
  reached -= 1;
  sockets.pop();
}

function get(url: string) {
  return sendHttp({ method: "GET", url, recorder: new CallRecorder(), system: "creatio", timeoutMs: 5_000 });
}

async function refused(url: string): Promise<WizardError> {
  try {
    await get(url);
  } catch (e) {
    if (isWizardError(e)) return e;
    throw e;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe("threat: a visitor makes the wizard connect to cloud metadata, 0.0.0.0 or link-local", () => {
  it.each([
    "http://0:PORT/",
    "http://0.0.0.0:PORT/",
    "http://[::]:PORT/",
    "http://[::ffff:0.0.0.0]:PORT/",
    "http://[::ffff:169.254.169.254]/",
    "http://2852039166/",
    "http://0xA9FEA9FE/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://224.0.0.251/",
    "http://255.255.255.255/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata.test:PORT/",
    "http://mapped.test:PORT/",
    "http://zero.test:PORT/",
    "http://mixed.test:PORT/",
  ])("refuses %s with no connection attempted", async (template) => {
    const url = template.replace("PORT", String(port));
    const e = await refused(url);
    expect(e.code).toBe("network:target-refused");
    expect(e.message).toContain("Nothing was sent to it");
    expect(e.fix).toContain(ALLOWED_TARGETS_ENV);
    await settle();
    expect(reached).toBe(0);
    expect(tripped).toEqual([]);
    // No socket at all for literal addresses; for names, the socket's own lookup refused before connecting.
    if (net.isIP(new URL(url).hostname.replace(/^\[|\]$/g, "")) || url === "http://0/") {
      expect(sockets).toEqual([]);
    }
  });

  it("never asks DNS about a metadata service's name", async () => {
    await refused("http://metadata.google.internal/");
    expect(asked).toEqual([]);
  });

  it("names the rule in the message", async () => {
    expect((await refused("http://0xA9FEA9FE/")).message).toContain("169.254.0.0/16");
    expect((await refused(`http://0:${port}/`)).message).toContain("0.0.0.0/8");
  });

  it("checks the address it connects to: a name that rebinds from 127.0.0.1 to 0.0.0.0 is refused", async () => {
    // The first connection (127.0.0.1) is allowed and reaches the listener.
    expect((await get(`http://rebind.test:${port}/`)).body).toBe("ok");
    await settle();
    expect(reached).toBe(1);
    // The server closed it; the next request resolves again and gets 0.0.0.0: refused.
    const e = await refused(`http://rebind.test:${port}/`);
    expect(e.code).toBe("network:target-refused");
    await settle();
    expect(reached).toBe(1);
    expect(asked).toEqual(["rebind.test", "rebind.test"]);
  });

  it("the address check's DNS layer sees 127.0.0.1, the TCP layer then connects to 0.0.0.0: refused", async () => {
    const ep = endpointOf(`http://rebind.test:${port}/`, "creatio");
    const dnsCheck = await dnsLayer(ep).run();
    expect(dnsCheck.verdict).toBe("pass");
    const tcp = await tcpLayer(ep).run();
    expect(tcp.verdict).toBe("fail");
    expect(tcp.code).toBe("network:target-refused");
    expect(tcp.message).toContain("0.0.0.0/8");
    await settle();
    expect(reached).toBe(0);
    expect(asked).toEqual(["rebind.test", "rebind.test"]);
  });

  it("the TCP layer refuses a literal 0.0.0.0 without a socket", async () => {
    const tcp = await tcpLayer(endpointOf(`http://0.0.0.0:${port}/`, "creatio")).run();
    expect(tcp.code).toBe("network:target-refused");
    await settle();
    expect(reached).toBe(0);
    expect(sockets).toEqual([]);
  });

  it("reading a certificate to show it is refused the same way", async () => {
    expect(await inspectCertificate(`https://0.0.0.0:${port}/`)).toBeNull();
    expect(await inspectCertificate(`https://zero.test:${port}/`)).toBeNull();
    await settle();
    expect(reached).toBe(0);
  });
});

describe("on-site Creatio stays reachable", () => {
  it("connects to 127.0.0.1 and to a name that resolves to it", async () => {
    expect((await get(`http://127.0.0.1:${port}/`)).body).toBe("ok");
    expect((await get(`http://local.test:${port}/`)).body).toBe("ok");
    await settle();
    expect(reached).toBe(2);
    expect(tripped).toEqual([]);
  });
});

describe("threat: another operator of a shared wizard reaches hosts outside WIZARD_ALLOWED_TARGETS", () => {
  it("refuses loopback when only 10.0.0.0/8 is allowed, naming the variable", async () => {
    process.env[ALLOWED_TARGETS_ENV] = "10.0.0.0/8";
    const e = await refused(`http://127.0.0.1:${port}/`);
    expect(e.code).toBe("network:target-refused");
    expect(e.message).toContain(ALLOWED_TARGETS_ENV);
    expect(e.fix).toContain(ALLOWED_TARGETS_ENV);
    const byName = await refused(`http://local.test:${port}/`);
    expect(byName.code).toBe("network:target-refused");
    await settle();
    expect(reached).toBe(0);
  });

  it("allows a listed *.domain and range, and the demo's own server on its port only", async () => {
    process.env[ALLOWED_TARGETS_ENV] = "*.corp.test";
    expect((await get(`http://a.corp.test:${port}/`)).body).toBe("ok");
    expect((await refused(`http://local.test:${port}/`)).code).toBe("network:target-refused");
    process.env[ALLOWED_TARGETS_ENV] = "127.0.0.0/8";
    expect((await get(`http://127.0.0.1:${port}/`)).body).toBe("ok");
    process.env[ALLOWED_TARGETS_ENV] = "10.0.0.0/8";
    process.env.DEMO_CREATIO_URL = `http://127.0.0.1:${port}`;
    expect((await get(`http://127.0.0.1:${port}/t/x`)).body).toBe("ok");
    expect((await refused(`http://127.0.0.1:${otherPort}/`)).code).toBe("network:target-refused");
    await settle();
    expect(reached).toBe(3);
    expect(otherReached).toBe(0);
  });
});
