import { describe, expect, it } from "vitest";
import type { CreatioContext } from "@/lib/frame/creatio-context";
import type { WizardSession } from "@/lib/session/types";
import { loadStepPage } from "./load";
import { handOffReads, rememberReads } from "./recent-reads";
import type { Read } from "./state";

// A page waits only for the reads its content needs; the navigation's states follow when the slowest
// read has arrived. The Creatio client is replaced by one whose answers the test releases one by one.

const BASE = "https://creatio.example.com";

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function fakeContext() {
  const feature = deferred<unknown>();
  const asked: string[] = [];
  const session = {
    signIns: 1,
    settingsReviewed: false,
    secretSavedFor: null,
  } as unknown as WizardSession;
  const answer =
    <T>(name: string, value: T) =>
    () => {
      asked.push(name);
      return Promise.resolve(value);
    };
  const ctx = {
    session,
    state: { baseUrl: BASE },
    client: {
      getFeatureStatus: () => {
        asked.push("feature");
        return feature.promise;
      },
      readIdentitySettings: answer("settings", {
        url: "https://is",
        clientId: "c",
        secret: "set",
        missingCodes: [],
        legacy: [],
      }),
      getDefaultResources: answer("resources", { count: 0, names: [] }),
      getOAuthHealth: answer("health", { available: false, reason: "absent", httpStatus: 404 }),
    },
    async read<T>(call: Promise<T>): Promise<Read<T>> {
      return { ok: true, value: await call };
    },
  } as unknown as CreatioContext;
  return { ctx, session, asked, releaseFeature: feature.resolve };
}

const FEATURE_ON = {
  code: "OAuth20Integration",
  exists: true,
  featureId: "f",
  allEmployeesState: 1,
  currentUserState: 1,
};

describe("loadStepPage", () => {
  it("answers with the page's own reads before the slower read the navigation needs", async () => {
    const { ctx, asked, releaseFeature } = fakeContext();
    const page = await loadStepPage(ctx, ["resources"]);
    // All four were asked at once; the page did not wait for the feature.
    expect(asked.sort()).toEqual(["feature", "health", "resources", "settings"]);
    expect(page.snapshot.resources).toEqual({ ok: true, value: { count: 0, names: [] } });
    // The navigation shows at once what the page's own reads decide, the rest when read.
    expect(page.stepStates.known).toEqual({
      resource: { state: "not-done", summary: "There is no default resource yet." },
    });
    let states: unknown = null;
    void page.stepStates.all.then((s) => {
      states = s;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(states).toBeNull();
    releaseFeature(FEATURE_ON);
    const all = await page.stepStates.all;
    expect(all.feature.state).toBe("done");
    expect(all.resource.state).toBe("not-done");
  });

  it("after an action, shows the reads handed to it without asking Creatio again", async () => {
    const { ctx, session, asked } = fakeContext();
    rememberReads(session, BASE, {
      feature: { ok: true, value: FEATURE_ON as never },
      settings: {
        ok: true,
        value: { url: null, clientId: null, secret: "not-set", missingCodes: [], legacy: [] },
      },
      health: { ok: true, value: { available: false, reason: "absent", httpStatus: 404 } },
    });
    handOffReads(session, BASE, ["resources"], { resources: { ok: true, value: { count: 1, names: [] } } });
    const page = await loadStepPage(ctx, ["resources", "settings"]);
    expect(asked).toEqual([]);
    expect(page.snapshot.resources).toEqual({ ok: true, value: { count: 1, names: [] } });
    expect((await page.stepStates.all).feature.state).toBe("done");
    // Handed off once: the next load reads live.
    void loadStepPage(ctx, ["resources"]);
    expect(asked.sort()).toEqual(["feature", "health", "resources", "settings"]);
  });
});
