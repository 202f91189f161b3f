import "server-only";
import { isWizardError } from "@/lib/creatio/errors";
import { type CreatioConnection, exchange } from "@/lib/creatio/request";
import { checkFromError, type Layer, makeCheck, notRun, since } from "./check";

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

/**
 * Read-only question "may the current user run this system operation?" of Creatio's RightsService
 * (a configuration service, answer wrapped by method name: `{"GetCanExecuteOperationResult": true}`).
 */
export const RIGHTS_PATH = "/rest/RightsService/GetCanExecuteOperation";

/** What the rights layer needs from the layered check (see layers.ts). */
export interface SignedInContext {
  conn: CreatioConnection;
  signedIn: boolean;
  notSignedInReason: string;
  userName: string | null;
}

export function rightsLayer(ctx: SignedInContext, id: RightsCheckId): Layer {
  const right = RIGHTS[id];
  const title = `Permission "${right.name}"`;
  return {
    id,
    title,
    run: async () => {
      if (!ctx.signedIn) return notRun(id, title, ctx.notSignedInReason);
      const from = ctx.conn.recorder.list.length;
      const started = performance.now();
      const facts = { operation: right.operation };
      try {
        const answer = await exchange(ctx.conn, {
          method: "POST",
          path: `${ctx.conn.prefix}${RIGHTS_PATH}`,
          body: { operation: right.operation },
        });
        const ms = since(started);
        const calls = ctx.conn.recorder.list.slice(from);
        const result = (answer.json as { GetCanExecuteOperationResult?: unknown } | undefined)
          ?.GetCanExecuteOperationResult;
        if (answer.status === 200 && typeof result === "boolean") {
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
          message: `Creatio did not say whether ${ctx.userName} may run ${right.operation} (RightsService answered HTTP ${answer.status}).`,
          fix: `The wizard finds out when the step that needs it runs. To check by hand, open System Designer > Operation permissions > ${right.operation}.`,
          ms,
          calls,
          facts,
        });
      } catch (e) {
        if (!isWizardError(e)) throw e;
        return checkFromError(id, title, e.toUserFacing(), {
          ms: since(started),
          calls: ctx.conn.recorder.list.slice(from),
          facts,
        });
      }
    },
  };
}
