import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("singleFlight", () => {
  it("runs a write once while it is in flight; a second request gets the same result", async () => {
    let runs = 0;
    const d = deferred<string>();
    const run = () => {
      runs += 1;
      return d.promise;
    };
    const first = singleFlight("s1", "write", run);
    const second = singleFlight("s1", "write", run);
    d.resolve("done");
    expect(await Promise.all([first, second])).toEqual(["done", "done"]);
    expect(runs).toBe(1);
    await singleFlight("s1", "write", async () => {
      runs += 1;
      return "again";
    });
    expect(runs).toBe(2);
  });

  it("keeps sessions and keys apart", async () => {
    let runs = 0;
    const d = deferred<void>();
    const run = () => {
      runs += 1;
      return d.promise;
    };
    const all = [singleFlight("a", "k", run), singleFlight("b", "k", run), singleFlight("a", "other", run)];
    d.resolve();
    await Promise.all(all);
    expect(runs).toBe(3);
  });

  it("passes a failure to every waiter and then allows a retry", async () => {
    const d = deferred<never>();
    const first = singleFlight("s2", "w", () => d.promise);
    const second = singleFlight("s2", "w", () => Promise.resolve("never used"));
    d.reject(new Error("boom"));
    await expect(first).rejects.toThrow("boom");
    await expect(second).rejects.toThrow("boom");
    await expect(singleFlight("s2", "w", async () => "retried")).resolves.toBe("retried");
  });
});
