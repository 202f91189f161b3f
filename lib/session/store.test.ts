import { describe, expect, it } from "vitest";
import { SessionStore } from "./store";

function clock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("SessionStore", () => {
  it("creates sessions with random ids and no Creatio session", () => {
    const store = new SessionStore();
    const a = store.create();
    const b = store.create();
    expect(a.id).not.toBe(b.id);
    expect(a.id.length).toBeGreaterThanOrEqual(40);
    expect(a.creatio).toBeNull();
    expect(store.get(a.id)).toBe(a);
    expect(store.get("unknown")).toBeUndefined();
  });

  it("ends a session after the idle timeout, and each use extends it", () => {
    const c = clock();
    const store = new SessionStore({ idleTtlMs: 1000, now: c.now });
    const s = store.create();
    c.advance(900);
    expect(store.get(s.id)).toBe(s);
    c.advance(900);
    expect(store.get(s.id)).toBe(s);
    c.advance(1001);
    expect(store.get(s.id)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it("drops the least recently used sessions beyond the bound", () => {
    const store = new SessionStore({ maxSessions: 2 });
    const a = store.create();
    const b = store.create();
    store.get(a.id);
    const c = store.create();
    expect(store.get(b.id)).toBeUndefined();
    expect(store.get(a.id)).toBe(a);
    expect(store.get(c.id)).toBe(c);
  });

  it("sweeps idle sessions when creating", () => {
    const c = clock();
    const store = new SessionStore({ idleTtlMs: 10, now: c.now });
    store.create();
    c.advance(11);
    store.create();
    expect(store.size).toBe(1);
  });

  it("ends a session at its absolute lifetime however active it is", () => {
    const c = clock();
    const store = new SessionStore({ idleTtlMs: 1000, absoluteTtlMs: 2500, now: c.now });
    const s = store.create();
    for (let i = 0; i < 4; i++) {
      c.advance(600);
      expect(store.get(s.id)).toBe(s);
    }
    c.advance(600); // 3000 ms since it began, never idle for more than 600 ms
    expect(store.get(s.id)).toBeUndefined();
  });

  it("threat: session fixation: rotating gives a new id, keeps the data, and the old id opens nothing", () => {
    const store = new SessionStore();
    const planted = store.create();
    planted.lastLogin = { baseUrl: "https://creatio.example", userName: "Supervisor" };
    planted.signIns = 2;
    const fresh = store.rotate(planted);
    expect(fresh.id).not.toBe(planted.id);
    expect(fresh.id).toHaveLength(planted.id.length);
    expect(fresh.lastLogin).toEqual(planted.lastLogin);
    expect(fresh.signIns).toBe(2);
    expect(store.get(planted.id)).toBeUndefined();
    expect(store.get(fresh.id)).toBe(fresh);
    expect(store.rotate(null).id).not.toBe(fresh.id);
  });
});
