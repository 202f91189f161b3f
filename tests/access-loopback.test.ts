import { describe, expect, it } from "vitest";
import { isLoopbackHost } from "@/lib/access/loopback";

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
