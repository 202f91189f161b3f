import "server-only";
import { type CreatioConnection, callCreatio, exchange, fail } from "./request";
import { loginAnswerSchema } from "./schemas";
import type { LoginWarning } from "./types";

export const LOGIN_PATH = "/ServiceModel/AuthService.svc/Login";
const LOGOUT_PATH = "/ServiceModel/AuthService.svc/Logout";

/** Code 3 signs in although the wizard cannot go on: close that session again (best effort). */
async function dropSession(conn: CreatioConnection): Promise<void> {
  try {
    await exchange(conn, { method: "POST", path: LOGOUT_PATH, body: {} });
  } catch {
    // The session times out on its own; the operator needs the licence message, not this one.
  }
  conn.jar.removeAllCookiesSync();
}

/**
 * Signs in: `POST B/ServiceModel/AuthService.svc/Login` at the site root on both runtimes.
 * Wrong credentials are HTTP 200 with `Code: 1`, so `Code` decides. The password is sent once and
 * not kept. Resolves when the jar holds a session; throws a WizardError otherwise.
 */
export async function login(
  conn: CreatioConnection,
  userName: string,
  password: string,
): Promise<{ warning: LoginWarning | null }> {
  const answer = await callCreatio(conn, {
    method: "POST",
    path: LOGIN_PATH,
    headers: { ForceUseSession: "true" },
    body: { UserName: userName, UserPassword: password },
    schema: loginAnswerSchema,
    kind: "login",
  });
  const serverMessage = answer.Message ?? undefined;
  switch (answer.Code) {
    case 0:
      return { warning: null };
    case 2:
      return {
        warning: {
          code: "password-change-recommended",
          message: "Signed in. Creatio recommends changing this user's password soon.",
          ...(serverMessage ? { creatioMessage: serverMessage } : {}),
        },
      };
    case 3: {
      const error = fail(conn, "auth:no-license", { serverMessage });
      await dropSession(conn);
      error.calls = conn.recorder.snapshot();
      throw error;
    }
    case 4:
      throw fail(conn, "auth:no-license", { serverMessage });
    case 5:
      throw fail(conn, "auth:password-expired", { serverMessage });
    default:
      throw fail(conn, "auth:rejected", { serverMessage });
  }
}
