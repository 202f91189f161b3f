import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "@/lib/contract/creatio";
import { connectSchema, credentialsSchema, fieldErrorsOf, testConnectionSchema } from "./schemas";

const connect = (baseUrl: string) =>
  connectSchema.safeParse({ baseUrl, userName: "Supervisor", password: "x" });

describe("connectSchema", () => {
  it("normalises the Creatio URL: trailing / and /0 removed", () => {
    expect(connect(" https://creatio.example.com/0/ ").data?.baseUrl).toBe("https://creatio.example.com");
    expect(connect("http://server/creatio/").data?.baseUrl).toBe("http://server/creatio");
  });

  it.each([
    "ftp://creatio.example.com",
    "javascript:alert(1)",
    "https://u:p@creatio.example.com",
    "https://crea tio.com",
    "",
  ])("refuses %j with a field error on baseUrl", (url) => {
    const result = connect(url);
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrorsOf(result.error).baseUrl?.[0]).toBeTruthy();
  });

  it("needs a user name and a password, and trims only the user name", () => {
    const result = connectSchema.safeParse({
      baseUrl: "https://c.example.com",
      userName: "  ",
      password: "",
    });
    expect(result.success).toBe(false);
    if (!result.success)
      expect(Object.keys(fieldErrorsOf(result.error)).sort()).toEqual(["password", "userName"]);
    const trimmed = connectSchema.parse({
      baseUrl: "https://c.example.com",
      userName: " Supervisor ",
      password: " pw ",
    });
    expect(trimmed).toMatchObject({ userName: "Supervisor", password: " pw " });
  });
});

describe("credentialsSchema", () => {
  const base = {
    identityUrl: "https://is.example.com:8090/",
    clientId: "IdServiceUser",
    clientSecret: "s3cret",
  };

  it("stores the Identity Service URL without a trailing slash", () => {
    expect(credentialsSchema({ secretOptional: false }).parse(base).identityUrl).toBe(
      "https://is.example.com:8090",
    );
  });

  it("requires the secret unless one is already stored", () => {
    const noSecret = { ...base, clientSecret: "" };
    const strict = credentialsSchema({ secretOptional: false }).safeParse(noSecret);
    expect(strict.success).toBe(false);
    if (!strict.success) expect(fieldErrorsOf(strict.error).clientSecret).toBeDefined();
    expect(credentialsSchema({ secretOptional: true }).parse(noSecret).clientSecret).toBe("");
    expect(testConnectionSchema.safeParse(noSecret).success).toBe(true);
  });

  it("refuses Creatio's secret mask, a client ID longer than 50 characters or with spaces", () => {
    const schema = credentialsSchema({ secretOptional: true });
    expect(schema.safeParse({ ...base, clientSecret: SECRET_MASK }).success).toBe(false);
    expect(schema.safeParse({ ...base, clientId: "x".repeat(51) }).success).toBe(false);
    expect(schema.safeParse({ ...base, clientId: "x".repeat(50) }).success).toBe(true);
    expect(schema.safeParse({ ...base, clientId: "Id Service" }).success).toBe(false);
  });

  it("refuses an Identity Service URL that is not http(s) or carries a query", () => {
    const schema = credentialsSchema({ secretOptional: true });
    expect(schema.safeParse({ ...base, identityUrl: "ftp://is.example.com" }).success).toBe(false);
    expect(schema.safeParse({ ...base, identityUrl: "https://is.example.com/?a=1" }).success).toBe(false);
  });
});
