// Plain-language message and fix for every error code. No `server-only`: lib/identity/appsettings.ts
// runs in the browser too. Messages never contain a secret: details carry only hosts, URLs and
// Creatio's own words.
import { type ErrorCode, WizardError, type WizardErrorOptions } from "./wizard-error";

export interface ErrorDetails {
  /** The system that was called. */
  system?: "creatio" | "identity";
  /** The URL that was called (no secrets in it). */
  url?: string;
  /** Where a redirect pointed. */
  location?: string;
  /** Creatio's or the Identity Service's own words. */
  serverMessage?: string;
  limitBytes?: number;
  timeoutMs?: number;
  /** System setting codes concerned. */
  codes?: string[];
  /** A form field's label (input:invalid-field). */
  field?: string;
  /** One sentence saying what is wrong with the input (input:*, appsettings:invalid). */
  problem?: string;
  /** For identity:unreachable: the underlying network message; for network:redirect: "loop". */
  reason?: string;
  /** HTTP status when relevant. */
  status?: number;
  /**
   * auth:session-expired: "action" when an action found the session ended before it sent anything;
   * input:invalid-field: "form" when a form's fields are marked one by one.
   */
  when?: "action" | "form";
  /** demo:unavailable: what is missing or failed. */
  demo?: DemoProblem;
  /** demo:unavailable with demo "scenario-refused": the demo's own words. */
  demoMessage?: string;
}

/** Why the embedded demo could not do what was asked. */
export type DemoProblem =
  | "off"
  | "create-failed"
  | "scenario-refused"
  | "reset-no-answer"
  | "reset-refused"
  | "tenant-gone"
  | "no-tenant"
  | "no-ca"
  | "ca-unreadable";

const DEMO_RESTART_FIX =
  "Restart the wizard with `npm start` so that the demo servers start again, or enter the address of a real Creatio.";

const DEMO_PROBLEMS: Record<DemoProblem, (d: ErrorDetails) => Described> = {
  off: () => ({
    message: "The demo is not running in this wizard.",
    fix: "Enter the address of your Creatio, or start the wizard with npm start to get the embedded demo.",
  }),
  "create-failed": () => ({
    message: "The demo Creatio did not create a demo instance.",
    fix: DEMO_RESTART_FIX,
  }),
  "scenario-refused": (d) => ({
    message: d.demoMessage
      ? `The demo Creatio cannot play this scenario: ${d.demoMessage}`
      : "The demo Creatio did not create a demo instance.",
    fix: "Choose another demo scenario.",
  }),
  "reset-no-answer": () => ({
    message: "The demo Creatio did not answer, so the demo was not reset.",
    fix: DEMO_RESTART_FIX,
  }),
  "reset-refused": () => ({ message: "The demo Creatio refused to reset the demo.", fix: DEMO_RESTART_FIX }),
  "tenant-gone": () => ({
    message:
      "This browser's demo Creatio no longer exists: the demo servers were restarted, or it was removed after a long time unused.",
    fix: 'Press "Use demo Creatio" on the connect page to get a fresh one.',
  }),
  "no-tenant": () => ({
    message: "This browser has no demo Creatio to reset.",
    fix: 'Choose a demo scenario on the connect page and press "Use demo Creatio".',
  }),
  "no-ca": () => ({
    message: "This demo scenario has no certificate authority of its own to trust.",
    fix: "Trust only a certificate you have checked: compare its fingerprint with the one on the server.",
  }),
  "ca-unreadable": () => ({
    message: "The demo's CA certificate cannot be read.",
    fix: 'Reset the demo, or press "Use demo Creatio" for a fresh demo instance.',
  }),
};

export interface Described {
  message: string;
  fix: string;
}

function hostOf(url: string | undefined): string {
  if (!url) return "the server";
  try {
    return new URL(url).host;
  } catch {
    return "the server";
  }
}

function systemName(d: ErrorDetails): string {
  return d.system === "identity" ? "the Identity Service" : "Creatio";
}

function quote(text: string | undefined): string {
  return text ? ` Creatio said: "${text}"` : "";
}

const DESCRIBE: Record<ErrorCode, (d: ErrorDetails) => Described> = {
  "input:invalid-url": (d) => ({
    message: d.problem ?? "This is not a valid web address.",
    fix: "Type the address as it opens in a browser, starting with https:// or http://.",
  }),
  "input:invalid-field": (d) =>
    d.when === "form"
      ? {
          message: "Some fields need a correction before anything is sent.",
          fix: "Correct the fields marked below, then try again.",
        }
      : {
          message: d.problem ?? `The field ${d.field ?? ""} is not valid.`.replace("  ", " "),
          fix: `Correct ${d.field ? `"${d.field}"` : "the field"} and try again.`,
        },
  "network:dns": (d) => ({
    message: `The host name ${hostOf(d.url)} could not be found (DNS).`,
    fix:
      "Check the spelling of the address. If it opens in your browser, the wizard's server uses a different " +
      "network or DNS: use an address that this server can resolve, such as its IP address or full host name.",
  }),
  "network:refused": (d) => ({
    message: `${hostOf(d.url)} refused the connection: nothing listens on that port.`,
    fix: `Check the port in the address and that the ${systemName(d)} site is started (IIS or Docker).`,
  }),
  "network:unreachable": (d) => ({
    message: `${hostOf(d.url)} cannot be reached from the wizard's server (no network route).`,
    fix: "Check the address, the VPN and the firewall between the wizard's server and that host.",
  }),
  "network:timeout": (d) => ({
    message: `${hostOf(d.url)} did not answer within ${Math.round((d.timeoutMs ?? 15_000) / 1000)} seconds.`,
    fix: `Check that ${systemName(d)} is running and not overloaded, and that no firewall silently drops the connection. Then try again.`,
  }),
  "network:reset": (d) => ({
    message: `The connection to ${hostOf(d.url)} was closed before the answer was complete.`,
    fix: "Try again. If it keeps happening, check proxies and firewalls between the wizard's server and that host.",
  }),
  "network:failed": (d) => ({
    message: `The connection to ${hostOf(d.url)} failed.`,
    fix: "Check the address and the network between the wizard's server and that host, then try again.",
  }),
  "network:too-large": (d) => ({
    message: `${hostOf(d.url)} sent an answer larger than ${Math.round((d.limitBytes ?? 0) / 1024)} KB, which is not what ${systemName(d)} sends.`,
    fix: `Check that the address points to ${systemName(d)} and not to another site.`,
  }),
  "network:redirect": (d) => ({
    message: d.location
      ? `${hostOf(d.url)} redirected the wizard to ${d.location}; the wizard does not follow it and sends nothing there.`
      : d.reason === "loop"
        ? `${hostOf(d.url)} redirected the wizard in a loop.`
        : `${hostOf(d.url)} answered with a redirect that names no address.`,
    fix: d.location
      ? "If that is the right site, type that address instead (for example https:// instead of http://)."
      : "Check the address and the web server's redirect rules.",
  }),
  "network:target-refused": (d) => ({
    message: `The wizard does not connect to ${hostOf(d.url)}: ${d.problem ?? "the address is refused"}. Nothing was sent to it.`,
    fix:
      d.reason === "allow-list"
        ? "Use an address listed in WIZARD_ALLOWED_TARGETS, or ask the person who started the wizard to add this one (a comma list of address ranges, host names and *.domain patterns) and start it again."
        : "This is never the address of a Creatio or an Identity Service, and WIZARD_ALLOWED_TARGETS cannot allow it. Type the server's own host name or IP address.",
  }),
  "tls:untrusted": (d) => ({
    message: `The HTTPS certificate of ${hostOf(d.url)} is not issued by an authority the wizard trusts.`,
    fix: "Upload the certificate of your company's certificate authority (PEM) for this connection, or trust this one certificate after checking its fingerprint.",
  }),
  "tls:self-signed": (d) => ({
    message: `${hostOf(d.url)} uses a self-signed HTTPS certificate.`,
    fix: "Compare the certificate's SHA-256 fingerprint with the one on the server, then trust it for this connection only; or install a certificate from a trusted authority.",
  }),
  "tls:expired": (d) => ({
    message: `The HTTPS certificate of ${hostOf(d.url)} has expired or is not valid yet.`,
    fix: "Renew the certificate on the server (IIS bindings or the Identity Service's certificate settings), or check the server's clock.",
  }),
  "tls:hostname": (d) => ({
    message: `The HTTPS certificate of ${hostOf(d.url)} was issued for a different host name.`,
    fix: "Use the host name the certificate was issued for, or install a certificate that includes this name.",
  }),
  "tls:pin-mismatch": (d) => ({
    message: `${hostOf(d.url)} presented a different certificate from the one you trusted.`,
    fix: "If the certificate was renewed, check the new fingerprint and trust it again; otherwise stop: someone may be intercepting the connection.",
  }),
  "tls:protocol": (d) => ({
    message: `${hostOf(d.url)} did not answer in HTTPS on this port.`,
    fix: "Check http:// versus https:// and the port in the address.",
  }),
  "creatio:not-creatio": (d) => ({
    message: `${hostOf(d.url)} answers, but not like Creatio: its sign-in service was not found.`,
    fix: "Type the address of the Creatio site as it opens in the browser, without /0 or page names (for example https://creatio.example.com or https://server/creatio).",
  }),
  "creatio:unexpected": (d) => ({
    message: `Creatio gave an answer the wizard did not expect${d.status ? ` (HTTP ${d.status})` : ""}.${quote(d.serverMessage)}`,
    fix: "Try again. If it keeps happening, check Creatio's logs and send the wizard's report to support.",
  }),
  "creatio:server-error": (d) => ({
    message: `Creatio answered with a server error${d.status ? ` (HTTP ${d.status})` : ""}.${quote(d.serverMessage)}`,
    fix: "Check Creatio's application log for the error, fix it and try again.",
  }),
  "auth:rejected": (d) => ({
    message: `Creatio rejected the sign-in.${quote(d.serverMessage)}`,
    fix: "Check the user name and password (they are case-sensitive). If the user is locked, unlock it in Creatio or ask an administrator.",
  }),
  "auth:password-expired": (d) => ({
    message: `The password of this Creatio user has expired.${quote(d.serverMessage)}`,
    fix: "Sign in to Creatio in the browser, set a new password, then connect again with it.",
  }),
  "auth:no-license": (d) => ({
    message: `This Creatio user has no licence.${quote(d.serverMessage)}`,
    fix: "Grant the user a licence in Creatio's License manager, or connect as a licensed administrator.",
  }),
  "auth:forbidden": (d) => ({
    message: `Creatio refused the sign-in request (HTTP ${d.status ?? 403}).`,
    fix: "Check that this user may sign in from the wizard's server (IP restrictions, single sign-on only) or use another administrator.",
  }),
  "auth:session-expired": (d) =>
    d.when === "action"
      ? {
          message: "Your Creatio session has ended, so nothing was sent.",
          fix: "Sign in again: you come back to this step, and the values you typed are kept.",
        }
      : {
          message: "Your Creatio session has ended.",
          fix: "Sign in again; the wizard returns to the same step and nothing is lost.",
        },
  "auth:csrf": () => ({
    message: "Creatio rejected the request's security token (CSRF).",
    fix: "Sign in again. If it keeps happening, a proxy may drop Creatio's BPMCSRF or CRT_CSRF cookie or header.",
  }),
  "rights:sys-settings": (d) => ({
    message: `This user may not change system settings${d.codes?.length ? ` (${d.codes.join(", ")} not saved)` : ""}.`,
    fix: 'Give the user the "Can manage system settings" (CanManageSysSettings) operation permission, or connect as a system administrator.',
  }),
  "rights:solution": (d) => ({
    message: `This user may not create the default resource.${quote(d.serverMessage)}`,
    fix: 'Give the user the "Can manage solution" (CanManageSolution) operation permission, or connect as a system administrator.',
  }),
  "feature:not-verified": () => ({
    message:
      "The state row for All employees was saved, but Creatio still reports the OAuth20Integration feature as off for your user.",
    fix: "Creatio may still hold the old state in its feature cache: wait a minute, then check again. If it stays off, restart the Creatio site (this clears all caches).",
  }),
  "resource:identity-unreachable": (d) => ({
    message: `Creatio could not reach the Identity Service to register the default resource.${quote(d.serverMessage)}`,
    fix: "Check OAuth20IdentityServerUrl as Creatio's server sees it: open it from the Creatio server, not only from your browser (DNS, firewall, no localhost).",
  }),
  "resource:bad-credentials": (d) => ({
    message: `The Identity Service refused Creatio's client id or secret.${quote(d.serverMessage)}`,
    fix: "Check OAuth20IdentityServerClientId and OAuth20IdentityServerClientSecret against the Clients value of the Identity Service's appsettings.json, save them again, then retry.",
  }),
  "resource:oauth-disabled": (d) => ({
    message: `OAuth 2.0 is switched off in Creatio's application configuration.${quote(d.serverMessage)}`,
    fix: 'Ask the server administrator to set Feature-EnableOAuth20Integration to "true" in the appSettings of Creatio\'s config file (Web.config or Terrasoft.WebHost.dll.config), then restart the site.',
  }),
  "resource:multiple-defaults": () => ({
    message:
      "Creatio has more than one default resource, which breaks saving OAuth 2.0 integrated applications.",
    fix: "Creatio does not allow deleting resources: contact Creatio support to remove the extra default resource.",
  }),
  "resource:failed": (d) => ({
    message: `Creatio could not create the default resource.${quote(d.serverMessage)}`,
    fix: "Check the three system settings and Creatio's log, then try again.",
  }),
  "identity:unreachable": (d) => ({
    message: `The Identity Service at ${hostOf(d.url)} cannot be reached from the wizard's server${d.reason ? `: ${d.reason}` : "."}`,
    fix: 'Check the Identity Service URL and that its site is started (IIS shows HTTP 500.30 when it cannot start: check its certificate and "Load User Profile").',
  }),
  "identity:not-identity-service": (d) => ({
    message: `${hostOf(d.url)} answers, but not like the Identity Service.`,
    fix: "Type the Identity Service's own address (often port 8090), not the Creatio address.",
  }),
  "identity:invalid-client": () => ({
    message: "The Identity Service refused the client id and secret (invalid_client).",
    fix: "Check both against appsettings.json. The service copied its Clients into its database at first start and ignores later edits: delete the rows in Clients, ClientScopes, ClientSecrets and ClientClaims in its database and restart the site.",
  }),
  "identity:unexpected": (d) => ({
    message: `The Identity Service gave an answer the wizard did not expect${d.status ? ` (HTTP ${d.status})` : ""}${d.serverMessage ? `: ${d.serverMessage}` : "."}`,
    fix: "Check the Identity Service's log. Its client needs the client_credentials grant type.",
  }),
  "demo:unavailable": (d) => DEMO_PROBLEMS[d.demo ?? "off"](d),
  "wizard:internal": () => ({
    message: "The wizard stopped because of an internal error.",
    fix: "Try again. If it happens again, download the report from the Connection status page and send it, with the wizard's server log, to support.",
  }),
  "proof:no-user": (d) => ({
    message: `Creatio did not name your user as one an app can be bound to.${quote(d.serverMessage)}`,
    fix: "Sign in to the wizard with a Creatio user account (not a role or a portal user), then run the proof again.",
  }),
  "proof:invalid-user": (d) => ({
    message: `Creatio refused your user as the app's system user.${quote(d.serverMessage)}`,
    fix: "Bind integrations to an active Creatio user (type User). Sign in to the wizard as such a user and run the proof again.",
  }),
  "proof:no-default-resource": (d) => ({
    message: `Creatio has no usable default resource, so it cannot create an app.${quote(d.serverMessage)}`,
    fix: "Go to step 4 and create the default resource (exactly one must exist), then run the proof again.",
  }),
  "proof:identity-refused": (d) => ({
    message: `The Identity Service refused Creatio's system client while creating or deleting the app.${quote(d.serverMessage)}`,
    fix: "Check OAuth20IdentityServerClientId and OAuth20IdentityServerClientSecret (step 3) and the status page's health check, then try again.",
  }),
  "proof:no-scope": (d) => ({
    message: `Creatio created the app, but could not give it access to the default resource.${quote(d.serverMessage)}`,
    fix: "The Identity Service's client for the default resource is broken: check its log and that the default resource is registered there (step 4), then run the proof again.",
  }),
  "proof:malformed-request": (d) => ({
    message: `Creatio did not accept the request to create the app (HTTP ${d.status ?? "error"}, not JSON).`,
    fix: 'This Creatio version may expect other fields for AddClient. Create an app on Creatio\'s "OAuth 2.0 integrated applications" page instead and report the version.',
  }),
  "proof:create-failed": (d) => ({
    message: `Creatio could not create the app.${quote(d.serverMessage)}`,
    fix: "Check Creatio's log and the status page, then run the proof again.",
  }),
  "proof:token-invalid-client": () => ({
    message:
      "The Identity Service does not know the new app's client id and secret (invalid_client), even after a retry.",
    fix: "Creatio says it created the client, but the Identity Service lost it or uses another database. Check that Creatio and the wizard talk to the same Identity Service (OAuth20IdentityServerUrl) and look at its log.",
  }),
  "proof:token-invalid-scope": () => ({
    message: "The Identity Service gave the new app no access to the default resource (invalid_scope).",
    fix: "The app was created without its resource link. Check the Identity Service's log and that the default resource is registered there (step 4).",
  }),
  "proof:token-unauthorized-client": () => ({
    message:
      "The Identity Service does not allow the new app to use client credentials (unauthorized_client).",
    fix: 'The app got another grant type. On Creatio 8.1 and 8.2 AddClient ignores the grant type: create server-to-server apps on Creatio\'s "OAuth 2.0 integrated applications" page and check their grant type.',
  }),
  "proof:token-failed": (d) => ({
    message: `The Identity Service did not issue a token for the new app${d.status ? ` (HTTP ${d.status})` : ""}${d.serverMessage ? `: ${d.serverMessage}` : "."}`,
    fix: "Check the Identity Service's log and that OAuth20IdentityServerUrl points at the Identity Service, not at Creatio.",
  }),
  "proof:token-rejected": (d) => ({
    message: `Creatio rejected the Identity Service's token${d.status !== undefined ? ` (HTTP ${d.status}${d.reason ? `, ${d.reason}` : ""})` : ""}.`,
    fix:
      "Check, in this order: (1) the Creatio server can fetch the Identity Service's keys (OAuth20IdentityServerUrl opens from the Creatio server; an http:// address needs the HTTPS-metadata switch off); " +
      "(2) restart Creatio if the Identity Service's certificate (PFX) was regenerated, so it loads the new keys; " +
      "(3) the token's audience is Creatio's current default resource (a shared Identity Service database or a re-created resource breaks this); " +
      "(4) the clocks of both servers agree; (5) the bound user is active and licensed; " +
      "(6) no proxy or load balancer in front of Creatio drops the Authorization header.",
  }),
  "proof:user-lacks-rights": (d) => ({
    message: `Creatio accepted the token, but the bound user may not read data.${quote(d.serverMessage)}`,
    fix: "Authentication works. Give the integration's user a licence and read rights on the objects it needs (or bind integrations to another user).",
  }),
  "proof:delete-failed": (d) => ({
    message: `The temporary app could not be deleted and is still in Creatio.${quote(d.serverMessage)}`,
    fix: 'Retry the clean-up. If it keeps failing, delete it by hand in Creatio: System Designer > "OAuth 2.0 integrated applications", open the app named "IS wizard proof ..." and delete it.',
  }),
  "appsettings:invalid": (d) => ({
    message: d.problem ?? "This is not a valid appsettings.json.",
    fix: "Paste the whole content of the Identity Service's appsettings.json file, or type the client id and secret yourself.",
  }),
};

export function describeError(code: ErrorCode, details: ErrorDetails = {}): Described {
  return DESCRIBE[code](details);
}

const MAX_SERVER_MESSAGE = 400;

/** A server's own words, made safe to show: one line, bounded length. */
export function cleanServerMessage(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const line = text.replace(/\s+/g, " ").trim();
  if (line === "") return undefined;
  return line.length > MAX_SERVER_MESSAGE ? `${line.slice(0, MAX_SERVER_MESSAGE)}…` : line;
}

/** A WizardError with the standard message and fix for `code`. */
export function wizardError(
  code: ErrorCode,
  details: ErrorDetails = {},
  opts: Omit<WizardErrorOptions, "creatioMessage"> = {},
): WizardError {
  details = { ...details, serverMessage: cleanServerMessage(details.serverMessage) };
  const { message, fix } = describeError(code, details);
  return new WizardError(code, message, fix, {
    ...opts,
    ...(details.serverMessage ? { creatioMessage: details.serverMessage } : {}),
  });
}
