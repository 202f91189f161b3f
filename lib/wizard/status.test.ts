import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectToCreatio, openCreatio } from "@/lib/creatio/client";
import { DEMO_PASSWORD, DEMO_USER, type RunningDemo, startDemo } from "@/lib/demo";
import type { CreatioContext } from "@/lib/frame/creatio-context";
import type { WizardSession } from "@/lib/session/types";
import { toActionError } from "./result";
import type { Read } from "./state";
import { loadStatus, reportSteps } from "./status";

// The status page's load on the operator's own session, against the demo: one diagnostics run, the step
// states from the same reads, and an ended session reported through the context (so the page asks to
// sign in again).

let demo: RunningDemo;
beforeAll(async () => {
  demo = await startDemo({ tlsIdentity: false });
});
afterAll(() => demo?.close());

async function contextFor(baseUrl: string) {
  const { state } = await connectToCreatio({ baseUrl, userName: DEMO_USER, password: DEMO_PASSWORD });
  const settled: Read<unknown>[] = [];
  const session = { settingsReviewed: true, secretSavedFor: null } as unknown as WizardSession;
  const ctx: CreatioContext = {
    session,
    state,
    client: openCreatio(state),
    async read<T>(call: Promise<T>): Promise<Read<T>> {
      let result: Read<T>;
      try {
        result = { ok: true, value: await call };
      } catch (e) {
        result = { ok: false, error: toActionError(e) };
      }
      settled.push(result);
      return result;
    },
  };
  return { ctx, settled };
}

describe("loadStatus", () => {
  it("derives every step's state from the one diagnostics run, without writing to Creatio", async () => {
    const tenant = demo.creatio.createTenant({ scenario: "already-connected" });
    const { ctx, settled } = await contextFor(tenant.baseUrl);
    const view = await loadStatus(ctx);
    expect(view.run.healthy).toBe(true);
    expect(view.run.creatio).toMatchObject({ url: tenant.baseUrl, userName: DEMO_USER });
    expect(Object.values(view.states).map((s) => s.state)).toEqual(["done", "done", "done", "done"]);
    expect(reportSteps(view.states).map((s) => [s.number, s.state])).toEqual([
      [1, "done"],
      [2, "done"],
      [3, "done"],
      [4, "done"],
    ]);
    expect(settled).toEqual([]);
    const names = demo.creatio.snapshot(tenant.id).calls.map((c) => c.path.split("/").at(-1));
    expect(names).toContain("OAuthHealthCheck");
    expect(names.filter((n) => n === "Login")).toHaveLength(1); // connectToCreatio's only
    expect(names.some((n) => /^(Insert|Update|Delete)Query$|PostSysSettingsValues/.test(n ?? ""))).toBe(
      false,
    );
  });

  it("reports an ended Creatio session through the context, so the page asks to sign in again", async () => {
    const tenant = demo.creatio.createTenant({});
    const { ctx, settled } = await contextFor(tenant.baseUrl);
    demo.creatio.expireSessions(tenant.id);
    const view = await loadStatus(ctx);
    expect(settled).toEqual([
      { ok: false, error: expect.objectContaining({ code: "auth:session-expired" }) },
    ]);
    expect(view.snapshot.settings.ok).toBe(false);
    expect(view.states.credentials.state).toBe("unknown");
  });
});
