import { describe, expect, it } from "vitest";
import { makeGroup } from "@/lib/diagnostics/check";
import { buildReport, renderReport } from "@/lib/diagnostics/report";
import { isHealthy, withProof } from "@/lib/diagnostics/run";
import { baseline, check } from "@/lib/diagnostics/test-support";
import type { Check, CheckGroup, DiagnosticsRun } from "@/lib/diagnostics/types";
import { parseReport, REPORT_FORMAT_VERSION } from "./report-schema";
import { reportOverall } from "./summary";

// The end-to-end proof in the report: an optional group "proof" that one schema writes and reads back;
// reports without it (older ones included) stay valid; its server text is escaped in the Markdown like
// every other check's; a failed proof counts; its failed bearer read's curl line holds a placeholder
// token. (That no token or app secret gets into the hops at all: lib/wizard/proof.test.ts.)

const NOW = new Date("2026-12-04T17:00:00Z");
const APP_CLIENT = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

function healthyRun(): DiagnosticsRun {
  const input = baseline();
  return {
    startedAt: "2026-12-04T16:58:44.000Z",
    ms: 321,
    creatio: input.creatio,
    identityUrl: input.identityUrl,
    groups: input.groups,
    state: input.state,
    diagnoses: [],
    healthy: isHealthy(input.groups),
  };
}

function withServerMessage(c: Check, serverMessage: string | undefined): Check {
  return serverMessage ? { ...c, details: { ...c.details, serverMessage } } : c;
}

function proof(accepted: "pass" | "fail", serverMessage?: string): CheckGroup {
  return {
    ...makeGroup("proof", "End-to-end proof", [
      check("proof-rights"),
      check("proof-user"),
      check("proof-create", "pass", {
        facts: { "App name": "IS wizard proof 2026-12-04T16:59:00Z", "Client id": APP_CLIENT },
      }),
      check("proof-token", "pass", {
        calls: [{ method: "POST", url: "https://is.example.com:8090/connect/token", status: 200, ms: 12 }],
      }),
      withServerMessage(
        check("proof-accepted", accepted, {
          message:
            accepted === "pass" ? "Creatio accepted the token as Supervisor." : "Creatio rejected the token.",
          fix:
            accepted === "fail"
              ? "Restart Creatio so that it reads the Identity Service's new keys."
              : undefined,
          code: accepted === "fail" ? "proof:token-rejected" : undefined,
          calls: [
            {
              method: "POST",
              url: "https://creatio.example.com/0/DataService/json/SyncReply/SelectQuery",
              status: accepted === "pass" ? 200 : 401,
              ms: 20,
            },
          ],
        }),
        serverMessage,
      ),
      check("proof-delete"),
    ]),
    checkedAt: "2026-12-04T16:59:00.000Z",
  };
}

describe("the report with and without the end-to-end proof", () => {
  it("without a proof: no proof group, and it opens unchanged (as before)", () => {
    const text = renderReport(healthyRun(), "json", { now: NOW }).body;
    const read = parseReport("report.json", text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.report).toEqual(JSON.parse(text));
    expect(read.report.groups.map((g) => g.id)).not.toContain("proof");
    expect(read.report.healthy).toBe(true);
  });

  it("a report of format 1 (written before the proof existed) still opens", () => {
    const raw = JSON.parse(renderReport(healthyRun(), "json", { now: NOW }).body);
    const read = parseReport("old.json", JSON.stringify({ ...raw, formatVersion: 1 }));
    expect(read.ok).toBe(true);
    expect(parseReport("zero.json", JSON.stringify({ ...raw, formatVersion: 0 }))).toMatchObject({
      ok: false,
      problem: "invalid",
    });
  });

  it("with a proof: its hops as group 'proof' with their time, read back unchanged", () => {
    const run = withProof(healthyRun(), proof("pass"));
    const text = renderReport(run, "json", { now: NOW }).body;
    const raw = JSON.parse(text);
    expect(raw.formatVersion).toBe(REPORT_FORMAT_VERSION);
    const read = parseReport("report.json", text);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.report).toEqual(raw);
    const group = read.report.groups.find((g) => g.id === "proof");
    expect(group?.checkedAt).toBe("2026-12-04T16:59:00.000Z");
    expect(group?.checks.map((c) => c.id)).toEqual([
      "proof-rights",
      "proof-user",
      "proof-create",
      "proof-token",
      "proof-accepted",
      "proof-delete",
    ]);
    expect(read.report.healthy).toBe(true);
  });

  it("a proof replaces an earlier one: one proof group only", () => {
    const run = withProof(withProof(healthyRun(), proof("fail")), proof("pass"));
    expect(run.groups.filter((g) => g.id === "proof")).toHaveLength(1);
    expect(run.healthy).toBe(true);
  });

  it("a failed proof makes the report unhealthy, and the overall counts it", () => {
    const run = withProof(healthyRun(), proof("fail"));
    expect(run.healthy).toBe(false);
    const report = buildReport(run, { now: NOW });
    expect(report.healthy).toBe(false);
    const overall = reportOverall(report);
    expect(overall.kind).toBe("unhealthy");
    expect(overall.failedChecks.map((c) => c.id)).toEqual(["proof-accepted"]);
    expect(overall.firstFix).toContain("Restart Creatio");
  });

  it("the failed bearer read's curl sends a placeholder token and no cookie", () => {
    const report = buildReport(withProof(healthyRun(), proof("fail")), { now: NOW });
    const failed = report.failedRequests.filter((r) => r.group === "proof");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.curl).toContain("Authorization: Bearer <ACCESS_TOKEN>");
    expect(failed[0]?.curl).not.toContain("Cookie:");
    expect(failed[0]?.curl).not.toContain("BPMCSRF");
  });

  it("Markdown: the proof's section says it wrote to Creatio; its server text is escaped", () => {
    const hostile = "[click](https://evil.example/x) <img src=x> # heading `code`";
    const md = renderReport(withProof(healthyRun(), proof("fail", hostile)), "markdown", { now: NOW }).body;
    expect(md).toContain("### End-to-end proof: Failed");
    expect(md).toContain("unlike the other checks it writes to Creatio");
    expect(md).toContain("`2026-12-04T16:59:00.000Z`");
    expect(md).not.toContain("[click](https://");
    expect(md).not.toContain("<img");
    expect(md).toContain("\\[click\\]");
    expect(md).toContain("&lt;img src=x&gt;");
  });
});
