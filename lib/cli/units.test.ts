// The command line's own decisions, without a Creatio: when step 3 keeps the stored secret, where
// secrets are read from (and in which order), what a targets file may hold, and how server text prints.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HealthCheckResult, IdentitySettings } from "@/lib/creatio/types";
import type { Read } from "@/lib/wizard/state";
import { planSettings, settingsChanges } from "./apply";
import { CliError } from "./errors";
import { clean, table } from "./render";
import { readClientSecret, readPassword } from "./secrets";
import { readTargets } from "./targets";

const URL_ = "https://ids.example.com";
const settings = (over: Partial<IdentitySettings> = {}): IdentitySettings => ({
  url: URL_,
  clientId: "IdServiceUser",
  secret: "unknown",
  missingCodes: [],
  legacy: [],
  ...over,
});
const health = (
  over: Partial<Extract<HealthCheckResult, { available: true }>> = {},
): Read<HealthCheckResult> => ({
  ok: true,
  value: {
    available: true,
    httpStatus: 200,
    hasProblem: false,
    isSystemSettingsFilledIn: true,
    isIdentityServiceAvailable: true,
    isAccessTokenRetrievableForSystemActions: true,
    isDefaultResourceRegistered: true,
    message: null,
    ...over,
  },
});
const wanted = { url: URL_, clientId: "IdServiceUser", hasSecret: true };

describe("planSettings (step 3, idempotent)", () => {
  it("changes nothing when URL and client id match and Creatio gets a token with the stored secret", () => {
    const plan = planSettings(settings(), health(), wanted);
    expect(settingsChanges(plan)).toEqual([]);
    expect(plan.keptBecause).toContain("health check gets a token");
  });

  it("writes the secret with a new URL or client id, and names what changes", () => {
    const plan = planSettings(settings({ url: `${URL_}/` }), health(), wanted);
    expect(settingsChanges(plan)).toEqual([
      `OAuth20IdentityServerUrl: ${URL_}/ -> ${URL_}`,
      "OAuth20IdentityServerClientSecret: write the given secret (a secret belongs to its Identity Service and client id, which change)",
    ]);
  });

  it("writes the secret when Creatio gets no token with the stored one, or cannot tell", () => {
    const refused = planSettings(
      settings(),
      health({ isAccessTokenRetrievableForSystemActions: false }),
      wanted,
    );
    expect(refused.secret).toBe("Creatio gets no token with the stored secret");
    const noHealthCheck = planSettings(
      settings(),
      { ok: true, value: { available: false, reason: "absent", httpStatus: 404 } },
      wanted,
    );
    expect(noHealthCheck.secret).toContain("cannot tell whether the stored secret is this one");
    const empty = planSettings(
      settings(),
      health({
        isSystemSettingsFilledIn: false,
        isAccessTokenRetrievableForSystemActions: false,
        message: "System setting OAuth20IdentityServerClientSecret is empty.",
      }),
      wanted,
    );
    expect(empty.secret).toBe("it is empty");
  });

  it("says that a secret is needed when one must be written and none was given (dry run)", () => {
    const plan = planSettings(settings({ clientId: null }), health(), { ...wanted, hasSecret: false });
    expect(plan.secret).toMatch(/give the secret to write it$/);
  });
});

describe("secrets", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wizard-cli-units-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("takes the password from --password-file first (without its final line break), then the environment", async () => {
    const file = path.join(dir, "pw");
    fs.writeFileSync(file, "from file\r\n");
    expect(await readPassword("u", { passwordFile: file, env: { CREATIO_PASSWORD: "from env" } })).toBe(
      "from file",
    );
    expect(await readPassword("u", { env: { CREATIO_PASSWORD: "from env" }, interactive: false })).toBe(
      "from env",
    );
  });

  it("prompts only on a terminal, and refuses with where to put the password otherwise", async () => {
    let asked = "";
    const prompt = async (message: string) => {
      asked = message;
      return "typed";
    };
    expect(await readPassword("Supervisor", { env: {}, interactive: true, prompt })).toBe("typed");
    expect(asked).toBe("Creatio password for Supervisor");
    const refusal = await readPassword("Supervisor", { env: {}, interactive: false, prompt }).catch((e) => e);
    expect(refusal).toBeInstanceOf(CliError);
    expect(refusal.message).toBe("No Creatio password for Supervisor.");
    expect(refusal.fix).toContain("never accepted as an argument");
  });

  it("reads the client secret from standard input when it is not a terminal", async () => {
    const input = Readable.from(["s3cret-value\n"]) as unknown as NodeJS.ReadStream;
    expect(await readClientSecret({ clientId: "c" }, { input })).toEqual({
      clientId: "c",
      clientSecret: "s3cret-value",
      source: "standard input",
    });
    const empty = Readable.from([""]) as unknown as NodeJS.ReadStream;
    await expect(readClientSecret({}, { input: empty })).rejects.toThrow("standard input was empty");
    expect(await readClientSecret({}, { stdin: false })).toBeNull();
  });

  it("picks the system client from appsettings.json, or the one --client-id names", async () => {
    const clients = [
      { ClientId: "other", Secrets: ["o"], AllowedGrantTypes: ["client_credentials"], AllowedScopes: [] },
      {
        ClientId: "system",
        Secrets: ["s"],
        AllowedGrantTypes: ["client_credentials"],
        AllowedScopes: ["register_own_resource"],
      },
    ];
    const file = path.join(dir, "appsettings.json");
    fs.writeFileSync(file, JSON.stringify({ Clients: JSON.stringify(clients) }));
    expect(await readClientSecret({ fromAppsettings: file })).toMatchObject({
      clientId: "system",
      clientSecret: "s",
    });
    expect(await readClientSecret({ fromAppsettings: file, clientId: "other" })).toMatchObject({
      clientId: "other",
      clientSecret: "o",
    });
    await expect(readClientSecret({ fromAppsettings: file, clientId: "nope" })).rejects.toThrow(
      "has no client nope that allows client_credentials (it has: other, system)",
    );
    await expect(
      readClientSecret({ fromAppsettings: file, clientSecretFile: path.join(dir, "pw") }),
    ).rejects.toThrow("Both --client-secret-file and --from-appsettings were given.");
  });
});

describe("targets file", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "wizard-cli-targets-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (data: unknown) => {
    const file = path.join(dir, `t${Math.random()}.json`);
    fs.writeFileSync(file, typeof data === "string" ? data : JSON.stringify(data));
    return file;
  };

  it("reads the list, with file paths relative to the list's folder", async () => {
    const file = write([
      { name: "a", creatio: "https://a", user: "u", passwordEnv: "A_PW" },
      { name: "b", creatio: "https://b", user: "u", passwordFile: "b.pw", clientSecretFile: "../s" },
    ]);
    const targets = await readTargets(file);
    expect(targets[0]).toEqual({ name: "a", creatio: "https://a", user: "u", passwordEnv: "A_PW" });
    expect(targets[1]?.passwordFile).toBe(path.join(dir, "b.pw"));
    expect(targets[1]?.clientSecretFile).toBe(path.resolve(dir, "../s"));
  });

  it("refuses a password in the file, a missing or double password source, a name used twice, and non-JSON", async () => {
    await expect(readTargets(write([{ name: "a", creatio: "x", user: "u", password: "p" }]))).rejects.toThrow(
      "never holds a password or secret",
    );
    await expect(readTargets(write([{ name: "a", creatio: "x", user: "u" }]))).rejects.toThrow(
      "give exactly one of passwordEnv",
    );
    await expect(
      readTargets(write([{ name: "a", creatio: "x", user: "u", passwordEnv: "A", passwordFile: "f" }])),
    ).rejects.toThrow("give exactly one of passwordEnv");
    await expect(
      readTargets(
        write([
          { name: "a", creatio: "x", user: "u", passwordEnv: "A" },
          { name: "a", creatio: "y", user: "u", passwordEnv: "B" },
        ]),
      ),
    ).rejects.toThrow('"a" is used twice.');
    await expect(readTargets(write("[{"))).rejects.toThrow("is not JSON");
    await expect(readTargets(write([]))).rejects.toThrow("The list of instances is empty.");
  });
});

describe("render", () => {
  it("removes control characters from a server's text (no terminal escapes)", () => {
    expect(clean("ok\u001b[2J\u001b]0;title\u0007 done\r\nnext\u009b")).toBe("ok [2J ]0;title done next");
  });

  it("pads every column but the last", () => {
    expect(table(["A", "Verdict"], [["long name", "ok"]])).toEqual([
      "A          Verdict",
      "---------  -------",
      "long name  ok",
    ]);
  });
});
