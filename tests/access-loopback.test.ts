import { describe, expect, it } from "vitest";
import { isIpLiteral, isLoopbackHost, meansThisMachine } from "@/lib/contract/addresses";

describe("isLoopbackHost", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "localhost",
    "LOCALHOST",
    "wizard.localhost",
    "::1",
    "[::1]",
    "0:0:0:0:0:0:0:1",
    "::ffff:127.0.0.1",
  ])("%s is loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    "0.0.0.0",
    "::",
    "[::]",
    "10.0.0.5",
    "192.168.1.20",
    "128.0.0.1",
    "::2",
    "::ffff:10.0.0.1",
    "wizard.example.com",
    "localhost.example.com",
    "127.0.0.1.nip.io",
    "",
  ])("%s is reachable from the network", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe("meansThisMachine and isIpLiteral (the diagnosis rules' reading of an address)", () => {
  it.each(["localhost", "127.0.0.1", "0.0.0.0", "::", "[::1]", "::ffff:127.0.0.1"])(
    "%s means whatever machine resolves it",
    (host) => {
      expect(meansThisMachine(host)).toBe(true);
    },
  );

  it.each(["10.0.0.5", "creatio.example.com", "127.0.0.1.nip.io", ""])("%s names one machine", (host) => {
    expect(meansThisMachine(host)).toBe(false);
  });

  it("tells IP literals, in every form, from names", () => {
    for (const ip of ["10.0.0.5", "[2001:db8::1]", "::1", "0.0.0.0"]) expect(isIpLiteral(ip)).toBe(true);
    for (const name of ["localhost", "is.example.com", "host-10-0-0-5"])
      expect(isIpLiteral(name)).toBe(false);
  });
});
