import { describe, expect, it } from "vitest";
import { SessionStore } from "@/lib/session/store";
import type { WizardSession } from "@/lib/session/types";
import {
  featureAfterEnable,
  HANDOFF_MS,
  handOffReads,
  READ_KEYS,
  REUSE_AFTER_ACTION_MS,
  type ReadKey,
  readsYoungerThan,
  rememberReads,
  resourcesAfterCreate,
  type SnapshotReads,
  takeHandedOffReads,
} from "./recent-reads";

const BASE = "https://creatio.example";

function session(): WizardSession {
  const s = new SessionStore().create();
  s.signIns = 1;
  return s;
}

const READS: SnapshotReads = {
  feature: {
    ok: true,
    value: {
      code: "OAuth20Integration",
      exists: true,
      featureId: "f",
      allEmployeesState: 0,
      currentUserState: 0,
    },
  },
  settings: {
    ok: true,
    value: { url: "https://is", clientId: "c", secret: "set", missingCodes: [], legacy: [] },
  },
  resources: { ok: true, value: { count: 0, names: [] } },
  health: { ok: true, value: { available: false, reason: "absent", httpStatus: 404 } },
};

const keysOf = (reads: Partial<SnapshotReads>) => Object.keys(reads).sort();

describe("reads reused after an action", () => {
  it("gives nothing to an ordinary page load: without a handoff every read is asked live", () => {
    const s = session();
    rememberReads(s, BASE, READS, 1_000);
    expect(takeHandedOffReads(s, BASE, 1_500)).toEqual({});
  });

  it("hands the page's reads to the one render after an action, then no more", () => {
    const s = session();
    rememberReads(s, BASE, READS, 1_000);
    handOffReads(s, BASE, [], {}, 2_000);
    expect(takeHandedOffReads(s, BASE, 2_100)).toEqual(READS);
    expect(takeHandedOffReads(s, BASE, 2_200)).toEqual({});
  });

  it("replaces what the action changed with its own fresh read", () => {
    const s = session();
    rememberReads(s, BASE, READS, 1_000);
    const enabled = featureAfterEnable({
      created: false,
      featureId: "f",
      allEmployeesRow: "updated",
      cacheCleared: { base64Name: true, allFeatures: true },
      verifiedState: 1,
    });
    handOffReads(s, BASE, ["feature"], { feature: { ok: true, value: enabled } }, 2_000);
    const reused = takeHandedOffReads(s, BASE, 2_100);
    expect(reused.feature).toEqual({ ok: true, value: { ...enabled, allEmployeesState: 1 } });
    expect(reused.resources).toEqual(READS.resources);
  });

  it("drops what a failed action touched, so the render reads it from Creatio again", () => {
    const s = session();
    rememberReads(s, BASE, READS, 1_000);
    handOffReads(s, BASE, ["settings", "health"], {}, 2_000);
    expect(keysOf(takeHandedOffReads(s, BASE, 2_100))).toEqual(["feature", "resources"]);
  });

  it("never keeps a failed read", () => {
    const s = session();
    const failed = {
      ok: false as const,
      error: { code: "network:timeout", message: "m", fix: "f", calls: [] },
    };
    rememberReads(s, BASE, { ...READS, resources: failed as never }, 1_000);
    handOffReads(s, BASE, [], {}, 1_000);
    expect(keysOf(takeHandedOffReads(s, BASE, 1_000))).toEqual(["feature", "health", "settings"]);
  });

  it("leaves out page reads older than the reuse window", () => {
    const s = session();
    rememberReads(s, BASE, READS, 1_000);
    const late = 1_000 + REUSE_AFTER_ACTION_MS + 1;
    handOffReads(s, BASE, ["resources"], { resources: { ok: true, value: { count: 1, names: [] } } }, late);
    expect(keysOf(takeHandedOffReads(s, BASE, late))).toEqual(["resources"]);
  });

  it("expires a handoff that no render picked up in time", () => {
    const s = session();
    rememberReads(s, BASE, READS, 1_000);
    handOffReads(s, BASE, [], {}, 1_000);
    expect(takeHandedOffReads(s, BASE, 1_000 + HANDOFF_MS + 1)).toEqual({});
  });

  it("belongs to one Creatio and one sign-in", () => {
    const s = session();
    rememberReads(s, BASE, READS, 1_000);
    handOffReads(s, BASE, [], {}, 1_000);
    expect(takeHandedOffReads(s, "https://other.example", 1_000)).toEqual({});
    s.signIns += 1;
    expect(takeHandedOffReads(s, BASE, 1_000)).toEqual({});
    expect(readsYoungerThan(s, BASE, 60_000, 1_000)).toEqual({});
    // A new sign-in starts over instead of mixing in the old session's reads.
    rememberReads(s, BASE, { resources: READS.resources }, 1_000);
    expect(keysOf(readsYoungerThan(s, BASE, 60_000, 1_000))).toEqual(["resources"]);
  });

  it("answers by age for an action that relies on what its page showed", () => {
    const s = session();
    rememberReads(s, BASE, READS, 1_000);
    expect(keysOf(readsYoungerThan(s, BASE, 500, 1_400))).toEqual([...READ_KEYS].sort() as ReadKey[]);
    expect(readsYoungerThan(s, BASE, 500, 1_600)).toEqual({});
  });
});

describe("what an action's answer proves", () => {
  it("a verified enable: the feature exists and is on for All employees and the operator", () => {
    expect(
      featureAfterEnable({
        created: true,
        featureId: "id-1",
        allEmployeesRow: "inserted",
        cacheCleared: { base64Name: false, allFeatures: true },
        verifiedState: 1,
      }),
    ).toEqual({
      code: "OAuth20Integration",
      exists: true,
      featureId: "id-1",
      allEmployeesState: 1,
      currentUserState: 1,
    });
  });

  it("one default resource; its name only when a read returned it", () => {
    expect(resourcesAfterCreate({ outcome: "already-existed", scope: "ApplicationAccess_1" })).toEqual({
      count: 1,
      names: ["ApplicationAccess_1"],
    });
    expect(resourcesAfterCreate({ outcome: "created", scope: "ApplicationAccess_2" })).toEqual({
      count: 1,
      names: [],
    });
  });
});
