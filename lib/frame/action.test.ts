import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CreatioSessionState } from "@/lib/creatio/types";
import { wizardError } from "@/lib/errors";
import { SessionStore } from "@/lib/session/store";
import type { WizardSession } from "@/lib/session/types";

// The action frame, with the request's session, Next.js's refresh and the Creatio client replaced:
// these tests are about what every action gets from the frame, whatever it runs.
const fake = vi.hoisted(() => ({
  session: null as WizardSession | null,
  refreshes: 0,
}));

vi.mock("@/lib/session/current", () => ({ getWizardSession: async () => fake.session }));
vi.mock("next/cache", () => ({
  refresh: () => {
    fake.refreshes += 1;
  },
}));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { digest: `NEXT_REDIRECT;replace;${url};307;` });
  },
}));
vi.mock("@/lib/creatio", () => ({
  openCreatio: (state: CreatioSessionState) => ({ state: () => state, calls: [] }),
}));

const { defineAction } = await import("./action");
const { takeHandedOffReads } = await import("@/lib/wizard/recent-reads");
const { redirect } = await import("next/navigation");

const creatio: CreatioSessionState = {
  baseUrl: "https://creatio.example.com",
  runtime: "net",
  prefix: "",
  version: "8.3.2.1",
  userName: "Supervisor",
  cookies: "jar",
};

beforeEach(() => {
  const session = new SessionStore().create();
  session.creatio = { ...creatio };
  session.signIns = 1;
  fake.session = session;
  fake.refreshes = 0;
});

const nameSchema = z.object({ name: z.string().min(1, { error: "Enter a name." }) });

describe("defineAction", () => {
  it("turns invalid input into field errors and runs nothing", async () => {
    const run = vi.fn(async () => ({ ok: true as const }));
    const action = defineAction({ input: nameSchema, access: "creatio", run });
    const result = await action({ name: "" });
    expect(result).toMatchObject({ ok: false, error: { code: "input:invalid-field" } });
    expect(!result.ok && result.fieldErrors).toEqual({ name: ["Enter a name."] });
    expect(run).not.toHaveBeenCalled();
  });

  it("re-checks the session: without a Creatio sign-in nothing runs and the operator is told to sign in", async () => {
    fake.session = null;
    const run = vi.fn(async () => ({ ok: true as const }));
    for (const access of ["session", "creatio"] as const) {
      const result = await defineAction({ access, run })();
      expect(result).toMatchObject({ ok: false, error: { code: "auth:session-expired" } });
    }
    expect(run).not.toHaveBeenCalled();
  });

  it("public actions run without a session, with the parsed input", async () => {
    fake.session = null;
    const action = defineAction({
      input: nameSchema,
      access: "public",
      run: async ({ name }) => ({ ok: true as const, greeting: `hello ${name}` }),
    });
    expect(await action({ name: "Ada" })).toEqual({ ok: true, greeting: "hello Ada" });
  });

  it("never throws: a WizardError comes back with its message and fix, anything else as an internal error", async () => {
    const known = defineAction({
      access: "session",
      run: async () => {
        throw wizardError("network:timeout", { url: "https://creatio.example.com", timeoutMs: 15_000 });
      },
    });
    expect(await known()).toMatchObject({ ok: false, error: { code: "network:timeout" } });
    const bug = defineAction({
      access: "public",
      run: async () => {
        throw new TypeError("secret-looking detail");
      },
    });
    const result = await bug();
    expect(result).toMatchObject({ ok: false, error: { code: "wizard:internal" } });
    expect(JSON.stringify(result)).not.toContain("secret-looking detail");
  });

  it("lets Next.js navigation through (redirect is thrown on purpose)", async () => {
    const action = defineAction({
      access: "session",
      run: async () => redirect("/setup/credentials"),
    });
    await expect(action()).rejects.toMatchObject({ digest: expect.stringContaining("/setup/credentials") });
  });

  it("runs one write per session at a time: a second click shares the first run", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const run = vi.fn(async () => {
      await gate;
      return { ok: true as const };
    });
    const action = defineAction({ access: "creatio", writes: "write-once", run });
    const first = action();
    const second = action();
    release();
    expect(await Promise.all([first, second])).toEqual([{ ok: true }, { ok: true }]);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it("hands the action's fresh reads to the render that follows, and re-renders", async () => {
    const feature = { ok: true as const, value: { exists: true } as never };
    const action = defineAction({
      access: "creatio",
      touches: ["feature"],
      run: async (_input, ctx) => {
        ctx.fresh({ feature });
        return { ok: true as const };
      },
    });
    await action();
    const session = fake.session as WizardSession;
    expect(takeHandedOffReads(session, creatio.baseUrl).feature).toBe(feature);
    expect(fake.refreshes).toBe(1);
  });

  it("a failed action hands over nothing it touched, so the page asks Creatio again", async () => {
    const action = defineAction({
      access: "creatio",
      touches: ["feature"],
      run: async () => ({ ok: false as const, error: wizardError("feature:not-verified").toUserFacing() }),
    });
    await action();
    expect(takeHandedOffReads(fake.session as WizardSession, creatio.baseUrl).feature).toBeUndefined();
  });
});
