// An unexpected error is logged by its kind and stack frames only: its message can quote a server's
// answer or what the operator typed (a password, a client secret), and logs must never hold those.
import { afterEach, describe, expect, it, vi } from "vitest";
import { toActionError } from "@/lib/wizard/result";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("toActionError on an unexpected error", () => {
  it("logs the error's kind and where it happened, never its message, and returns a plain message", () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
    const secret = "ClientSecret-9f8e7d6c5b4a";
    // An error whose message quotes what it was parsing, as JSON.parse and many libraries do.
    const thrown = new SyntaxError(`Unexpected token 'C', "${secret}" is not valid JSON`);

    const error = toActionError(thrown);
    expect(error.code).toBe("wizard:internal");
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain("SyntaxError");
    expect(logged[0]).toMatch(/\n\s+at /);
    expect(logged[0]).not.toContain(secret);
  });

  it("logs a thrown non-Error by its type only", () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(" "));
    });
    toActionError("password=hunter2-for-creatio");
    expect(logged.join("\n")).not.toContain("hunter2");
    expect(logged[0]).toContain("string");
  });
});
