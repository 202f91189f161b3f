import { describe, expect, it } from "vitest";
import {
  ACCESS_COOKIE_TTL_S,
  accessCookieOptions,
  accessSealKey,
  isAccessGranted,
  sealAccessGrant,
} from "@/lib/access/cookie";
import { accessPasswordMatches } from "@/lib/access/password";

const SESSION_KEY = "s".repeat(32);
const PASSWORD = "correct horse battery";

describe("access password check", () => {
  it("accepts exactly the password", () => {
    expect(accessPasswordMatches(PASSWORD, PASSWORD)).toBe(true);
    expect(accessPasswordMatches("correct horse batter", PASSWORD)).toBe(false);
    expect(accessPasswordMatches(`${PASSWORD} `, PASSWORD)).toBe(false);
    expect(accessPasswordMatches("CORRECT HORSE BATTERY", PASSWORD)).toBe(false);
    expect(accessPasswordMatches("", PASSWORD)).toBe(false);
    expect(accessPasswordMatches(undefined, PASSWORD)).toBe(false);
    expect(accessPasswordMatches(["correct horse battery"], PASSWORD)).toBe(false);
  });
});

describe("access cookie", () => {
  it("is sealed: it holds neither the password nor a readable grant, and verifies with its key", async () => {
    const key = accessSealKey(SESSION_KEY, PASSWORD);
    expect(key).toHaveLength(64);
    expect(key).not.toContain(PASSWORD);
    const sealed = await sealAccessGrant(key);
    expect(sealed).not.toContain(PASSWORD);
    expect(sealed).not.toContain("access");
    expect(await isAccessGranted(sealed, key)).toBe(true);
  });

  it("ends when the access password or the session key changes, and refuses forgeries", async () => {
    const key = accessSealKey(SESSION_KEY, PASSWORD);
    const sealed = await sealAccessGrant(key);
    expect(await isAccessGranted(sealed, accessSealKey(SESSION_KEY, "another password"))).toBe(false);
    expect(await isAccessGranted(sealed, accessSealKey("t".repeat(32), PASSWORD))).toBe(false);
    const tampered = `${sealed.slice(0, 30)}${sealed[30] === "A" ? "B" : "A"}${sealed.slice(31)}`;
    expect(await isAccessGranted(tampered, key)).toBe(false);
    expect(await isAccessGranted("granted", key)).toBe(false);
    expect(await isAccessGranted(undefined, key)).toBe(false);
  });

  it("is httpOnly, SameSite=Strict, Secure under https, and lives for a limited time", () => {
    expect(accessCookieOptions(true)).toEqual({
      httpOnly: true,
      sameSite: "strict",
      secure: true,
      path: "/",
      maxAge: ACCESS_COOKIE_TTL_S,
    });
    expect(accessCookieOptions(false).secure).toBe(false);
    expect(ACCESS_COOKIE_TTL_S).toBeLessThanOrEqual(24 * 60 * 60);
  });
});
