import { describe, expect, it } from "vitest";
import {
  ALLOWED_TARGETS_ENV,
  assertTargetAllowed,
  assertUrlAllowed,
  OutboundRefusedError,
  outboundPolicy,
  parseAddress,
} from "./outbound-guard";

// The rules alone (no sockets). The integration test beside this one proves that the rules are
// applied on the address each socket actually connects to, with a counting listener.

function refusal(run: () => void): OutboundRefusedError {
  try {
    run();
  } catch (e) {
    if (e instanceof OutboundRefusedError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

const open = outboundPolicy({});

describe("threat: the wizard used to reach cloud metadata or its own host through 0.0.0.0", () => {
  it.each([
    ["0.0.0.0", "0.0.0.0/8"],
    ["0.1.2.3", "0.0.0.0/8"],
    ["169.254.169.254", "169.254.0.0/16"],
    ["169.254.0.1", "169.254.0.0/16"],
    ["224.0.0.1", "224.0.0.0/4"],
    ["239.255.255.250", "224.0.0.0/4"],
    ["255.255.255.255", "255.255.255.255"],
    ["::", "::"],
    ["fe80::1", "fe80::/10"],
    ["ff02::1", "ff00::/8"],
    ["::ffff:169.254.169.254", "169.254.0.0/16"],
    ["::ffff:a9fe:a9fe", "169.254.0.0/16"],
    ["::ffff:0.0.0.0", "0.0.0.0/8"],
    ["::169.254.169.254", "169.254.0.0/16"],
    ["64:ff9b::169.254.169.254", "169.254.0.0/16"],
    ["2002:a9fe:a9fe::1", "169.254.0.0/16"],
    ["fd00:ec2::254", "fd00:ec2::254"],
    ["100.100.100.200", "100.100.100.200"],
  ])(
    "refuses %s (rule names %s), even when WIZARD_ALLOWED_TARGETS would allow everything",
    (address, rule) => {
      for (const policy of [open, outboundPolicy({ [ALLOWED_TARGETS_ENV]: "0.0.0.0/0,::/0" })]) {
        const e = refusal(() => assertTargetAllowed(address, address, 80, policy));
        expect(e.kind).toBe("always");
        expect(e.rule).toContain(rule);
      }
    },
  );

  it.each([
    "http://0/",
    "http://0:8080/",
    "http://2852039166/",
    "http://0xA9FEA9FE/",
    "http://0xa9.0xfe.0xa9.0xfe/",
    "http://0251.0376.0251.0376/",
    "http://169.254.43518/",
    "http://[::ffff:169.254.169.254]/",
    "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
    "http://[fe80::1]/",
    "http://0.0.0.0:3000/",
    "http://[::]:3000/",
    "https://metadata.google.internal/computeMetadata/v1/",
    "http://METADATA.GOOGLE.INTERNAL./",
    "http://instance-data/latest/",
  ])("refuses the URL %s before any lookup or connection", (url) => {
    expect(() => assertUrlAllowed(url, open)).toThrow(OutboundRefusedError);
  });

  it("reads every encoding of an IPv4 address the way a socket would", () => {
    expect(parseAddress("2852039166")?.toString()).toBe("169.254.169.254");
    expect(parseAddress("0xA9FEA9FE")?.toString()).toBe("169.254.169.254");
    expect(parseAddress("[::1]")?.toString()).toBe("::1");
    expect(parseAddress("creatio.example")).toBeNull();
  });
});

describe("on-site Creatio stays reachable by default", () => {
  it.each([
    "127.0.0.1",
    "127.0.0.2",
    "::1",
    "10.1.2.3",
    "172.16.0.5",
    "192.168.1.10",
    "fd12:3456::1",
    "203.0.113.7",
  ])("allows %s when WIZARD_ALLOWED_TARGETS is unset", (address) => {
    expect(() => assertTargetAllowed("creatio.corp", address, 443, open)).not.toThrow();
    expect(() => assertTargetAllowed(address, address, 443, open)).not.toThrow();
  });
});

describe("threat: another operator of a shared wizard scans the network (WIZARD_ALLOWED_TARGETS)", () => {
  const policy = outboundPolicy({
    [ALLOWED_TARGETS_ENV]: " 10.20.0.0/16, creatio.corp.example ,*.is.example, 192.168.5.7, fd00:1::/32",
  });

  it("allows the listed ranges, addresses, names and subdomains of *.domain", () => {
    expect(() => assertTargetAllowed("10.20.3.4", "10.20.3.4", 443, policy)).not.toThrow();
    expect(() => assertTargetAllowed("192.168.5.7", "192.168.5.7", 443, policy)).not.toThrow();
    expect(() => assertTargetAllowed("::ffff:10.20.0.1", "::ffff:10.20.0.1", 443, policy)).not.toThrow();
    expect(() => assertTargetAllowed("fd00:1::9", "fd00:1::9", 443, policy)).not.toThrow();
    expect(() => assertTargetAllowed("Creatio.Corp.Example.", "10.9.9.9", 443, policy)).not.toThrow();
    expect(() => assertTargetAllowed("auth.is.example", "172.16.0.1", 443, policy)).not.toThrow();
    // A listed name that resolves to a listed range's neighbour: the name decides.
    expect(() => assertTargetAllowed("creatio.corp.example", "127.0.0.1", 443, policy)).not.toThrow();
  });

  it("refuses everything else, naming the host and the variable", () => {
    for (const [host, address] of [
      ["10.21.0.1", "10.21.0.1"],
      ["127.0.0.1", "127.0.0.1"],
      ["192.168.5.8", "192.168.5.8"],
      ["evil-creatio.corp.example", "10.9.9.9"],
      ["creatio.corp.example.evil", "10.9.9.9"],
    ]) {
      const e = refusal(() => assertTargetAllowed(host as string, address as string, 443, policy));
      expect(e.kind).toBe("allow-list");
      expect(e.rule).toContain(ALLOWED_TARGETS_ENV);
      expect(e.rule).toContain(host);
    }
    // *.is.example means subdomains only.
    expect(() => assertTargetAllowed("is.example", "172.16.0.1", 443, policy)).toThrow(OutboundRefusedError);
  });

  it("refuses everything when an entry cannot be read, and says which", () => {
    const broken = outboundPolicy({ [ALLOWED_TARGETS_ENV]: "10.0.0.0/8, 10.0.0.0/99, http://x" });
    const e = refusal(() => assertTargetAllowed("10.1.1.1", "10.1.1.1", 443, broken));
    expect(e.rule).toContain("10.0.0.0/99");
    expect(e.rule).toContain("http://x");
  });

  it("keeps the demo's own loopback servers reachable, on their port only", () => {
    const withDemo = outboundPolicy({
      [ALLOWED_TARGETS_ENV]: "10.0.0.0/8",
      DEMO_CREATIO_URL: "http://127.0.0.1:4500",
      DEMO_IDENTITY_URL: "https://127.0.0.1:4501",
    });
    expect(() => assertTargetAllowed("127.0.0.1", "127.0.0.1", 4500, withDemo)).not.toThrow();
    expect(() => assertTargetAllowed("127.0.0.1", "127.0.0.1", 4501, withDemo)).not.toThrow();
    expect(() => assertTargetAllowed("127.0.0.1", "127.0.0.1", 22, withDemo)).toThrow(OutboundRefusedError);
    // A demo URL that is not loopback gets no exception.
    const remoteDemo = outboundPolicy({
      [ALLOWED_TARGETS_ENV]: "10.0.0.0/8",
      DEMO_CREATIO_URL: "http://192.168.1.1:80",
    });
    expect(() => assertTargetAllowed("192.168.1.1", "192.168.1.1", 80, remoteDemo)).toThrow(
      OutboundRefusedError,
    );
  });
});
