import { describe, expect, it } from "vitest";
import type { WizardSession } from "@/lib/session/types";
import { proofNotRun } from "./proof";
import { LAST_PROOF_MS, lastProof, rememberProof } from "./proof-run";

// The status page and its report show the session's last proof: only for the same Creatio and sign-in,
// and only within the hour.

function session(): WizardSession {
  return {
    id: "s",
    createdAt: 0,
    lastSeenAt: 0,
    creatio: null,
    signIns: 1,
    lastLogin: null,
    settingsReviewed: false,
    draft: null,
    previous: null,
    secretSavedFor: null,
    demoTenants: [],
  };
}

const URL_A = "https://a.example.com";
const group = proofNotRun("test.", new Date("2026-12-04T17:00:00Z"));

describe("lastProof", () => {
  it("is the proof remembered for this Creatio and sign-in, within the hour", () => {
    const s = session();
    expect(lastProof(s, URL_A, 1_000)).toBeNull();
    rememberProof(s, URL_A, group, 1_000);
    expect(lastProof(s, URL_A, 1_000 + LAST_PROOF_MS)).toBe(group);
    expect(lastProof(s, URL_A, 1_001 + LAST_PROOF_MS)).toBeNull();
  });

  it("is none for another Creatio, after a new sign-in, or for another session", () => {
    const s = session();
    rememberProof(s, URL_A, group, 1_000);
    expect(lastProof(s, "https://b.example.com", 1_000)).toBeNull();
    expect(lastProof(session(), URL_A, 1_000)).toBeNull();
    s.signIns += 1;
    expect(lastProof(s, URL_A, 1_000)).toBeNull();
  });
});
