import { describe, expect, it } from "vitest";
import { demoAppSettingsJson } from "@/lib/demo/identity/appsettings";
import { isWizardError } from "@/lib/errors";
import { parseIdentityAppSettings } from "./appsettings";

const CLIENT = {
  ClientId: "IdServiceUser",
  ClientName: "Identity Service user",
  Secrets: ["0123456789abcdef0123456789abcdef"],
  AllowedGrantTypes: ["client_credentials"],
  AllowedScopes: ["register_own_resource", "IdentityServerApi"],
};

function expectInvalid(text: string, message: RegExp) {
  try {
    parseIdentityAppSettings(text);
    expect.unreachable("should have thrown");
  } catch (e) {
    expect(isWizardError(e)).toBe(true);
    if (!isWizardError(e)) return;
    expect(e.code).toBe("appsettings:invalid");
    expect(e.message).toMatch(message);
    expect(e.fix).toMatch(/appsettings\.json/);
    expect(e.message).not.toMatch(/Unexpected token|position \d+|SyntaxError/);
  }
}

describe("parseIdentityAppSettings", () => {
  it("reads Clients serialized into a string, as the real file holds it", () => {
    const text = JSON.stringify({ Logging: {}, Clients: JSON.stringify([CLIENT]) }, null, 2);
    expect(parseIdentityAppSettings(text)).toEqual({
      clients: [
        {
          clientId: "IdServiceUser",
          clientName: "Identity Service user",
          secrets: ["0123456789abcdef0123456789abcdef"],
          grantTypes: ["client_credentials"],
          scopes: ["register_own_resource", "IdentityServerApi"],
        },
      ],
    });
  });

  it("reads the demo Identity Service's own appsettings.json", () => {
    const { clients } = parseIdentityAppSettings(demoAppSettingsJson());
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      clientId: "IdServiceUser",
      grantTypes: ["implicit", "client_credentials"],
    });
    expect(clients[0]?.secrets).toHaveLength(1);
  });

  it("accepts a real array, {Value} secrets, other key casing, a BOM, comments and trailing commas", () => {
    const text = `\uFEFF{
      // Identity Service settings
      "ConnectionStrings": { "Db": "x" }, /* block */
      "clients": [
        { "clientId": "A", "secrets": [{ "Value": "s1" }, "s2"], "allowedGrantTypes": ["client_credentials"], },
      ],
    }`;
    expect(parseIdentityAppSettings(text).clients).toEqual([
      {
        clientId: "A",
        clientName: null,
        secrets: ["s1", "s2"],
        grantTypes: ["client_credentials"],
        scopes: [],
      },
    ]);
  });

  it("finds Clients inside a section", () => {
    const text = JSON.stringify({ IdentityServer: { Clients: JSON.stringify([CLIENT]) } });
    expect(parseIdentityAppSettings(text).clients[0]?.clientId).toBe("IdServiceUser");
  });

  it("keeps only the clients that allow client_credentials", () => {
    const text = JSON.stringify({
      Clients: JSON.stringify([
        { ...CLIENT, ClientId: "Browser", AllowedGrantTypes: ["implicit"] },
        CLIENT,
        { ClientName: "no id", AllowedGrantTypes: ["client_credentials"] },
      ]),
    });
    expect(parseIdentityAppSettings(text).clients.map((c) => c.clientId)).toEqual(["IdServiceUser"]);
  });

  it.each([
    ["", /Nothing was pasted/],
    ["   ", /Nothing was pasted/],
    ["Clients=IdServiceUser", /not JSON/],
    ['{"Clients": ', /not JSON/],
    ["[1, 2]", /not an appsettings\.json object/],
    ['"just a string"', /not an appsettings\.json object/],
    ['{"Logging": {}}', /no Clients key/],
    ['{"Clients": ""}', /no Clients key/],
    ['{"Clients": "[{not json"}', /Clients value cannot be read/],
    ['{"Clients": "{\\"ClientId\\": \\"A\\"}"}', /not a list of clients/],
    ['{"Clients": 42}', /not a list of clients/],
    [
      JSON.stringify({ Clients: JSON.stringify([{ ...CLIENT, AllowedGrantTypes: ["implicit"] }]) }),
      /client_credentials/,
    ],
    [JSON.stringify({ Clients: "[]" }), /client_credentials/],
    [`{"Clients": "${"x".repeat(1_000_001)}"}`, /far longer/],
  ])("%j -> appsettings:invalid", (text, message) => {
    expectInvalid(text, message);
  });

  it("does not choke on a non-string", () => {
    expectInvalid(undefined as unknown as string, /Nothing was pasted/);
  });
});

describe("comments and trailing commas, as .NET reads appsettings.json", () => {
  it("leaves comment-like and trailing-comma-like text inside strings alone", () => {
    const text = `{"Clients": "[{\\"ClientId\\": \\"a//b\\", \\"ClientName\\": \\"/* no */,}\\", \\"Secrets\\": [\\"s\\"], \\"AllowedGrantTypes\\": [\\"client_credentials\\"],}]", /* comment */ "x": 1, // line
    }`;
    const parsed = parseIdentityAppSettings(text);
    expect(parsed.clients[0]?.clientId).toBe("a//b");
    expect(parsed.clients[0]?.clientName).toBe("/* no */,}");
  });

  it("still refuses text that is not JSON, with the plain message", () => {
    expectInvalid('{"Clients": [ { "ClientId": "x" ', /not JSON/);
  });
});
