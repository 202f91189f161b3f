import { describe, expect, it } from "vitest";
import { makeGroup } from "@/lib/diagnostics/check";
import { creatioViewGroup } from "@/lib/diagnostics/identity";
import { diagnose } from "@/lib/diagnostics/rules";
import { baseline, check, HEALTHY, withCheck, withHealth } from "@/lib/diagnostics/test-support";
import type { CheckGroup } from "@/lib/diagnostics/types";
import { assessOverall, groupSkipped, NO_MATCH, type StepLike } from "./overall";
import { ticketSummary, verdictLine } from "./summary";

// The status page's answer for every state of the setup: not started, partly done, done and healthy,
// done and unhealthy (with a field problem, or "no known problem matches" only when none does).

const TITLES = [
  "Enable OAuth 2.0 integration",
  "Review system settings",
  "Fill out the system settings",
  "Create default resource",
];

function steps(...states: StepLike["state"][]): StepLike[] {
  return states.map((state, i) => ({
    number: i + 1,
    title: TITLES[i] ?? "",
    state,
    summary: `Step ${i + 1} is ${state}.`,
  }));
}

/** The demo's fresh 8.1 with step 1 done: Creatio's health check fails because the settings are empty. */
function freshGroups(): CheckGroup[] {
  const input = baseline();
  const empty = {
    ...HEALTHY,
    httpStatus: 500,
    hasProblem: true,
    isSystemSettingsFilledIn: false,
    isIdentityServiceAvailable: false,
    isAccessTokenRetrievableForSystemActions: false,
    isDefaultResourceRegistered: false,
    message: "System settings OAuth20IdentityServerUrl, OAuth20IdentityServerClientId are empty.",
  };
  const reason = "Not run: no Identity Service address is known.";
  return input.groups.map((g) => {
    if (g.id === "identity-from-creatio") {
      return creatioViewGroup(empty, { version: "8.1.2.3842", runtime: "netfx" });
    }
    if (g.id === "identity-from-wizard") {
      return makeGroup(
        g.id,
        g.title,
        g.checks.map((c) => ({ ...c, verdict: "not-run" as const, message: reason })),
      );
    }
    if (g.id === "setup") {
      return makeGroup(g.id, g.title, [
        check("feature"),
        check("settings", "warn"),
        check("default-resource", "warn"),
      ]);
    }
    return g;
  });
}

describe("assessOverall", () => {
  it("not started: no step done, nothing to diagnose, the first step to do", () => {
    const overall = assessOverall({
      steps: steps("not-done", "not-done", "not-done", "not-done"),
      groups: freshGroups(),
      diagnoses: [],
    });
    expect(overall.kind).toBe("not-started");
    expect(overall.tone).toBe("warning");
    expect(overall.headline).toBe("Setup not started: none of the four steps is done yet.");
    expect(overall.noMatch).toBe(false);
    expect(overall.failedChecks).toEqual([]);
    expect(overall.firstFix).toBe("Do step 1, Enable OAuth 2.0 integration, in the wizard.");
  });

  it("partly done: names the steps left; the empty settings Creatio's health check reports are no failure", () => {
    const groups = freshGroups();
    // Creatio's health check does fail (its own row and the settings row)...
    expect(groups.find((g) => g.id === "identity-from-creatio")?.verdict).toBe("fail");
    const overall = assessOverall({
      steps: steps("done", "not-done", "not-done", "not-done"),
      groups,
      diagnoses: [],
    });
    // ...but while step 3 is not done that only says what step 3 will do.
    expect(overall.kind).toBe("unfinished");
    expect(overall.headline).toBe("Setup not finished: steps 2, 3 and 4 are not done yet.");
    expect(overall.unfinished.map((s) => s.number)).toEqual([2, 3, 4]);
    expect(overall.failedChecks).toEqual([]);
    expect(overall.noMatch).toBe(false);
    expect(overall.firstFix).toBe("Do step 2, Review system settings, in the wizard.");
  });

  it("one step left: singular words", () => {
    const overall = assessOverall({
      steps: steps("done", "done", "done", "not-done"),
      groups: baseline().groups,
      diagnoses: [],
    });
    expect(overall.headline).toBe("Setup not finished: step 4 is not done yet.");
  });

  it("a step that could not be read is said, not counted as done", () => {
    const overall = assessOverall({
      steps: steps("done", "done", "unknown", "done"),
      groups: baseline().groups,
      diagnoses: [],
    });
    expect(overall.kind).toBe("unfinished");
    expect(overall.headline).toBe("Setup not finished: whether step 3 is done is unknown.");
  });

  it("done and healthy: connected, no diagnosis, no 'no known problem'", () => {
    const input = baseline();
    const overall = assessOverall({
      steps: steps("done", "done", "done", "done"),
      groups: input.groups,
      diagnoses: diagnose(input),
    });
    expect(overall.kind).toBe("healthy");
    expect(overall.tone).toBe("success");
    expect(overall.headline).toBe("Connected: all four steps are done and no check failed.");
    expect(overall.noMatch).toBe(false);
    expect(overall.firstFix).toBeNull();
  });

  it("done and healthy with an informational note only (no health check on this version)", () => {
    const input = withHealth(baseline(), null);
    const absent = {
      ...input,
      state: {
        ...input.state,
        health: { available: false as const, reason: "absent" as const, httpStatus: 404 },
      },
    };
    const diagnoses = diagnose(absent);
    expect(diagnoses.map((d) => d.id)).toEqual(["health-check-absent"]);
    const overall = assessOverall({
      steps: steps("done", "done", "done", "done"),
      groups: absent.groups,
      diagnoses,
    });
    expect(overall.kind).toBe("healthy");
    expect(overall.notes.map((d) => d.id)).toEqual(["health-check-absent"]);
  });

  it("done and unhealthy with a field problem: counts the failed checks, names the fix", () => {
    const input = withCheck(
      withHealth(baseline(), {
        hasProblem: true,
        httpStatus: 500,
        isAccessTokenRetrievableForSystemActions: false,
      }),
      "identity-from-creatio",
      check("token", "fail"),
    );
    const diagnoses = diagnose(input);
    const overall = assessOverall({
      steps: steps("done", "done", "failed", "done"),
      groups: input.groups,
      diagnoses,
    });
    expect(overall.kind).toBe("unhealthy");
    expect(overall.headline).toBe("1 check failed. The diagnosis below says why and what to do.");
    expect(overall.problems.map((d) => d.id)).toEqual(["invalid-client"]);
    expect(overall.noMatch).toBe(false);
    expect(overall.firstFix).toBe(overall.problems[0]?.fix);
  });

  it("done and unhealthy, no rule matches: only then 'no known problem', with the failed check's fix", () => {
    const input = withCheck(
      baseline(),
      "creatio",
      check("http", "fail", { fix: "Open the site in a browser." }),
    );
    const overall = assessOverall({
      steps: steps("done", "done", "done", "done"),
      groups: input.groups,
      diagnoses: diagnose(input),
    });
    expect(overall.kind).toBe("unhealthy");
    expect(overall.headline).toBe("1 check failed.");
    expect(overall.noMatch).toBe(true);
    expect(overall.firstFix).toBe("Open the site in a browser.");
  });

  it("failures and unfinished steps are counted apart", () => {
    const input = withCheck(
      withCheck(baseline(), "identity-from-creatio", check("reachable", "fail")),
      "identity-from-creatio",
      check("health-check", "fail"),
    );
    const overall = assessOverall({
      steps: steps("done", "done", "failed", "not-done"),
      groups: input.groups,
      diagnoses: [],
    });
    expect(overall.kind).toBe("unhealthy");
    expect(overall.headline).toBe("2 checks failed; step 4 is not done yet.");
    expect(overall.unfinished.map((s) => s.number)).toEqual([4]);
  });

  it("without steps (the monitoring endpoint's report) tells only healthy from unhealthy", () => {
    expect(assessOverall({ groups: baseline().groups, diagnoses: [] }).headline).toBe(
      "Connected: no check failed.",
    );
    const failing = withCheck(baseline(), "setup", check("default-resource", "fail"));
    expect(assessOverall({ groups: failing.groups, diagnoses: [] }).kind).toBe("unhealthy");
  });
});

describe("ticketSummary", () => {
  it("three lines: instance, verdict with the problem's name, first fix", () => {
    const input = withCheck(
      withHealth(baseline(), {
        hasProblem: true,
        httpStatus: 500,
        isAccessTokenRetrievableForSystemActions: false,
      }),
      "identity-from-creatio",
      check("token", "fail"),
    );
    const overall = assessOverall({
      steps: steps("done", "done", "failed", "done"),
      groups: input.groups,
      diagnoses: diagnose(input),
    });
    const lines = ticketSummary(
      { url: "https://creatio.example.com", version: "8.1.2.3842", runtimeLabel: ".NET Framework" },
      overall,
    ).split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("Instance: `https://creatio.example.com` (Creatio `8.1.2.3842`, .NET Framework)");
    expect(lines[1]).toBe(
      "Verdict: 1 check failed. Diagnosis: The Identity Service refuses the client id and secret (invalid_client).",
    );
    expect(lines[2]).toMatch(/^First fix: Save the client id and secret again in step 3/);
    expect(lines[2]).not.toMatch(/\s{2}/);
  });

  it("healthy: nothing to fix; no match: says so", () => {
    const healthy = assessOverall({
      steps: steps("done", "done", "done", "done"),
      groups: baseline().groups,
      diagnoses: [],
    });
    expect(ticketSummary({ url: "u", version: null, runtimeLabel: null }, healthy)).toBe(
      "Instance: `u`\nVerdict: Connected: all four steps are done and no check failed.\nFirst fix: None needed.",
    );
    const failing = withCheck(baseline(), "creatio", check("http", "fail", { fix: "Fix it." }));
    const none = assessOverall({ groups: failing.groups, diagnoses: [] });
    expect(verdictLine(none)).toBe("1 check failed. No known field problem matches.");
    expect(NO_MATCH).toBe("No known field problem matches these results.");
  });
});

describe("groupSkipped", () => {
  it("folds neighbouring checks not run for the same reason into one row, and keeps the rest", () => {
    const same = "Not run: no Identity Service address is known.";
    const rows = groupSkipped([
      check("dns", "pass"),
      check("tcp", "not-run", { message: same }),
      check("tls", "not-run", { message: same }),
      check("discovery", "not-run", { message: same }),
      check("token", "not-run", { message: "Not run: no client id." }),
    ]);
    expect(
      rows.map((r) => (r.kind === "check" ? r.check.id : `[${r.checks.map((c) => c.id).join(",")}]`)),
    ).toEqual(["dns", "[tcp,tls,discovery]", "token"]);
    expect(rows[1]).toMatchObject({ kind: "skipped", reason: same });
  });

  it("never folds a check that ran, nor a single skipped check", () => {
    const rows = groupSkipped([
      check("dns", "fail", { message: "x" }),
      check("tcp", "not-run", { message: "x" }),
    ]);
    expect(rows.map((r) => r.kind)).toEqual(["check", "check"]);
  });
});
