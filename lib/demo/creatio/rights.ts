// RightsService/GetCanExecuteOperation: whether the signed-in user may run a system operation.
// Read-only; the wizard's diagnostics use it for CanManageSysSettings and CanManageSolution.
import { fault, isRecord, json, type Reply } from "./http";
import type { ResolvedUser } from "./tenant";

export function getCanExecuteOperation(user: ResolvedUser, body: unknown): Reply {
  const operation = isRecord(body) ? body.operation : undefined;
  if (typeof operation !== "string" || operation === "") {
    return fault(400, 'Parameter "operation" is required.', "System.ArgumentNullException");
  }
  const rights: Record<string, boolean> = {
    canmanagesyssettings: user.canManageSysSettings,
    canmanagesolution: user.canManageSolution,
  };
  // Operation codes are case-insensitive; an unknown one answers false.
  return json(200, { GetCanExecuteOperationResult: rights[operation.toLowerCase()] ?? false });
}
