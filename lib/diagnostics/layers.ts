import "server-only";
import { normalizeCreatioUrl } from "@/lib/contract/url";
import {
  answersAnonymously,
  type CreatioConnection,
  csrfHeaderName,
  detectRuntime,
  getSiteRoot,
  login,
  newConnection,
  prefixOf,
  readVersion,
  restoreConnection,
  selectWithSession,
  sessionCookieValues,
  signOut,
} from "@/lib/creatio";
import type { CallRecord, CreatioRuntime, CreatioSessionState, TlsTrust } from "@/lib/creatio/types";
import { isWizardError, type UserFacingError, wizardError } from "@/lib/errors";
import { normalizeTrust } from "@/lib/transport";
import { checkFromError, type Layer, makeCheck, makeGroup, notRun, runLayers, since } from "./check";
import { dnsLayer, type Endpoint, endpointOf, probeTimeoutMs, tcpLayer, tlsLayer } from "./network";
import { fork, InFlight, type Probed, probe } from "./probe";
import { probeRights, type RightsCheckId, rightsLayer } from "./rights";
import type { Check, CheckGroup, FactValue } from "./types";

// The layered check of one Creatio, from the wizard's host: DNS, TCP, TLS, HTTP answer, "is this
// Creatio", runtime, login, CSRF, rights. A failed layer turns every layer below into "not run".
// Everything here only reads: the one session it opens (with a password) it closes again.
// Layers are judged top-down, but a layer's calls start as soon as they need nothing from the layers
// above (see probe.ts): the anonymous ones at once; the signed-in ones at once with the wizard's session,
// else once signed in and the runtime is known.

export const CREATIO_GROUP_TITLE = "Creatio, seen from the wizard's server";

export const RUNTIME_LABELS: Record<CreatioRuntime, string> = {
  netfx: ".NET Framework (services under /0)",
  net: ".NET (services at the site root)",
};

export interface CreatioCheckInput {
  /** The Creatio address as typed; normalised (trailing `/` and `/0` removed). */
  url: string;
  /** Sign in with these (the session is closed again at the end). */
  credentials?: { userName: string; password: string };
  /** Or use the wizard's existing session instead of signing in. */
  session?: CreatioSessionState;
  /**
   * Why the sign-in layer does not run when no credentials are given (default: none were given). The connect
   * page says that it does not repeat a sign-in that just failed, so that Creatio does not lock the user.
   */
  signInSkipped?: string;
  trust?: TlsTrust;
  /** Per-call timeout (default: probeTimeoutMs(), the wizard's call timeout). */
  timeoutMs?: number;
  /**
   * Called once when the session's own calls can start: at once with `session`; with `credentials`, once
   * signed in and the runtime is known. Lets a caller start its reads beside the layers; whether their
   * answers count is for `connection` in the outcome to say.
   */
  onConnection?: (conn: CreatioConnection) => void;
}

export interface CreatioCheckOutcome {
  group: CheckGroup;
  baseUrl: string;
  runtime: CreatioRuntime | null;
  version: string | null;
  userName: string | null;
  /**
   * The signed-in connection, for further reads (settings, health check), when login and CSRF passed.
   * Holds the session cookies: server-side only.
   */
  connection: CreatioConnection | null;
  /** Values that must never appear in output: the password and every cookie value the session held. */
  secrets(): string[];
  /** Ends the session this check opened (never the wizard's own session). */
  close(): Promise<void>;
}

interface AnonymousEvidence {
  netfx: boolean;
  net: boolean;
}

interface Context {
  input: CreatioCheckInput;
  ep: Endpoint;
  conn: CreatioConnection;
  timeoutMs: number;
  evidence: AnonymousEvidence;
  signedIn: boolean;
  /** This check opened a session with the password (closed again by `close()`). */
  openedSession: boolean;
  /** Why the session-only layers do not run, when not signed in. */
  notSignedInReason: string;
  runtime: CreatioRuntime | null;
  version: string | null;
  userName: string | null;
}

function callsSince(ctx: Context, from: number) {
  return ctx.conn.recorder.list.slice(from);
}

function asUserFacing(e: unknown): UserFacingError {
  if (isWizardError(e)) return e.toUserFacing();
  throw e;
}

// HTTP answer ---------------------------------------------------------------------------------------

function httpLayer(ctx: Context): Layer {
  const title = "HTTP answer";
  return {
    id: "http",
    title,
    run: async () => {
      // A recorder of its own: this layer may run beside the others.
      const { recorder } = fork(ctx.conn);
      const started = performance.now();
      try {
        const answer = await getSiteRoot({ ...ctx.conn, recorder, timeoutMs: ctx.timeoutMs });
        const ms = since(started);
        const calls = recorder.snapshot();
        const { location } = answer;
        const target =
          location && URL.canParse(location, `${ctx.conn.baseUrl}/`)
            ? new URL(location, `${ctx.conn.baseUrl}/`)
            : null;
        const facts: Record<string, FactValue> = {
          status: answer.status,
          server: answer.server,
        };
        if (location) facts.location = location;
        if (answer.status >= 500) {
          return makeCheck("http", title, {
            verdict: "warn",
            message: `The site answers with a server error (HTTP ${answer.status}).`,
            fix: "Check that the Creatio site and its application pool are started in IIS, and read Creatio's application log.",
            code: "creatio:server-error",
            ms,
            calls,
            facts,
          });
        }
        if (target && target.origin !== ctx.ep.url.origin) {
          return makeCheck("http", title, {
            verdict: "warn",
            message: `The site redirects to another address: ${target.origin}.`,
            fix: `If ${target.origin} is the Creatio site, type that address instead (for example https:// instead of http://).`,
            code: "network:redirect",
            ms,
            calls,
            facts,
          });
        }
        return makeCheck("http", title, {
          verdict: "pass",
          message: `The site answers over HTTP (${answer.status}${target ? ` to ${target.pathname}` : ""}).`,
          ms,
          calls,
          facts,
        });
      } catch (e) {
        return checkFromError("http", title, asUserFacing(e), {
          ms: since(started),
          calls: recorder.snapshot(),
        });
      }
    },
  };
}

// Is this Creatio? ----------------------------------------------------------------------------------

interface CreatioAnswers {
  pingNetfx: boolean;
  pingNet: boolean;
  pageNetfx: boolean;
  pageNet: boolean;
  ms: number;
  calls: CallRecord[];
}

/** The anonymous pings, then (when neither answers) the two login pages. */
async function probeCreatio(ctx: Context): Promise<CreatioAnswers> {
  const conn = fork(ctx.conn);
  const started = performance.now();
  // Each pair asked at once: one round each, however slow the site.
  const [pingNetfx, pingNet] = await Promise.all([
    answersAnonymously(conn, "pingNetfx"),
    answersAnonymously(conn, "pingNet"),
  ]);
  let pageNetfx = false;
  let pageNet = false;
  if (!pingNetfx && !pingNet) {
    [pageNetfx, pageNet] = await Promise.all([
      answersAnonymously(conn, "pageNetfx"),
      answersAnonymously(conn, "pageNet"),
    ]);
  }
  return { pingNetfx, pingNet, pageNetfx, pageNet, ms: since(started), calls: conn.recorder.snapshot() };
}

/** `answered`: the probe, when it was started ahead of this layer (default: made when the layer runs). */
function creatioLayer(
  ctx: Context,
  answered: () => Promise<CreatioAnswers> = () => probeCreatio(ctx),
): Layer {
  const title = "Creatio answers";
  return {
    id: "creatio",
    title,
    run: async () => {
      const { pingNetfx, pingNet, pageNetfx, pageNet, ms, calls } = await answered();
      // Each runtime has only one of the two login pages: a site that shows both answers every path alike.
      const onePage = pageNetfx !== pageNet;
      ctx.evidence = { netfx: pingNetfx || (onePage && pageNetfx), net: pingNet || (onePage && pageNet) };
      const facts = {
        "ping under /0": pingNetfx,
        "ping at the root": pingNet,
        ...(pingNetfx || pingNet ? {} : { "NuiLogin.aspx page": pageNetfx, "Login.html page": pageNet }),
      };
      if (pingNetfx || pingNet) {
        return makeCheck("creatio", title, {
          verdict: "pass",
          message: "The site answers Creatio's anonymous ping (api/HealthCheck/Ping).",
          ms,
          calls,
          facts,
        });
      }
      if (onePage) {
        return makeCheck("creatio", title, {
          verdict: "pass",
          message: `The site shows Creatio's login page (${pageNetfx ? "/0/Login/NuiLogin.aspx" : "/Login/Login.html"}).`,
          ms,
          calls,
          facts,
        });
      }
      const error = wizardError("creatio:not-creatio", { system: "creatio", url: ctx.conn.baseUrl });
      return makeCheck("creatio", title, {
        verdict: "fail",
        message: pageNetfx
          ? `${ctx.ep.url.host} answers every address with the same web page, not with Creatio's ping (api/HealthCheck/Ping).`
          : `${ctx.ep.url.host} answers, but neither Creatio's ping (api/HealthCheck/Ping) nor its login page.`,
        fix: error.fix,
        code: "creatio:not-creatio",
        ms,
        calls,
        facts,
      });
    },
  };
}

// Runtime ---------------------------------------------------------------------------------------------

function anonymousRuntime(evidence: AnonymousEvidence): CreatioRuntime | null {
  if (evidence.netfx === evidence.net) return null;
  return evidence.netfx ? "netfx" : "net";
}

function runtimeCheck(
  runtime: CreatioRuntime,
  how: string,
  extra: Partial<Parameters<typeof makeCheck>[2]> = {},
) {
  return makeCheck("runtime", "Runtime", {
    verdict: "pass",
    message: `Creatio runs on ${RUNTIME_LABELS[runtime]}, ${how}.`,
    ...extra,
    facts: { runtime: RUNTIME_LABELS[runtime], ...extra.facts },
  });
}

function runtimeLayer(ctx: Context): Layer {
  const title = "Runtime";
  return {
    id: "runtime",
    title,
    run: async () => {
      if (ctx.input.session) {
        ctx.runtime = ctx.input.session.runtime;
        ctx.version = ctx.input.session.version;
        return runtimeCheck(ctx.runtime, "as detected when the wizard signed in", {
          facts: { version: ctx.version },
        });
      }
      const guess = anonymousRuntime(ctx.evidence);
      ctx.runtime = guess;
      if (guess) return runtimeCheck(guess, "judging by the anonymous pages");
      if (ctx.input.credentials) {
        // Decided after signing in (see confirmRuntime); this placeholder is replaced.
        return makeCheck("runtime", title, { verdict: "pass", message: "Decided after signing in." });
      }
      return makeCheck("runtime", title, {
        verdict: "warn",
        message: "The anonymous pages do not tell whether Creatio runs on .NET Framework or on .NET.",
        fix: "Give a user name and password: after signing in, the wizard asks DataService, which decides.",
      });
    },
  };
}

/**
 * After signing in: DataService decides the runtime (docs/creatio-api.md §3), then GetApplicationInfo gives the version.
 * `prefixKnown` runs as soon as the runtime is: the signed-in calls then start beside the version's.
 */
async function confirmRuntime(ctx: Context, placeholder: Check, prefixKnown: () => void): Promise<Check> {
  const conn = fork(ctx.conn);
  const started = performance.now();
  try {
    const runtime = await detectRuntime(conn);
    ctx.conn.prefix = prefixOf(runtime);
    conn.prefix = ctx.conn.prefix;
    ctx.runtime = runtime;
    prefixKnown();
    ctx.version = await readVersion(conn);
    const guess = anonymousRuntime(ctx.evidence);
    return runtimeCheck(runtime, "as DataService answers after signing in", {
      ms: placeholder.ms + since(started),
      calls: [...placeholder.details.calls, ...conn.recorder.snapshot()],
      facts: {
        version: ctx.version,
        ...(guess && guess !== runtime ? { "anonymous pages suggested": RUNTIME_LABELS[guess] } : {}),
      },
    });
  } catch (e) {
    return checkFromError("runtime", "Runtime", asUserFacing(e), {
      ms: placeholder.ms + since(started),
      calls: [...placeholder.details.calls, ...conn.recorder.snapshot()],
    });
  }
}

// Login -------------------------------------------------------------------------------------------------

function cookieNames(ctx: Context): string {
  return ctx.conn.jar
    .getCookiesSync(`${ctx.conn.baseUrl}/`)
    .map((c) => c.key)
    .join(", ");
}

function loginLayer(ctx: Context): Layer {
  const title = "Sign-in";
  return {
    id: "login",
    title,
    run: async () => {
      const { session, credentials } = ctx.input;
      if (session) {
        ctx.signedIn = true;
        ctx.userName = session.userName;
        return makeCheck("login", title, {
          verdict: "pass",
          message: `Uses the wizard's Creatio session of ${session.userName}.`,
          facts: { user: session.userName },
        });
      }
      if (!credentials) {
        ctx.notSignedInReason =
          ctx.input.signInSkipped ?? "no user name and password were given, so the wizard did not sign in.";
        return notRun("login", title, ctx.notSignedInReason);
      }
      const from = ctx.conn.recorder.list.length;
      const started = performance.now();
      const userName = credentials.userName.trim();
      try {
        const { warning } = await login(ctx.conn, userName, credentials.password);
        ctx.signedIn = true;
        ctx.openedSession = true;
        ctx.userName = userName;
        const facts = { user: userName, "Creatio Code": warning ? 2 : 0, cookies: cookieNames(ctx) };
        if (warning) {
          return makeCheck("login", title, {
            verdict: "warn",
            message: warning.message,
            fix: "Change this user's password in Creatio soon.",
            ms: since(started),
            calls: callsSince(ctx, from),
            facts,
            serverMessage: warning.creatioMessage,
          });
        }
        return makeCheck("login", title, {
          verdict: "pass",
          message: `Signed in as ${userName} (Creatio answered Code 0).`,
          ms: since(started),
          calls: callsSince(ctx, from),
          facts,
        });
      } catch (e) {
        ctx.notSignedInReason = "the sign-in did not succeed.";
        return checkFromError("login", title, asUserFacing(e), {
          ms: since(started),
          calls: callsSince(ctx, from),
          facts: { user: userName },
        });
      }
    },
  };
}

// CSRF --------------------------------------------------------------------------------------------------

interface CsrfAnswer {
  /** The CSRF header the call carried (named after the cookie), or null without one. */
  header: string | null;
  answer: Probed<unknown>;
}

/** One signed-in DataService call (a harmless select) with the session's CSRF header. */
async function probeCsrf(conn: CreatioConnection): Promise<CsrfAnswer> {
  const header = csrfHeaderName(conn);
  const answer = await probe(conn, selectWithSession);
  return { header, answer };
}

/** `answered`: the call, when it was started ahead of this layer (default: made when the layer runs). */
function csrfLayer(ctx: Context, answered: () => Promise<CsrfAnswer> = () => probeCsrf(ctx.conn)): Layer {
  const title = "Signed-in call (CSRF)";
  return {
    id: "csrf",
    title,
    run: async () => {
      if (!ctx.signedIn) return notRun("csrf", title, ctx.notSignedInReason);
      const { header, answer } = await answered();
      const { ms, calls } = answer;
      const facts = { "CSRF header": header };
      if (answer.ok) {
        return makeCheck("csrf", title, {
          verdict: "pass",
          message: header
            ? `A signed-in DataService call with the ${header} header succeeded.`
            : "A signed-in DataService call succeeded (Creatio set no CSRF cookie, and needs no header).",
          ms,
          calls,
          facts,
        });
      }
      ctx.signedIn = false;
      ctx.notSignedInReason = "the signed-in call did not succeed.";
      return checkFromError("csrf", title, answer.error, { ms, calls, facts });
    },
  };
}

// The whole check -------------------------------------------------------------------------------------------

/** A check as shown before sign-in: no response header, banner or server text in it. */
export function withoutServerDetails(check: Check): Check {
  const { serverMessage: _said, ...details } = check.details;
  const { server: _banner, location: _location, ...facts } = details.facts;
  const out: Check = { ...check, details: { ...details, facts } };
  if (check.id === "http" && check.code === "network:redirect") {
    out.message = "The site redirects to another address.";
    out.fix =
      "Type the address the Creatio site opens at in your browser (for example https:// instead of http://).";
  } else if (check.id === "http" && check.verdict === "pass") {
    out.message = "The site answers over HTTP.";
  }
  return out;
}

/** Runs the layered check of one Creatio. Throws only `input:invalid-url` for an unusable address. */
export async function checkCreatio(input: CreatioCheckInput): Promise<CreatioCheckOutcome> {
  const baseUrl = normalizeCreatioUrl(input.session?.baseUrl ?? input.url);
  const trust = normalizeTrust(input.trust ?? input.session?.trust);
  const timeoutMs = input.timeoutMs ?? probeTimeoutMs();
  // An unreadable stored jar is an ended session: the CSRF layer will say so.
  const conn: CreatioConnection = input.session
    ? restoreConnection({ ...input.session, baseUrl, trust }, { timeoutMs, lenient: true })
    : newConnection(baseUrl, trust, { timeoutMs });
  const ep = endpointOf(baseUrl, "creatio");
  const ctx: Context = {
    input,
    ep,
    conn,
    timeoutMs,
    evidence: { netfx: false, net: false },
    signedIn: false,
    openedSession: false,
    notSignedInReason: "the wizard did not sign in.",
    runtime: null,
    version: null,
    userName: null,
  };

  const inFlight = new InFlight();
  const ahead = (layer: Layer): Layer => ({ ...layer, run: inFlight.ahead(layer.run()) });
  // The signed-in calls need only the session and the runtime prefix, not the answers above them.
  const signedInCalls: {
    csrf?: () => Promise<CsrfAnswer>;
    rights?: Record<RightsCheckId, () => ReturnType<typeof probeRights>>;
  } = {};
  const startSignedInCalls = () => {
    input.onConnection?.(conn);
    signedInCalls.csrf = inFlight.ahead(probeCsrf(conn));
    signedInCalls.rights = {
      "rights-sys-settings": inFlight.ahead(probeRights(conn, "rights-sys-settings")),
      "rights-solution": inFlight.ahead(probeRights(conn, "rights-solution")),
    };
  };
  // With the wizard's session they start at once; with a password only once signed in, and the password
  // goes only to a site that proved to be Creatio (the layers above are judged first).
  if (input.session) startSignedInCalls();

  let checks: Check[];
  let usable: boolean;
  try {
    // The anonymous calls need nothing from each other: all at once, judged top-down.
    const upper = await runLayers([
      ahead(dnsLayer(ep, timeoutMs)),
      ahead(tcpLayer(ep, timeoutMs)),
      ahead(tlsLayer(ep, trust, timeoutMs)),
      ahead(httpLayer(ctx)),
      creatioLayer(ctx, inFlight.ahead(probeCreatio(ctx))),
      runtimeLayer(ctx),
      loginLayer(ctx),
    ]);
    const runtimeIndex = upper.findIndex((c) => c.id === "runtime");
    const runtimeNow = upper[runtimeIndex];
    if (ctx.signedIn && input.credentials && runtimeNow) {
      upper[runtimeIndex] = await confirmRuntime(ctx, runtimeNow, startSignedInCalls);
    }
    const failedAbove = upper.find((c) => c.verdict === "fail") ?? null;
    const [csrf] = await runLayers([csrfLayer(ctx, signedInCalls.csrf)], failedAbove);
    // The two permissions are siblings below CSRF, not layers of each other: each is judged on its own.
    const failedBefore = csrf?.verdict === "fail" ? csrf : failedAbove;
    const rights = await Promise.all(
      (["rights-sys-settings", "rights-solution"] as const).map(async (id) => {
        const [check] = await runLayers([rightsLayer(ctx, id, signedInCalls.rights?.[id])], failedBefore);
        return check;
      }),
    );
    const lower = [csrf, ...rights].filter((c): c is Check => c !== undefined);
    checks = [...upper, ...lower];
    usable = ctx.signedIn && csrf?.verdict === "pass" && !failedAbove;
  } finally {
    // Calls below a failed layer are not reported, but none may outlive the check (or its sign-out).
    await inFlight.settled();
  }

  const seenCookies = new Set<string>();
  const collectCookies = () => {
    for (const value of sessionCookieValues(conn, ctx.userName)) seenCookies.add(value);
  };
  // Until the site answers like Creatio (or a sign-in proved it), the check says which layer failed in
  // words only: no header, banner or body text of whatever answered (the wizard is no network probe).
  const answeredLikeCreatio = checks.some((c) => c.id === "creatio" && c.verdict === "pass");
  const proven = Boolean(input.session) || ctx.openedSession || answeredLikeCreatio;
  return {
    group: makeGroup("creatio", CREATIO_GROUP_TITLE, proven ? checks : checks.map(withoutServerDetails)),
    baseUrl,
    runtime: ctx.runtime,
    version: ctx.version,
    userName: ctx.userName,
    connection: usable ? conn : null,
    secrets: () => {
      collectCookies();
      return [...(input.credentials ? [input.credentials.password] : []), ...seenCookies];
    },
    close: async () => {
      collectCookies();
      if (!ctx.openedSession) return;
      ctx.openedSession = false;
      // Same call as Creatio's own "Log out"; a failure changes nothing, the cookies are dropped anyway.
      await signOut(conn).catch(() => undefined);
    },
  };
}
