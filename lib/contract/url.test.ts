import { describe, expect, it } from "vitest";
import { isWizardError } from "@/lib/errors";
import {
  checkCreatioUrl,
  creatioUrlSchema,
  identityUrlSchema,
  MAX_URL_LENGTH,
  normalizeCreatioUrl,
  normalizeIdentityUrl,
} from "./url";

describe("normalizeCreatioUrl", () => {
  it.each([
    ["https://creatio.example.com", "https://creatio.example.com"],
    ["  https://creatio.example.com/  ", "https://creatio.example.com"],
    ["https://creatio.example.com/0", "https://creatio.example.com"],
    ["https://creatio.example.com/0/", "https://creatio.example.com"],
    ["https://creatio.example.com///", "https://creatio.example.com"],
    ["http://server:8080/creatio/0/", "http://server:8080/creatio"],
    ["http://server/creatio/", "http://server/creatio"],
    ["HTTPS://Creatio.Example.COM:443/", "https://creatio.example.com"],
    ["http://10.0.0.5:5000", "http://10.0.0.5:5000"],
    ["http://[::1]:5000/0", "http://[::1]:5000"],
    // A virtual directory named 0x or ending in /00 is not the runtime prefix.
    ["http://server/00", "http://server/00"],
    ["http://server/app0", "http://server/app0"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeCreatioUrl(input)).toBe(expected);
  });

  it.each([
    ["", /Type the Creatio address/],
    ["   ", /Type the Creatio address/],
    ["ftp://creatio.example.com", /Only http:\/\/ and https:\/\//],
    ["javascript:alert(1)", /Only http:\/\/ and https:\/\//],
    ["JavaScript://creatio.example.com/%0Aalert(1)", /Only http:\/\/ and https:\/\//],
    ["data:text/html,hi", /Only http:\/\/ and https:\/\//],
    ["file:///etc/passwd", /Only http:\/\/ and https:\/\//],
    ["creatio.example.com", /Start the address with https:\/\/ or http:\/\//],
    ["localhost:5000", /Start the address with https:\/\/ or http:\/\//],
    ["https://user:secret@creatio.example.com", /user name and password/],
    ["https://user@creatio.example.com", /user name and password/],
    ["https://creatio example.com", /space/],
    ["https://creatio.example.com/?a=1", /\? or #/],
    ["https://creatio.example.com/#/Section", /\? or #/],
    ["https://creatio.example.com/?", /\? or #/],
    ["https://", /not a valid web address/],
    ["https://exa mple", /space/],
    [`https://creatio.example.com/${"a".repeat(MAX_URL_LENGTH)}`, /longer than/],
  ])("rejects %j with a plain message", (input, message) => {
    try {
      normalizeCreatioUrl(input);
      expect.unreachable("should have thrown");
    } catch (e) {
      expect(isWizardError(e)).toBe(true);
      if (!isWizardError(e)) return;
      expect(e.code).toBe("input:invalid-url");
      expect(e.message).toMatch(message);
      expect(e.fix).toMatch(/https:\/\//);
    }
  });

  it("reports a non-string as a problem instead of crashing", () => {
    expect(checkCreatioUrl(undefined)).toEqual({ ok: false, problem: "Type the Creatio address." });
    expect(checkCreatioUrl(42)).toMatchObject({ ok: false });
  });
});

describe("normalizeIdentityUrl", () => {
  it("removes trailing slashes (Creatio would call //connect/token) but keeps /0", () => {
    expect(normalizeIdentityUrl("https://is.example.com:8090/")).toBe("https://is.example.com:8090");
    expect(normalizeIdentityUrl("https://is.example.com/identity//")).toBe("https://is.example.com/identity");
    expect(normalizeIdentityUrl("https://is.example.com/0")).toBe("https://is.example.com/0");
  });

  it("names the Identity Service in its messages", () => {
    expect(() => normalizeIdentityUrl("is.example.com")).toThrow(/https:\/\/identity\.example\.com:8090/);
  });
});

describe("creatioUrlSchema / identityUrlSchema (forms)", () => {
  it("parses to the normalised URL", () => {
    expect(creatioUrlSchema.parse(" https://creatio.example.com/0/ ")).toBe("https://creatio.example.com");
    expect(identityUrlSchema.parse("http://is:8090/")).toBe("http://is:8090");
  });

  it("gives one plain-language issue for bad input", () => {
    const result = creatioUrlSchema.safeParse("ftp://x");
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues).toHaveLength(1);
    expect(result.error.issues[0]?.message).toBe("Only http:// and https:// addresses are supported.");
  });

  it("rejects a non-string with a message, not a type error", () => {
    const result = creatioUrlSchema.safeParse(undefined);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.issues[0]?.message).toBe("Type the address.");
  });
});
