import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CreatioSessionState } from "@/lib/creatio/types";
import { WizardError } from "@/lib/errors";
import { SessionStore } from "@/lib/session/store";
import type { WizardSession } from "@/lib/session/types";

// The Creatio client and the request's cookie are replaced: these tests are about what the session
// glue does with Creatio's answers (write refreshed cookies back, drop an ended session, keep drafts).
const fake = vi.hoisted(() => ({
  session: null as WizardSession | null,
  nextState: null as CreatioSessionState | null,
  fail: null as Error | null,
  /** When set, getFeatureStatus answers only once it resolves (a read the page streams in later). */
  gate: null as Promise<void> | null,
}));

vi.mock("@/lib/session/current", () => ({ getWizardSession: async () => fake.session }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
}));
vi.mock("@/lib/creatio", () => ({
  openCreatio: (state: CreatioSessionState) => ({
    state: () => fake.nextState ?? state,
    calls: [],
    getFeatureStatus: async () => {
      if (fake.gate) await fake.gate;
      if (fake.fail) throw fake.fail;
      return { exists: true };
    },
  }),
}));

const { withCreatioAction, withCreatioPage, withCreatioRoute, signInPath } = await import(
  "./creatio-context"
);

const creatio = (cookies: string): CreatioSessionState => ({
  baseUrl: "https://creatio.example.com",
  runtime: "net",
  prefix: "",
  version: "8.3.2.1",
  userName: "Supervisor",
  cookies,
});
const expired = () =>
  new WizardError("auth:session-expired", "Your Creatio session has ended.", "Sign in again.");

let session: WizardSession;
beforeEach(() => {
  session = new SessionStore().create();
  session.creatio = creatio("old");
  session.signIns = 1;
  session.lastLogin = { baseUrl: "https://creatio.example.com", userName: "Supervisor" };
  session.draft = {
    baseUrl: "https://creatio.example.com",
    identityUrl: "https://is",
    clientId: "c",
    clientSecret: "typed",
  };
  fake.session = session;
  fake.nextState = null;
  fake.fail = null;
  fake.gate = null;
});

describe("withCreatioAction", () => {
  it("writes Creatio's refreshed cookies back after the call", async () => {
    fake.nextState = creatio("refreshed");
    const result = await withCreatioAction(async ({ client }) => ({
      ok: true as const,
      value: await client.getFeatureStatus(),
    }));
    expect(result.ok).toBe(true);
    expect(session.creatio?.cookies).toBe("refreshed");
  });

  it("on session expiry drops the Creatio session but keeps what the operator typed, and never throws", async () => {
    fake.fail = expired();
    const result = await withCreatioAction(async ({ client }) => ({
      ok: true as const,
      value: await client.getFeatureStatus(),
    }));
    expect(result).toMatchObject({ ok: false, error: { code: "auth:session-expired" } });
    expect(session.creatio).toBeNull();
    expect(session.lastLogin?.baseUrl).toBe("https://creatio.example.com");
    expect(session.draft?.clientSecret).toBe("typed");
  });

  it("turns any other failure into a typed result without touching the session", async () => {
    fake.fail = new Error("socket hang up with details");
    const result = await withCreatioAction(async ({ client }) => ({
      ok: true as const,
      value: await client.getFeatureStatus(),
    }));
    expect(result).toMatchObject({ ok: false, error: { code: "wizard:internal" } });
    expect(JSON.stringify(result)).not.toContain("socket hang up");
    expect(session.creatio?.cookies).toBe("old");
  });

  it("refuses without a Creatio session (actions are public endpoints)", async () => {
    session.creatio = null;
    const run = vi.fn();
    const result = await withCreatioAction(run);
    expect(result).toMatchObject({ ok: false, error: { code: "auth:session-expired" } });
    expect(run).not.toHaveBeenCalled();
  });

  it("never writes stale cookies over a newer sign-in made meanwhile", async () => {
    fake.nextState = creatio("stale");
    await withCreatioAction(async () => {
      session.creatio = creatio("new-sign-in");
      session.signIns += 1;
      return { ok: true as const };
    });
    expect(session.creatio?.cookies).toBe("new-sign-in");
  });
});

describe("withCreatioPage", () => {
  it("sends the operator to sign in and back to the same step when Creatio says the session ended", async () => {
    await expect(
      withCreatioPage("/setup/credentials", async (ctx) => {
        fake.fail = expired();
        return ctx.read(ctx.client.getFeatureStatus());
      }),
    ).rejects.toThrow(`REDIRECT ${signInPath("/setup/credentials", "expired")}`);
    expect(session.creatio).toBeNull();
  });

  it("writes the cookies back when a read the page streams in later has ended, not before", async () => {
    let answer = () => {};
    fake.gate = new Promise((resolve) => {
      answer = resolve;
    });
    let streamed: Promise<unknown> = Promise.resolve();
    const { data } = await withCreatioPage("/setup/settings", async (ctx) => {
      streamed = ctx.read(ctx.client.getFeatureStatus());
      return "shown";
    });
    expect(data).toBe("shown");
    fake.nextState = creatio("refreshed");
    // The page is answered; Creatio has not answered the streamed read yet.
    expect(session.creatio?.cookies).toBe("old");
    answer();
    await streamed;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.creatio?.cookies).toBe("refreshed");
  });

  it("drops the Creatio session when a streamed read finds it ended (the next click asks to sign in)", async () => {
    let answer = () => {};
    fake.gate = new Promise((resolve) => {
      answer = resolve;
    });
    let streamed: Promise<unknown> = Promise.resolve();
    await withCreatioPage("/setup/settings", async (ctx) => {
      streamed = ctx.read(ctx.client.getFeatureStatus());
      return null;
    });
    fake.fail = expired();
    answer();
    expect(await streamed).toMatchObject({ ok: false, error: { code: "auth:session-expired" } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.creatio).toBeNull();
    expect(session.draft?.clientSecret).toBe("typed");
  });

  it("redirects with ?next when there is no session at all", async () => {
    fake.session = null;
    await expect(withCreatioPage("/status", async () => 1)).rejects.toThrow("REDIRECT /?next=%2Fstatus");
  });
});

describe("withCreatioRoute", () => {
  it("wraps the value, or the expiry as an error", async () => {
    expect(await withCreatioRoute(session, async () => 42)).toEqual({ ok: true, value: 42 });
    fake.fail = expired();
    const out = await withCreatioRoute(session, async ({ client }) => client.getFeatureStatus());
    expect(out).toMatchObject({ ok: false, error: { code: "auth:session-expired" } });
    expect(session.creatio).toBeNull();
  });
});
