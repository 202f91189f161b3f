import "server-only";
import {
  askOperationRight,
  type CreatioAnswer,
  type CreatioConnection,
  operationRightOf,
} from "@/lib/creatio";
import { checkFromError, type Layer, makeCheck, notRun } from "./check";
import { type Probed, probe } from "./probe";

// The rights layer: may the signed-in user run the two system operations the wizard needs? Asked with
// a read-only call of Creatio's RightsService, as Creatio's own pages and clio do.

/** The two system operations the wizard needs (Creatio's "Operation permissions"). */
export const RIGHTS = {
  "rights-sys-settings": {
    operation: "CanManageSysSettings",
    name: "Can manage system settings",
    needs: "steps 2 and 3 (the three system settings) cannot be saved",
    code: "rights:sys-settings",
  },
  "rights-solution": {
    operation: "CanManageSolution",
    name: "Can manage solution",
    needs: "step 4 (the default resource) cannot be created",
    code: "rights:solution",
  },
} as const;
export type RightsCheckId = keyof typeof RIGHTS;

/** What the rights layer needs from the layered check (see layers.ts). */
export interface SignedInContext {
  conn: CreatioConnection;
  signedIn: boolean;
  notSignedInReason: string;
  userName: string | null;
}

/** The RightsService call for one operation, on a recorder of its own (see probe.ts). */
export function probeRights(conn: CreatioConnection, id: RightsCheckId): Promise<Probed<CreatioAnswer>> {
  return probe(conn, (own) => askOperationRight(own, RIGHTS[id].operation));
}

/** `answer`: the call, when it was started ahead of this layer (default: made when the layer runs). */
export function rightsLayer(
  ctx: SignedInContext,
  id: RightsCheckId,
  answer: () => Promise<Probed<CreatioAnswer>> = () => probeRights(ctx.conn, id),
): Layer {
  const right = RIGHTS[id];
  const title = `Permission "${right.name}"`;
  return {
    id,
    title,
    run: async () => {
      if (!ctx.signedIn) return notRun(id, title, ctx.notSignedInReason);
      const facts = { operation: right.operation };
      const probed = await answer();
      const { ms, calls } = probed;
      if (!probed.ok) return checkFromError(id, title, probed.error, { ms, calls, facts });
      const { status } = probed.value;
      const result = operationRightOf(probed.value);
      if (result !== null) {
        return result
          ? makeCheck(id, title, {
              verdict: "pass",
              message: `${ctx.userName} may run the system operation ${right.operation}.`,
              ms,
              calls,
              facts,
            })
          : makeCheck(id, title, {
              verdict: "warn",
              message: `${ctx.userName} may not run the system operation ${right.operation}, so ${right.needs}.`,
              fix: `Ask an administrator to grant "${right.name}" (${right.operation}) to this user or one of its roles in Operation permissions, or connect as a system administrator.`,
              code: right.code,
              ms,
              calls,
              facts,
            });
      }
      return makeCheck(id, title, {
        verdict: "warn",
        message: `Creatio did not say whether ${ctx.userName} may run ${right.operation} (RightsService answered HTTP ${status}).`,
        fix: `The wizard finds out when the step that needs it runs. To check by hand, open System Designer > Operation permissions > ${right.operation}.`,
        ms,
        calls,
        facts,
      });
    },
  };
}
