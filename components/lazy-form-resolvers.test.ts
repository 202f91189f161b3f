import { afterEach, describe, expect, it, vi } from "vitest";

// The forms' resolvers load zod on demand. Loaded, they check as the schema says; when their code
// cannot load, the values go to the server action unchecked (it parses them with the same schema).

const OPTIONS = { fields: {}, shouldUseNativeValidation: false } as never;

afterEach(() => {
  vi.resetModules();
  vi.doUnmock("./form-resolvers");
});

describe("lazy form resolvers", () => {
  it("once loaded, report the schema's errors and pass its output", async () => {
    const { connectResolver } = await import("./lazy-form-resolvers");
    const bad = await connectResolver(
      { baseUrl: "not a url", userName: "", password: "" },
      undefined,
      OPTIONS,
    );
    expect(Object.keys(bad.errors).sort()).toEqual(["baseUrl", "password", "userName"]);
    const good = await connectResolver(
      { baseUrl: "https://creatio.example.com/0/", userName: "Supervisor", password: "x" },
      undefined,
      OPTIONS,
    );
    expect(good.errors).toEqual({});
    expect(good.values).toMatchObject({ userName: "Supervisor" });
  });

  it("when their code does not load, let the values through for the server to check", async () => {
    vi.doMock("./form-resolvers", () => {
      throw new Error("chunk failed to load");
    });
    const { connectResolver } = await import("./lazy-form-resolvers");
    const typed = { baseUrl: "not a url", userName: "", password: "" };
    expect(await connectResolver(typed, undefined, OPTIONS)).toEqual({ values: typed, errors: {} });
  });
});
