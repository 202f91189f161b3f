import "server-only";
import { type CreatioClient, connectToCreatio, openCreatio, proofAppName } from "@/lib/creatio";
import type { TlsTrust } from "@/lib/creatio/types";
import { checkFromError, notRun } from "@/lib/diagnostics/check";
import type { CheckGroup, DiagnosticsRun } from "@/lib/diagnostics/types";
import { isWizardError, wizardError } from "@/lib/errors";
import { requestAppToken } from "@/lib/identity/app-token";
import type { WizardSession } from "@/lib/session/types";
import { CallRecorder } from "@/lib/transport";
import { PROOF_HOPS, type ProofRun, proofGroup, proofNotRun, runProof } from "./proof";

// The proof wired to a real Creatio client and the Identity Service that Creatio's own setting names
// (OAuth20IdentityServerUrl): the token is asked where Creatio will verify it.

export interface ProofInput {
  keep: boolean;
  /** The wizard's own address, sent as the app's applicationUrl. */
  applicationUrl: string;
  identityTrust?: TlsTrust;
  now?: Date;
  sleep?(ms: number): Promise<void>;
}

export async function proveConnection(
  creatio: CreatioClient,
  input: ProofInput,
): Promise<ProofRun & { identityUrl: string | null }> {
  const identity = new CallRecorder();
  let identityUrl: string | null = null;
  const run = await runProof({
    creatio: {
      calls: creatio.calls,
      canExecuteOperation: (operation) => creatio.canExecuteOperation(operation),
      getDefaultResources: async () => {
        // Read with the default resources: where Creatio's token comes from (step 3's setting).
        const [resources, settings] = await Promise.all([
          creatio.getDefaultResources(),
          creatio.readIdentitySettings(),
        ]);
        identityUrl = settings.url;
        if (!identityUrl) {
          throw wizardError("proof:token-failed", {
            serverMessage: "OAuth20IdentityServerUrl is empty: go to step 3.",
          });
        }
        return resources;
      },
      findProofUser: () => creatio.findProofUser(),
      findIntegrationApps: (match) => creatio.findIntegrationApps(match),
      addIntegrationApp: (app) => creatio.addIntegrationApp(app),
      deleteIntegrationApp: (app) => creatio.deleteIntegrationApp(app),
      bearerRead: (token) => creatio.bearerRead(token),
    },
    identityCalls: identity.list,
    requestToken: (clientId, clientSecret) =>
      requestAppToken({
        identityUrl: identityUrl ?? "",
        clientId,
        clientSecret,
        recorder: identity,
        trust: input.identityTrust,
      }),
    appName: proofAppName(input.now ?? new Date()),
    applicationUrl: input.applicationUrl,
    keep: input.keep,
    sleep: input.sleep,
  });
  return { ...run, identityUrl };
}

// The proof outside step 5's page -------------------------------------------------------------------------

/** The last proof of a session, for its status page and report: kept beside the session, not in it. */
interface LastProof {
  baseUrl: string;
  signIns: number;
  group: CheckGroup;
  at: number;
}

// Next.js may load this module once per route bundle (the status page and /status/report are two): ONE map
// per process, like the session store, so that the report sees the proof the page's action ran.
const LAST_KEY = Symbol.for("creatio-identity-wizard.last-proof");
type GlobalWithLast = typeof globalThis & { [LAST_KEY]?: WeakMap<WizardSession, LastProof> };
function lastProofs(): WeakMap<WizardSession, LastProof> {
  const g = globalThis as GlobalWithLast;
  g[LAST_KEY] ??= new WeakMap();
  return g[LAST_KEY];
}

/** How long a proof counts on the status page and in its report. */
export const LAST_PROOF_MS = 60 * 60 * 1000;

export function rememberProof(
  session: WizardSession,
  baseUrl: string,
  group: CheckGroup,
  now: number = Date.now(),
): void {
  lastProofs().set(session, { baseUrl, signIns: session.signIns, group, at: now });
}

/** The session's last proof on this Creatio and sign-in, if it ran within LAST_PROOF_MS. */
export function lastProof(
  session: WizardSession,
  baseUrl: string,
  now: number = Date.now(),
): CheckGroup | null {
  const last = lastProofs().get(session);
  if (!last || last.baseUrl !== baseUrl || last.signIns !== session.signIns) return null;
  return now - last.at <= LAST_PROOF_MS ? last.group : null;
}

export interface MonitorProofInput {
  creatioUrl: string;
  userName: string;
  password: string;
  applicationUrl: string;
  creatioTrust?: TlsTrust;
  identityTrust?: TlsTrust;
  timeoutMs?: number;
}

/**
 * The proof for `/api/status?prove=1`: after the read-only run, in a session of its own (signed out again
 * at the end), never keeping the app. Only when that run could sign in: a wrong password is not sent twice.
 */
export async function proveForMonitor(input: MonitorProofInput, run: DiagnosticsRun): Promise<CheckGroup> {
  const startedAt = new Date();
  const login = run.groups.find((g) => g.id === "creatio")?.checks.find((c) => c.id === "login");
  if (login?.verdict !== "pass") {
    return proofNotRun("the wizard could not sign in to Creatio (see the checks above).", startedAt);
  }
  let client: CreatioClient;
  try {
    const { state } = await connectToCreatio({
      baseUrl: input.creatioUrl,
      userName: input.userName,
      password: input.password,
      trust: input.creatioTrust,
      timeoutMs: input.timeoutMs,
    });
    client = openCreatio(state, { timeoutMs: input.timeoutMs });
  } catch (e) {
    if (!isWizardError(e)) throw e;
    const first = PROOF_HOPS[0] as (typeof PROOF_HOPS)[number];
    return proofGroup(
      [
        checkFromError(first.id, first.title, e.toUserFacing()),
        ...PROOF_HOPS.slice(1).map((hop) => notRun(hop.id, hop.title, "an earlier hop failed.")),
      ],
      startedAt,
    );
  }
  try {
    const proof = await proveConnection(client, {
      keep: false,
      applicationUrl: input.applicationUrl,
      identityTrust: input.identityTrust,
    });
    return proofGroup(proof.checks, startedAt);
  } finally {
    await client.logout().catch(() => undefined);
  }
}
