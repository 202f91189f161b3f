// AuthService.svc Login/Logout at the site root. Wrong credentials are HTTP 200 with Code 1; codes 2 and 3
// sign in with a note, 4 and 5 do not sign in.

import type http from "node:http";
import { isRecord, json, type Reply } from "./http";
import { closeSession, openSession } from "./session";
import type { Tenant } from "./tenant";

export const AUTH_FAILED_BODY = {
  Message: "Authentication failed.",
  StackTrace: null,
  ExceptionType: "System.Security.Authentication.AuthenticationException",
};

const LOGIN_MESSAGES: Record<2 | 3 | 4 | 5, string> = {
  2: "Your password expires soon. We recommend changing it.",
  3: "You have signed in without a license. You can manage licenses.",
  4: "No license is available for your user. Contact your system administrator.",
  5: "Your password has expired. Change the password to sign in.",
};

function loginAnswer(code: number, message: string, extra: Record<string, unknown> = {}) {
  return {
    Code: code,
    Message: message,
    Exception: null,
    PasswordChangeUrl: null,
    RedirectUrl: null,
    ...extra,
  };
}

function pagesBase(tenant: Tenant): string {
  return `${tenant.vdir}${tenant.prefix}`;
}

export function login(tenant: Tenant, body: unknown): Reply {
  const userName = isRecord(body) && typeof body.UserName === "string" ? body.UserName : "";
  const password = isRecord(body) && typeof body.UserPassword === "string" ? body.UserPassword : "";
  const user = userName === "" ? undefined : tenant.user(userName);
  if (!user || user.password !== password) {
    const message = "Invalid username or password specified.";
    return json(
      200,
      loginAnswer(1, message, {
        Exception: {
          HelpLink: null,
          InnerException: null,
          Message: message,
          StackTrace: null,
          Type: "Terrasoft.Core.InvalidCredentialsException",
        },
      }),
    );
  }
  const changeUrl =
    tenant.config.runtime === "netfx"
      ? `${tenant.vdir}/0/Login/NuiLogin.aspx?changePassword=true`
      : `${tenant.vdir}/Login/Login.html?changePassword=true`;
  switch (user.loginCode) {
    case 4:
      return json(200, loginAnswer(4, LOGIN_MESSAGES[4]));
    case 5:
      return json(200, loginAnswer(5, LOGIN_MESSAGES[5], { PasswordChangeUrl: changeUrl }));
    default: {
      const cookies = openSession(tenant, user.name);
      const answer =
        user.loginCode === 2
          ? loginAnswer(2, LOGIN_MESSAGES[2], { PasswordChangeUrl: changeUrl })
          : user.loginCode === 3
            ? loginAnswer(3, LOGIN_MESSAGES[3], {
                RedirectUrl: `${pagesBase(tenant)}/Shell/#Section/LicenseManager`,
              })
            : loginAnswer(0, "");
      // Real builds add fields such as UserType; clients must ignore them.
      return json(200, { ...answer, UserType: "General" }, { "set-cookie": cookies });
    }
  }
}

/** AuthService.svc/Logout: ends the session; the answer's shape is unconfirmed, so it is an empty 200. */
export function logout(tenant: Tenant, req: http.IncomingMessage): Reply {
  return { status: 200, headers: { "set-cookie": closeSession(tenant, req) }, body: "" };
}

/** rest/MainMenuService/Logout, what Creatio's own UI calls. */
export function mainMenuLogout(tenant: Tenant, req: http.IncomingMessage): Reply {
  return json(200, { RedirectLocation: "" }, { "set-cookie": closeSession(tenant, req) });
}
