import { describe, expect, it } from "vitest";
import { sealSessionId, sessionCookieOptions, unsealSessionId } from "./seal";

const KEY = "k".repeat(32);
const OTHER = "o".repeat(32);

describe("session cookie seal", () => {
  it("round-trips the session id and hides it in the cookie value", async () => {
    const sealed = await sealSessionId("session-id-123", KEY);
    expect(sealed).not.toContain("session-id-123");
    expect(await unsealSessionId(sealed, KEY)).toBe("session-id-123");
  });

  it("refuses a seal made with another key, a tampered seal and garbage", async () => {
    const sealed = await sealSessionId("session-id-123", KEY);
    expect(await unsealSessionId(sealed, OTHER)).toBeNull();
    const tampered = `${sealed.slice(0, 40)}${sealed[40] === "A" ? "B" : "A"}${sealed.slice(41)}`;
    expect(await unsealSessionId(tampered, KEY)).toBeNull();
    expect(await unsealSessionId("not-a-seal", KEY)).toBeNull();
  });

  it("sets an httpOnly, SameSite=Strict cookie with a limited lifetime, Secure under https", () => {
    expect(sessionCookieOptions(true)).toMatchObject({
      httpOnly: true,
      sameSite: "strict",
      secure: true,
      path: "/",
    });
    expect(sessionCookieOptions(false).secure).toBe(false);
    expect(sessionCookieOptions(false).maxAge).toBeGreaterThan(0);
    expect(sessionCookieOptions(false).maxAge).toBeLessThanOrEqual(24 * 60 * 60);
  });
});
