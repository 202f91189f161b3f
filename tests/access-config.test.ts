import { describe, expect, it } from "vitest";
import { ACCESS_PASSWORD_MIN_LENGTH, checkStartAccess } from "@/lib/access/config";

const LONG = "a-long-access-passphrase";

describe("checkStartAccess", () => {
  it("on loopback, starts without an access password (open) or with one (locked)", () => {
    expect(checkStartAccess("127.0.0.1", {})).toEqual({ ok: true, locked: false });
    expect(checkStartAccess("localhost", { WIZARD_ACCESS_PASSWORD: "" })).toEqual({
      ok: true,
      locked: false,
    });
    expect(checkStartAccess("127.0.0.1", { WIZARD_ACCESS_PASSWORD: LONG })).toEqual({
      ok: true,
      locked: true,
    });
  });

  it("on any other address, refuses without an access password and says how to set one", () => {
    for (const host of ["0.0.0.0", "::", "10.1.2.3", "wizard.example.com"]) {
      const check = checkStartAccess(host, {});
      expect(check.ok).toBe(false);
      if (!check.ok) {
        expect(check.message).toContain(host);
        expect(check.message).toContain("WIZARD_ACCESS_PASSWORD");
        expect(check.message).toContain(String(ACCESS_PASSWORD_MIN_LENGTH));
      }
    }
    expect(checkStartAccess("0.0.0.0", { WIZARD_ACCESS_PASSWORD: LONG })).toEqual({ ok: true, locked: true });
  });

  it("uses WIZARD_HOST in its example, or the docker run line inside the container", () => {
    const plain = checkStartAccess("0.0.0.0", {});
    expect(plain.ok).toBe(false);
    if (!plain.ok) {
      expect(plain.message).toContain("WIZARD_HOST=0.0.0.0");
      expect(plain.message).not.toContain("HOSTNAME");
    }
    const container = checkStartAccess("0.0.0.0", { WIZARD_CONTAINER: "1" });
    expect(container.ok).toBe(false);
    if (!container.ok) {
      expect(container.message).toContain(
        "docker run -e WIZARD_ACCESS_PASSWORD='<a long passphrase>' -p 3000:3000 creatio-identity-wizard",
      );
    }
  });

  it("refuses a password shorter than the minimum, wherever it listens, without repeating it", () => {
    const short = "x".repeat(ACCESS_PASSWORD_MIN_LENGTH - 1);
    for (const host of ["127.0.0.1", "0.0.0.0"]) {
      const check = checkStartAccess(host, { WIZARD_ACCESS_PASSWORD: short });
      expect(check.ok).toBe(false);
      if (!check.ok) {
        expect(check.message).toMatch(/shorter than 12 characters/);
        expect(check.message).not.toContain(short);
      }
    }
    const exact = "y".repeat(ACCESS_PASSWORD_MIN_LENGTH);
    expect(checkStartAccess("0.0.0.0", { WIZARD_ACCESS_PASSWORD: exact }).ok).toBe(true);
  });
});
