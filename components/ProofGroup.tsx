import type { CheckGroup } from "@/lib/diagnostics/types";
import { CheckTree } from "./CheckTree";

// The end-to-end proof's hops as a check group, the same shape as the status page's other groups: on the
// status page (after "Run the end-to-end proof") and on /report (a report that holds a proof).

/** "2026-12-04 16:58:44 UTC": the same text on the server and in any browser. */
export function utcTime(iso: string): string {
  return `${iso.replace("T", " ").slice(0, 19)} UTC`;
}

export const PROOF_LIST_LABEL = "Hops of the end-to-end proof";

export function ProofGroup({ group, id }: { group: CheckGroup; id?: string }) {
  return (
    <CheckTree
      group={group}
      id={id}
      label={PROOF_LIST_LABEL}
      intro={
        <>
          {group.checkedAt ? <>Run on request at {utcTime(group.checkedAt)}. </> : "Run on request. "}
          Unlike the other checks it writes to Creatio: it creates a temporary app, gets that app&apos;s token
          from the Identity Service, sends one read with only that token, and deletes the app again.
        </>
      }
    />
  );
}
