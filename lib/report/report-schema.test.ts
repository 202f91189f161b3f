import { describe, expect, it } from "vitest";
import { buildReport, renderReport } from "@/lib/diagnostics/report";
import { diagnose } from "@/lib/diagnostics/rules";
import { baseline, check, withCheck, withHealth } from "@/lib/diagnostics/test-support";
import type { DiagnosticsRun } from "@/lib/diagnostics/types";
import { parseReport, REPORT_FORMAT_VERSION, REPORT_MAX_BYTES } from "./report-schema";

// One schema writes and reads the report: what the wizard writes, /report opens unchanged; anything else
// gets a plain message (not a report, damaged, too large, from a newer wizard), never a parse error.

function failingRun(): DiagnosticsRun {
  const input = withCheck(
    withHealth(baseline(), {
      hasProblem: true,
      httpStatus: 500,
      isAccessTokenRetrievableForSystemActions: false,
    }),
    "identity-from-creatio",
    check("token", "fail", { fix: "Save the pair again." }),
  );
  return {
    startedAt: "2026-12-04T16:58:44.000Z",
    ms: 321,
    creatio: input.creatio,
    identityUrl: input.identityUrl,
    groups: input.groups,
    state: input.state,
    diagnoses: diagnose(input),
    healthy: false,
  };
}

const STEPS = [
  { number: 1, title: "Enable OAuth 2.0 integration", state: "done" as const, summary: "On." },
  { number: 2, title: "Review system settings", state: "done" as const, summary: "Reviewed." },
  { number: 3, title: "Fill out the system settings", state: "failed" as const, summary: "No token." },
  { number: 4, title: "Create default resource", state: "done" as const, summary: "Exists." },
];

function written(): string {
  return renderReport(failingRun(), "json", { steps: STEPS, now: new Date("2026-12-04T17:00:00Z") }).body;
}

describe("the report file", () => {
  it("carries its format and version, and opens unchanged with the same schema", () => {
    const text = written();
    const raw = JSON.parse(text);
    expect(raw.format).toBe("creatio-identity-wizard/diagnostics-report");
    expect(raw.formatVersion).toBe(REPORT_FORMAT_VERSION);
    const read = parseReport("report.json", text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.report).toEqual(raw);
    expect(read.report.diagnoses.map((d) => d.id)).toEqual(["invalid-client"]);
    expect(read.report.steps?.map((s) => s.state)).toEqual(["done", "done", "failed", "done"]);
  });

  it("the wizard refuses to write a report its own reader would reject", () => {
    const run = failingRun();
    const broken = { ...run, groups: [{ ...run.groups[0], verdict: "great" }] } as unknown as DiagnosticsRun;
    expect(() => buildReport(broken)).toThrow();
  });

  it("Markdown opens with the three summary lines", () => {
    const md = renderReport(failingRun(), "markdown", { steps: STEPS }).body.split("\n");
    expect(md[0]).toBe("# Creatio and Identity Service: connection report");
    expect(md[2]).toBe(
      "Instance: `https://creatio.example.com` (Creatio `8.1.2.3842`, .NET Framework (services under /0))  ",
    );
    expect(md[3]).toBe(
      "Verdict: 1 check failed. Diagnosis: The Identity Service refuses the client id and secret (invalid_client).  ",
    );
    expect(md[4]).toMatch(/^First fix: Save the client id and secret again in step 3/);
    expect(md[5]).toBe("");
  });
});

describe("parseReport: every wrong file gets a plain message", () => {
  it("not JSON", () => {
    const read = parseReport("notes.txt", "hello {");
    expect(read).toMatchObject({ ok: false, problem: "not-json", title: "This file is not a wizard report" });
    if (!read.ok)
      expect(read.message).toBe("notes.txt is not a JSON file, so it cannot be a report from the wizard.");
  });

  it("the Markdown report instead of the JSON one", () => {
    const md = renderReport(failingRun(), "markdown").body;
    const read = parseReport("report.md", md);
    expect(read).toMatchObject({ ok: false, problem: "not-json" });
    if (!read.ok) expect(read.message).toContain("is the Markdown report");
  });

  it("JSON, but not a report", () => {
    expect(parseReport("package.json", '{"name":"x"}')).toMatchObject({ ok: false, problem: "not-a-report" });
    expect(parseReport("list.json", "[1,2]")).toMatchObject({ ok: false, problem: "not-a-report" });
    expect(parseReport("null.json", "null")).toMatchObject({ ok: false, problem: "not-a-report" });
  });

  it("empty", () => {
    expect(parseReport("empty.json", "  \n")).toMatchObject({ ok: false, problem: "empty" });
  });

  it("from a newer wizard: says so rather than 'damaged'", () => {
    const raw = JSON.parse(written());
    const newer = JSON.stringify({ ...raw, formatVersion: REPORT_FORMAT_VERSION + 1, somethingNew: [] });
    const read = parseReport("new.json", newer);
    expect(read).toMatchObject({
      ok: false,
      problem: "newer-version",
      title: "This report is from a newer wizard",
    });
  });

  it("a report that was edited or cut: damaged, with where", () => {
    const raw = JSON.parse(written());
    raw.groups[0].checks[0].verdict = "excellent";
    const read = parseReport("edited.json", JSON.stringify(raw));
    expect(read).toMatchObject({ ok: false, problem: "invalid" });
    if (!read.ok) expect(read.message).toContain("groups.0.checks.0.verdict");
    const cut = written().slice(0, 500);
    expect(parseReport("cut.json", cut)).toMatchObject({ ok: false, problem: "not-json" });
  });

  it("too large: refused before parsing", () => {
    const big = `{"format":"creatio-identity-wizard/diagnostics-report","pad":"${"x".repeat(REPORT_MAX_BYTES)}"}`;
    const read = parseReport("big.json", big);
    expect(read).toMatchObject({
      ok: false,
      problem: "too-large",
      title: "This file is too large to be a report",
    });
  });

  it("text from Creatio stays text: markup in a message is kept as characters", () => {
    const raw = JSON.parse(written());
    raw.diagnoses[0].message = '<img src=x onerror="alert(1)">';
    const read = parseReport("odd.json", JSON.stringify(raw));
    expect(read.ok && read.report.diagnoses[0]?.message).toBe('<img src=x onerror="alert(1)">');
  });
});
