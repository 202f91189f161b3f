import { describe, expect, it } from "vitest";
import { classifyResourceFailure } from "@/lib/creatio/resource";
import { classifyNetworkError } from "@/lib/transport";
import { cleanServerMessage, describeError, wizardError } from "./messages";
import { ERROR_CODES, WizardError } from "./wizard-error";

describe("messages", () => {
  it.each(ERROR_CODES)("%s has a plain message and a fix, with and without details", (code) => {
    for (const details of [
      {},
      { url: "https://creatio.example.com/x", serverMessage: "Creatio's words", status: 500 },
    ]) {
      const { message, fix } = describeError(code, details);
      expect(message.length).toBeGreaterThan(10);
      expect(fix.length).toBeGreaterThan(10);
      expect(`${message} ${fix}`).not.toMatch(/something went wrong|undefined|null|\[object|NaN/i);
    }
  });

  it("names the host, never the full URL path, in network messages", () => {
    expect(describeError("network:dns", { url: "https://crm.example.com:8443/0/x" }).message).toContain(
      "crm.example.com:8443",
    );
  });

  it("quotes Creatio's own message for login rejections", () => {
    const e = wizardError("auth:rejected", { serverMessage: "Invalid username or password specified." });
    expect(e.message).toContain('"Invalid username or password specified."');
    expect(e.creatioMessage).toBe("Invalid username or password specified.");
  });

  it("keeps server messages to one bounded line", () => {
    expect(cleanServerMessage("a\n\n  b\tc")).toBe("a b c");
    expect(cleanServerMessage("x".repeat(2000))?.length).toBeLessThanOrEqual(401);
    expect(cleanServerMessage("   ")).toBeUndefined();
    expect(cleanServerMessage(42)).toBeUndefined();
  });

  it("serializes to a safe, plain object without stack or cause", () => {
    const cause = new Error("socket hang up");
    const e = wizardError("network:reset", { url: "https://x.example" }, { cause, calls: [] });
    const face = e.toUserFacing();
    expect(Object.keys(face).sort()).toEqual(["calls", "code", "fix", "message"]);
    expect(JSON.stringify(face)).not.toContain("socket hang up");
    expect(e).toBeInstanceOf(WizardError);
  });
});

describe("classifyNetworkError", () => {
  const fetchFailed = (cause: unknown) => Object.assign(new TypeError("fetch failed"), { cause });
  const coded = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ["ENOTFOUND", "network:dns"],
    ["EAI_AGAIN", "network:dns"],
    ["ECONNREFUSED", "network:refused"],
    ["EHOSTUNREACH", "network:unreachable"],
    ["ECONNRESET", "network:reset"],
    ["UND_ERR_SOCKET", "network:reset"],
    ["UND_ERR_CONNECT_TIMEOUT", "network:timeout"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls:self-signed"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "tls:untrusted"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls:untrusted"],
    ["UNABLE_TO_GET_ISSUER_CERT_LOCALLY", "tls:untrusted"],
    ["CERT_HAS_EXPIRED", "tls:expired"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls:hostname"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "tls:protocol"],
    ["ERR_CERT_PIN_MISMATCH", "tls:pin-mismatch"],
    ["SOMETHING_NEW", "network:failed"],
  ])("maps a fetch failure caused by %s to %s", (code, expected) => {
    expect(classifyNetworkError(fetchFailed(coded(code)), false)).toBe(expected);
  });

  it("finds the code inside an AggregateError (happy eyeballs)", () => {
    const aggregate = Object.assign(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]), {});
    expect(classifyNetworkError(fetchFailed(aggregate), false)).toBe("network:refused");
  });

  it("calls any failure after the deadline a timeout", () => {
    expect(classifyNetworkError(new DOMException("aborted", "AbortError"), true)).toBe("network:timeout");
  });

  it("explains the ports the fetch standard blocks", () => {
    expect(classifyNetworkError(fetchFailed(new Error("bad port")), false)).toBe("input:invalid-url");
  });
});

describe("classifyResourceFailure (untranslated tokens only)", () => {
  it.each([
    [
      {
        message:
          'Unable to connect to OAuth server at "https://is" (system setting OAuth20IdentityServerUrl)',
      },
      "resource:identity-unreachable",
    ],
    [
      {
        message:
          "Unable to register resource. Please check the values of the following system settings: OAuth20IdentityServerClientId, OAuth20IdentityServerClientSecret.",
      },
      "resource:bad-credentials",
    ],
    [
      {
        message:
          "To enable OAuth 2.0 set Feature-EnableOAuth20Integration = true in AppSettings section of application config file",
      },
      "resource:oauth-disabled",
    ],
    [{ errorCode: "SecurityException", message: "Nie masz uprawnień" }, "rights:solution"],
    [{ message: 'Sie haben keine Berechtigung für die Operation "CanManageSolution".' }, "rights:solution"],
    // Translated text without any token: generic, never guessed from English words.
    [{ message: "Impossible de se connecter au serveur" }, "resource:failed"],
    [null, "resource:failed"],
  ])("%j -> %s", (errorInfo, expected) => {
    expect(classifyResourceFailure(errorInfo)).toBe(expected);
  });
});
