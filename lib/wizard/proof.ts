// Step 5 as data (docs/creatio-api.md §4.6, §6 item 11): rights -> user to bind -> app created -> token
// issued -> Creatio accepted the token -> app deleted. Each hop is a check in the status page's shape; a
// failure stops at its hop with its diagnosis. Once the app may exist, every path ends in the clean-up:
// select by name, delete every row found, select again to verify. The app's token never leaves this
// module; its secret only when the operator chose "Keep this app".

import type { CreatedApp, DeleteOutcome, IntegrationApp, ProofUser } from "@/lib/creatio";
import type { CallRecord, DefaultResourceStatus } from "@/lib/creatio/types";
import { checkFromError, makeCheck, makeGroup, notRun } from "@/lib/diagnostics/check";
import { redactDeep } from "@/lib/diagnostics/redact";
import type { Check, CheckGroup, ProofCheckId } from "@/lib/diagnostics/types";
import { type ErrorCode, isWizardError, type UserFacingError } from "@/lib/errors";
import type { AppToken } from "@/lib/identity/app-token";

export const PROOF_HOPS: readonly { id: ProofCheckId; title: string }[] = [
  { id: "proof-rights", title: "Your rights and the default resource" },
  { id: "proof-user", title: "User to bind" },
  { id: "proof-create", title: "Temporary app created" },
  { id: "proof-token", title: "Token issued by the Identity Service" },
  { id: "proof-accepted", title: "Creatio accepted the token" },
  { id: "proof-delete", title: "Temporary app deleted" },
] as const;

/** The hops as a check group, the same shape as the status page's other groups (and the report's). */
export const PROOF_GROUP_TITLE = "End-to-end proof";

export function proofGroup(checks: Check[], checkedAt: Date): CheckGroup {
  return { ...makeGroup("proof", PROOF_GROUP_TITLE, checks), checkedAt: checkedAt.toISOString() };
}

/** Every hop "not run", for one reason (e.g. the sign-in failed before the proof could start). */
export function proofNotRun(reason: string, checkedAt: Date): CheckGroup {
  return proofGroup(
    PROOF_HOPS.map((hop) => notRun(hop.id, hop.title, reason)),
    checkedAt,
  );
}

const title = (id: ProofCheckId) => PROOF_HOPS.find((hop) => hop.id === id)?.title ?? id;

/** What the flow needs from Creatio (a CreatioClient) and the Identity Service. */
export interface ProofDeps {
  creatio: {
    readonly calls: CallRecord[];
    canExecuteOperation(operation: "CanManageSolution"): Promise<boolean>;
    getDefaultResources(): Promise<DefaultResourceStatus>;
    findProofUser(): Promise<ProofUser>;
    findIntegrationApps(match: { name: string } | { prefix: string }): Promise<IntegrationApp[]>;
    addIntegrationApp(input: {
      name: string;
      applicationUrl: string;
      systemUserId: string;
    }): Promise<CreatedApp>;
    deleteIntegrationApp(app: IntegrationApp): Promise<DeleteOutcome>;
    bearerRead(accessToken: string): Promise<{ asUser: ProofUser | null }>;
  };
  /** The app's token from `{OAuth20IdentityServerUrl}/connect/token`; its calls go to `identityCalls`. */
  requestToken(clientId: string, clientSecret: string): Promise<AppToken>;
  readonly identityCalls: CallRecord[];
  /** The name of the temporary app (`IS wizard proof <UTC time>`). */
  appName: string;
  /** The wizard's own address, as the app's applicationUrl. */
  applicationUrl: string;
  keep: boolean;
  /** Waits before the one retry of an invalid_client (default 2 s). */
  sleep?(ms: number): Promise<void>;
}

export interface KeptApp {
  name: string;
  clientId: string;
  /** Shown once to the operator; never logged, stored or put in a report. */
  clientSecret: string;
}

export interface ProofRun {
  checks: Check[];
  /** Every hop passed (the kept app counts as passed). */
  passed: boolean;
  /** The app, when "Keep this app" was chosen and the proof got that far. */
  kept: KeptApp | null;
  /** Temporary apps still in Creatio after the clean-up (deletion failed): offer a retry. */
  leftovers: IntegrationApp[];
  ms: number;
}

const TOKEN_RETRY_MS = 2000;
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function toFacing(e: unknown): UserFacingError {
  if (isWizardError(e)) return e.toUserFacing();
  return {
    code: "creatio:unexpected",
    message: "The wizard could not finish this hop.",
    fix: "Run the proof again. If it happens again, download the report from the status page.",
    calls: [],
  };
}

/** A clock and the calls a hop made, from two lists that only grow. */
function hopTimer(deps: ProofDeps) {
  const start = {
    creatio: deps.creatio.calls.length,
    identity: deps.identityCalls.length,
    at: performance.now(),
  };
  return () => ({
    calls: [...deps.creatio.calls.slice(start.creatio), ...deps.identityCalls.slice(start.identity)].map(
      (c) => ({
        ...c,
      }),
    ),
    ms: Math.round(performance.now() - start.at),
  });
}

export interface CleanUpResult {
  check: Check;
  leftovers: IntegrationApp[];
}

/** Deletes every app named `name` (or the given ones), then selects again to verify. */
export async function cleanUp(
  deps: Pick<ProofDeps, "creatio" | "identityCalls">,
  name: string,
  knownApp: IntegrationApp | null,
  because: string,
): Promise<CleanUpResult> {
  const done = hopTimer(deps as ProofDeps);
  const id: ProofCheckId = "proof-delete";
  let found: IntegrationApp[];
  try {
    found = await deps.creatio.findIntegrationApps({ name });
  } catch (e) {
    // Cannot even look: the app may still be there.
    const apps = knownApp ? [knownApp] : [];
    const facing = toFacing(e);
    return {
      check: checkFromError(id, title(id), { ...facing, ...deleteFailedWords(name, facing) }, done()),
      leftovers: apps,
    };
  }
  if (knownApp && !found.some((app) => app.clientId === knownApp.clientId)) found.push(knownApp);
  let firstError: UserFacingError | null = null;
  for (const app of found) {
    try {
      await deps.creatio.deleteIntegrationApp(app);
    } catch (e) {
      firstError ??= toFacing(e);
    }
  }
  let remaining: IntegrationApp[];
  try {
    remaining = found.length > 0 ? await deps.creatio.findIntegrationApps({ name }) : [];
  } catch (e) {
    firstError ??= toFacing(e);
    remaining = found;
  }
  const timing = done();
  if (remaining.length > 0) {
    const error = firstError ?? {
      code: "proof:delete-failed" as ErrorCode,
      message: "",
      fix: "",
      calls: [],
    };
    return {
      check: checkFromError(
        id,
        title(id),
        { ...error, ...deleteFailedWords(name, error) },
        {
          ...timing,
          facts: { "App name": name, "Apps still there": remaining.length },
        },
      ),
      leftovers: remaining,
    };
  }
  return {
    check: makeCheck(id, title(id), {
      verdict: "pass",
      message:
        found.length === 0
          ? `No app named "${name}" is in Creatio ${because}: nothing to delete.`
          : `The temporary app was deleted ${because} (${found.length === 1 ? "checked" : `${found.length} rows, checked`} by selecting again).`,
      ...timing,
      facts: { "App name": name, Deleted: found.length },
    }),
    leftovers: [],
  };
}

function deleteFailedWords(name: string, _error: UserFacingError) {
  return {
    code: "proof:delete-failed" as ErrorCode,
    message: `The temporary app "${name}" could not be deleted and is still in Creatio.`,
    fix:
      `Press "Retry the clean-up". If it keeps failing, delete it by hand: in Creatio open System Designer > ` +
      `"OAuth 2.0 integrated applications", open "${name}" and delete it.`,
  };
}

function audienceFacts(token: AppToken, user: ProofUser, resources: DefaultResourceStatus | null) {
  const defaultName = resources?.names[0] ?? null;
  const facts = {
    Audience: token.claims.audience.join(" ") || null,
    Scope: token.claims.scope.join(" ") || null,
    "User (prop:SysAdminUnitId)": token.claims.sysAdminUnitId,
    "Expires in (s)": token.expiresIn,
    "Default resource": defaultName,
  };
  const problems: string[] = [];
  if (token.claims.opaque) problems.push("the token is not a JWT, so its audience and user cannot be read");
  else {
    const names = [...token.claims.audience, ...token.claims.scope];
    if (defaultName && !names.includes(defaultName)) {
      problems.push(`its audience is not Creatio's default resource ${defaultName}`);
    }
    if (token.claims.sysAdminUnitId !== user.id) problems.push(`its user is not ${user.name}`);
  }
  return { facts, problems };
}

/** Runs the whole proof. Never throws: every failure is a check. */
export async function runProof(deps: ProofDeps): Promise<ProofRun> {
  const started = performance.now();
  let checks: Check[] = [];
  const sleep = deps.sleep ?? defaultSleep;
  // The app's secret and its token: never meant to be in a check, but a server may echo them in its
  // own words (a 401 body, an error message), and the checks go to the browser and into reports.
  const secrets: string[] = [];
  const finish = (
    passed: boolean,
    kept: KeptApp | null = null,
    leftovers: IntegrationApp[] = [],
  ): ProofRun => {
    checks = redactDeep(checks, secrets);
    const ran = new Set(checks.map((c) => c.id));
    for (const hop of PROOF_HOPS) {
      if (!ran.has(hop.id)) checks.push(notRun(hop.id, hop.title, "an earlier hop failed."));
    }
    checks.sort(
      (a, b) => PROOF_HOPS.findIndex((h) => h.id === a.id) - PROOF_HOPS.findIndex((h) => h.id === b.id),
    );
    return { checks, passed, kept, leftovers, ms: Math.round(performance.now() - started) };
  };

  // 1. Rights and the default resource (read-only).
  let timer = hopTimer(deps);
  let resources: DefaultResourceStatus | null = null;
  try {
    const [allowed, defaults] = await Promise.all([
      deps.creatio.canExecuteOperation("CanManageSolution"),
      deps.creatio.getDefaultResources(),
    ]);
    resources = defaults;
    if (!allowed) {
      checks.push(
        makeCheck("proof-rights", title("proof-rights"), {
          verdict: "fail",
          code: "rights:solution",
          message:
            'Your user lacks "Can manage configuration elements" (CanManageSolution), so it cannot create apps.',
          fix: "Give your user the CanManageSolution operation permission, or sign in as a system administrator. Nothing was created.",
          ...timer(),
        }),
      );
      return finish(false);
    }
    if (defaults.count !== 1) {
      checks.push(
        makeCheck("proof-rights", title("proof-rights"), {
          verdict: "fail",
          code: defaults.count === 0 ? "proof:no-default-resource" : "resource:multiple-defaults",
          message:
            defaults.count === 0
              ? "Creatio has no default resource, so no app can get a token for it."
              : `Creatio has ${defaults.count} default resources, which breaks saving OAuth apps.`,
          fix:
            defaults.count === 0
              ? "Go to step 4 and create the default resource, then run the proof again. Nothing was created."
              : "Creatio does not allow deleting resources: contact Creatio support. Nothing was created.",
          ...timer(),
        }),
      );
      return finish(false);
    }
    checks.push(
      makeCheck("proof-rights", title("proof-rights"), {
        verdict: "pass",
        message: `Your user may create apps, and Creatio has one default resource (${defaults.names[0] ?? "unnamed"}).`,
        ...timer(),
      }),
    );
  } catch (e) {
    checks.push(checkFromError("proof-rights", title("proof-rights"), toFacing(e), timer()));
    return finish(false);
  }

  // 2. The operator's own user.
  timer = hopTimer(deps);
  let user: ProofUser;
  try {
    user = await deps.creatio.findProofUser();
    checks.push(
      makeCheck("proof-user", title("proof-user"), {
        verdict: "pass",
        message: `The app will be bound to your user ${user.name}: its token carries ${user.name}'s rights until it expires (at most an hour).`,
        facts: { User: user.name, "SysAdminUnit Id": user.id, Type: user.type },
        ...timer(),
      }),
    );
  } catch (e) {
    checks.push(checkFromError("proof-user", title("proof-user"), toFacing(e), timer()));
    return finish(false);
  }

  // From here on the app may exist: every way out goes through the clean-up.
  const failAndClean = async (hop: Check, app: IntegrationApp | null): Promise<ProofRun> => {
    checks.push(hop);
    const cleaned = await cleanUp(deps, deps.appName, app, "after the failure");
    checks.push(cleaned.check);
    return finish(false, null, cleaned.leftovers);
  };

  // 3. Create.
  timer = hopTimer(deps);
  let app: CreatedApp;
  try {
    app = await deps.creatio.addIntegrationApp({
      name: deps.appName,
      applicationUrl: deps.applicationUrl,
      systemUserId: user.id,
    });
  } catch (e) {
    return failAndClean(checkFromError("proof-create", title("proof-create"), toFacing(e), timer()), null);
  }
  secrets.push(app.clientSecret);
  const created: IntegrationApp = { id: null, name: app.name, clientId: app.clientId };
  checks.push(
    makeCheck("proof-create", title("proof-create"), {
      verdict: "pass",
      message: `Creatio created "${app.name}" and its client at the Identity Service.`,
      facts: { "App name": app.name, "Client id": app.clientId },
      ...timer(),
    }),
  );

  // 4. Token (one retry of invalid_client after about 2 s: the service may not know the client yet).
  timer = hopTimer(deps);
  let token: AppToken | null = null;
  try {
    try {
      token = await deps.requestToken(app.clientId, app.clientSecret);
    } catch (e) {
      if (!isWizardError(e) || e.code !== "proof:token-invalid-client") throw e;
      await sleep(TOKEN_RETRY_MS);
      token = await deps.requestToken(app.clientId, app.clientSecret);
    }
  } catch (e) {
    return failAndClean(checkFromError("proof-token", title("proof-token"), toFacing(e), timer()), created);
  }
  secrets.push(token.accessToken);
  const { facts, problems } = audienceFacts(token, user, resources);
  checks.push(
    makeCheck("proof-token", title("proof-token"), {
      verdict: problems.length > 0 ? "warn" : "pass",
      message:
        problems.length > 0
          ? `The Identity Service issued a token, but ${problems.join(" and ")}: Creatio will likely reject it.`
          : `The Identity Service issued a token for ${token.claims.audience.join(" ")} as ${user.name}.`,
      fix:
        problems.length > 0
          ? "Check that Creatio and the wizard use the same Identity Service and that its default resource is Creatio's current one (step 4)."
          : undefined,
      facts,
      ...timer(),
    }),
  );

  // 5. The bearer read.
  timer = hopTimer(deps);
  try {
    const { asUser } = await deps.creatio.bearerRead(token.accessToken);
    checks.push(
      makeCheck("proof-accepted", title("proof-accepted"), {
        verdict: "pass",
        message: `Creatio accepted the token${asUser ? ` as ${asUser.name}` : ""}: an integration with its own client can call Creatio.`,
        facts: { "Runs as": asUser?.name ?? null },
        ...timer(),
      }),
    );
  } catch (e) {
    token = null;
    return failAndClean(
      checkFromError("proof-accepted", title("proof-accepted"), toFacing(e), timer()),
      created,
    );
  }
  token = null;

  // 6. Clean-up, or keep.
  if (deps.keep) {
    checks.push(
      makeCheck("proof-delete", title("proof-delete"), {
        verdict: "pass",
        message: `Kept as you asked: "${app.name}" stays in Creatio ("OAuth 2.0 integrated applications").`,
        facts: { "App name": app.name },
      }),
    );
    return finish(true, { name: app.name, clientId: app.clientId, clientSecret: app.clientSecret });
  }
  const cleaned = await cleanUp(deps, deps.appName, created, "after the proof");
  checks.push(cleaned.check);
  return finish(cleaned.leftovers.length === 0, null, cleaned.leftovers);
}

/** Temporary apps older than an hour (from the UTC time in their name): left behind by an earlier run. */
export function oldProofApps(apps: IntegrationApp[], createdAt: (name: string) => Date | null, now: Date) {
  return apps.filter((app) => {
    const at = createdAt(app.name);
    return at !== null && now.getTime() - at.getTime() > 60 * 60 * 1000;
  });
}
