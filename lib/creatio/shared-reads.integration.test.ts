// Identical reads within one request to the wizard share one call (lib/transport/shared-reads.ts),
// against the embedded demo Creatio: what the tenant receives, and what each caller lists.
import { AsyncLocalStorage } from "node:async_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDemo, startDemo } from "@/lib/demo";
import type { RequestTiming } from "@/lib/transport/request-timing";
import { openCreatio } from "./client";
import { forkConnection, restoreConnection } from "./connection";
import { getFeatureStatus } from "./features";
import { selectWithSession } from "./probes";
import { connect, tenantCalls } from "./test-support/demo";

let demo: RunningDemo;
beforeAll(async () => {
  demo = await startDemo({ tlsIdentity: false });
});
afterAll(async () => {
  await demo?.close();
});

// The server's preload (scripts/server-timing.cjs) keeps one record per incoming request here.
const KEY = Symbol.for("creatio-wizard.request-timing");
function inOneRequest<T>(run: () => Promise<T>): Promise<T> {
  const g = globalThis as Record<symbol, unknown>;
  g[KEY] ??= new AsyncLocalStorage<RequestTiming>();
  return (g[KEY] as AsyncLocalStorage<RequestTiming>).run({ start: performance.now(), calls: [] }, run);
}

function selects(id: string): string[] {
  return tenantCalls(demo, id).filter((c) => c.endsWith("/DataService/json/SyncReply/SelectQuery"));
}

describe.each([
  { runtime: "netfx", version: "8.1.2.3842" },
  { runtime: "net", version: "8.3.2.4321" },
] as const)("shared reads on $runtime", ({ runtime, version }) => {
  it("the page after Connect takes the feature's id from runtime detection, in the same request", async () => {
    const t = demo.creatio.createTenant({ config: { runtime, version } });
    const status = await inOneRequest(async () => {
      const { state } = await connect(t.baseUrl);
      const client = openCreatio(state);
      const feature = await client.getFeatureStatus();
      return { feature, calls: client.calls };
    });
    // Runtime detection: both prefixes; then only the All employees row (the feature's id was shared).
    expect(selects(t.id)).toHaveLength(3);
    expect(status.feature.featureId).toMatch(/^[0-9a-f-]{36}$/);
    // The page still lists the select it asked for, with the status of the call that answered it.
    const listed = status.calls.filter((c) => c.url.endsWith("/SelectQuery"));
    expect(listed).toHaveLength(2);
    expect(listed.every((c) => c.status === 200)).toBe(true);
  });

  it("outside a request of the wizard's server nothing is shared", async () => {
    const t = demo.creatio.createTenant({ config: { runtime, version } });
    const { state } = await connect(t.baseUrl);
    await openCreatio(state).getFeatureStatus();
    expect(selects(t.id)).toHaveLength(4);
  });

  it("the status page's CSRF probe and its feature read send one select", async () => {
    const t = demo.creatio.createTenant({ config: { runtime, version } });
    const { state } = await connect(t.baseUrl);
    const before = selects(t.id).length;
    const conn = restoreConnection(state);
    const probe = forkConnection(conn);
    const reads = forkConnection(conn);
    await inOneRequest(() => Promise.all([selectWithSession(probe), getFeatureStatus(reads)]));
    // One Feature select and the All employees row, where each alone would send its own.
    expect(selects(t.id).length - before).toBe(2);
    expect(probe.recorder.list.map((c) => c.status)).toEqual([200]);
  });

  it("a write in the request makes the next read go out again, so it sees the change", async () => {
    const t = demo.creatio.createTenant({ config: { runtime, version, allEmployeesFeatureState: null } });
    const { state } = await connect(t.baseUrl);
    const after = await inOneRequest(async () => {
      const client = openCreatio(state);
      const before = await client.getFeatureStatus();
      expect(before.allEmployeesState).toBeNull();
      await client.enableFeatureForAllUsers();
      return client.getFeatureStatus();
    });
    expect(after.allEmployeesState).toBe(1);
  });

  it("another session's identical select is not shared", async () => {
    const t = demo.creatio.createTenant({ config: { runtime, version } });
    const [a, b] = await Promise.all([connect(t.baseUrl), connect(t.baseUrl)]);
    const before = selects(t.id).length;
    await inOneRequest(() =>
      Promise.all([
        selectWithSession(restoreConnection(a.state)),
        selectWithSession(restoreConnection(b.state)),
      ]),
    );
    expect(selects(t.id).length - before).toBe(2);
  });
});
