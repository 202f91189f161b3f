import { beforeEach, describe, expect, it, vi } from "vitest";
import { SessionStore } from "@/lib/session/store";
import type { WizardSession } from "@/lib/session/types";

// Threat: a client secret typed for one Identity Service URL is sent to whatever URL is typed next.
const fake = vi.hoisted(() => ({
  session: null as WizardSession | null,
  probes: [] as { url: string; clientSecret: string }[],
}));
vi.mock("@/lib/session/current", () => ({ getWizardSession: async () => fake.session }));
vi.mock("next/cache", () => ({ refresh: () => undefined }));
vi.mock("@/lib/diagnostics", () => ({
  checkIdentityFromWizard: async (opts: { url: string; clientSecret: string }) => {
    fake.probes.push({ url: opts.url, clientSecret: opts.clientSecret });
    return { checks: [] };
  },
}));

const { testConnectionAction } = await import("./actions");

const CREATIO = "https://creatio.example";
const TYPED_FOR = "https://is.example";

beforeEach(() => {
  const session = new SessionStore().create();
  session.creatio = {
    baseUrl: CREATIO,
    runtime: "net",
    prefix: "",
    version: "8.3.2",
    userName: "Supervisor",
    cookies: "",
  };
  session.draft = {
    baseUrl: CREATIO,
    identityUrl: TYPED_FOR,
    clientId: "wizard",
    clientSecret: "s3cret-typed-for-is",
  };
  fake.session = session;
  fake.probes = [];
});

describe("threat: a secret held for one Identity Service URL follows the operator to another URL", () => {
  it("uses the held secret for the URL it was typed for", async () => {
    const result = await testConnectionAction({
      identityUrl: TYPED_FOR,
      clientId: "wizard",
      clientSecret: "",
    });
    expect(result.ok).toBe(true);
    expect(fake.probes).toEqual([{ url: TYPED_FOR, clientSecret: "s3cret-typed-for-is" }]);
  });

  it("asks for the secret again when the URL changed, and sends nothing anywhere", async () => {
    const result = await testConnectionAction({
      identityUrl: "https://attacker.example",
      clientId: "wizard",
      clientSecret: "",
    });
    expect(result).toMatchObject({ ok: false, error: { code: "input:invalid-field" } });
    const fieldErrors = (result as { fieldErrors?: Record<string, string[]> }).fieldErrors;
    expect(fieldErrors?.clientSecret?.[0]).toContain("type the client secret for this Identity Service URL");
    expect(JSON.stringify(result)).not.toContain("s3cret-typed-for-is");
    expect(fake.probes).toEqual([]);
    // The held secret stays bound to its URL: going back to it still works.
    await testConnectionAction({ identityUrl: TYPED_FOR, clientId: "wizard", clientSecret: "" });
    expect(fake.probes).toEqual([{ url: TYPED_FOR, clientSecret: "s3cret-typed-for-is" }]);
  });

  it("a secret typed now for the new URL is used, and becomes the one held for it", async () => {
    await testConnectionAction({
      identityUrl: "https://is2.example",
      clientId: "wizard",
      clientSecret: "new-one",
    });
    expect(fake.probes).toEqual([{ url: "https://is2.example", clientSecret: "new-one" }]);
    await testConnectionAction({ identityUrl: TYPED_FOR, clientId: "wizard", clientSecret: "" });
    expect(fake.probes).toHaveLength(1);
  });
});
