// `apply`: the wizard's four steps on one Creatio, in order and idempotently, through the same lib/creatio
// client the pages use (connectToCreatio, openCreatio) and the same step states (lib/wizard/state). It reads
// first, prints what each step will change before the write and what changed after it, and writes nothing
// that is already so: a second run says "nothing to change". `--prove` then runs step 5 (proveConnection).
import { checkIdentityUrl } from "@/lib/contract/url";
import { type CreatioClient, connectToCreatio, openCreatio } from "@/lib/creatio";
import type {
  CreatioSessionState,
  DefaultResourceStatus,
  FeatureStatus,
  HealthCheckResult,
  IdentitySettings,
  TlsTrust,
} from "@/lib/creatio/types";
import { checkIdentityFromWizard } from "@/lib/diagnostics";
import { RUNTIME_LABELS } from "@/lib/diagnostics/layers";
import { judgeDefaultResources } from "@/lib/diagnostics/setup";
import { isWizardError } from "@/lib/errors";
import { proveConnection } from "@/lib/wizard/proof-run";
import type { ActionError } from "@/lib/wizard/result";
import { effectiveSecretState, featureState, type Read, resourceState } from "@/lib/wizard/state";
import { STEPS, type StepId } from "@/lib/wizard/steps";
import { CliError, EXIT, type ExitCode } from "./errors";
import type { Io } from "./io";
import { clean, groupLines, mark } from "./render";

export interface ApplyInput {
  creatioUrl: string;
  userName: string;
  password: string;
  identityUrl: string;
  clientId: string;
  /** null only with --dry-run when no secret was given. */
  clientSecret: string | null;
  dryRun: boolean;
  prove: boolean;
  /** Test the Identity Service from this host before any write (default on). */
  identityCheck: boolean;
  creatioTrust?: TlsTrust;
  identityTrust?: TlsTrust;
}

/** The app's applicationUrl in step 5: the command line has no address of its own. */
const PROOF_APPLICATION_URL = "https://localhost";

const SECRET_CODE = "OAuth20IdentityServerClientSecret";

function stepTitle(id: StepId): string {
  const step = STEPS.find((s) => s.id === id);
  return step ? `Step ${step.number}, ${step.title}` : id;
}

async function read<T>(p: Promise<T>): Promise<Read<T>> {
  try {
    return { ok: true, value: await p };
  } catch (e) {
    if (!isWizardError(e)) throw e;
    return { ok: false, error: e.toUserFacing() as ActionError };
  }
}

function must<T>(r: Read<T>, what: string): T {
  if (r.ok) return r.value;
  throw new CliError(`Could not read ${what}: ${r.error.message}`, r.error.fix);
}

/** What step 3 will write, and why; null fields stay as they are. */
export interface SettingsPlan {
  url: { from: string | null; to: string } | null;
  clientId: { from: string | null; to: string } | null;
  /** Why the secret is written, or null when Creatio's stored one is kept. */
  secret: string | null;
  /** Why the stored secret is kept (for "nothing to change"). */
  keptBecause: string | null;
}

/**
 * Step 3's plan. URL and client id compare with what Creatio holds. Creatio never sends the secret back,
 * so the stored one is kept only when it is known to work: URL and client id unchanged and Creatio's
 * health check gets a token with it. Otherwise the given secret is written (same value: same outcome).
 */
export function planSettings(
  current: IdentitySettings,
  health: Read<HealthCheckResult>,
  wanted: { url: string; clientId: string; hasSecret: boolean },
): SettingsPlan {
  const url = current.url === wanted.url ? null : { from: current.url, to: wanted.url };
  const clientId =
    current.clientId === wanted.clientId ? null : { from: current.clientId, to: wanted.clientId };
  const h = health.ok && health.value.available ? health.value : null;
  const stored = effectiveSecretState(current, health);
  let secret: string | null = null;
  let keptBecause: string | null = null;
  if (url || clientId) secret = "a secret belongs to its Identity Service and client id, which change";
  else if (stored === "not-set") secret = "it is empty";
  else if (h?.isAccessTokenRetrievableForSystemActions === true) {
    keptBecause = "Creatio's health check gets a token with the stored secret";
  } else if (h?.isAccessTokenRetrievableForSystemActions === false) {
    secret =
      h.isIdentityServiceAvailable === false
        ? "Creatio cannot reach the Identity Service to confirm the stored one"
        : "Creatio gets no token with the stored secret";
  } else {
    secret = "Creatio cannot tell whether the stored secret is this one (it is never read back)";
  }
  if (secret && !wanted.hasSecret) secret = `${secret}; give the secret to write it`;
  return { url, clientId, secret, keptBecause };
}

export function settingsChanges(plan: SettingsPlan): string[] {
  const show = (v: string | null) => (v === null ? "(empty)" : clean(v));
  const out: string[] = [];
  if (plan.url) out.push(`OAuth20IdentityServerUrl: ${show(plan.url.from)} -> ${plan.url.to}`);
  if (plan.clientId)
    out.push(`OAuth20IdentityServerClientId: ${show(plan.clientId.from)} -> ${plan.clientId.to}`);
  if (plan.secret) out.push(`${SECRET_CODE}: write the given secret (${plan.secret})`);
  return out;
}

interface Reads {
  feature: Read<FeatureStatus>;
  settings: Read<IdentitySettings>;
  resources: Read<DefaultResourceStatus>;
  health: Read<HealthCheckResult>;
}

async function readAll(client: CreatioClient): Promise<Reads> {
  const [feature, settings, resources, health] = await Promise.all([
    read(client.getFeatureStatus()),
    read(client.readIdentitySettings()),
    read(client.getDefaultResources()),
    read(client.getOAuthHealth()),
  ]);
  return { feature, settings, resources, health };
}

function failedWrite(io: Io, e: unknown, later: StepId[]): ExitCode {
  if (!isWizardError(e)) throw e;
  const { color } = io;
  io.out(`  ${mark("fail", color)} ${color.red("Failed:")} ${clean(e.message)}`);
  io.out(`       ${color.bold("Fix:")} ${clean(e.fix)}`);
  if (e.creatioMessage) io.out(`       Creatio said: "${clean(e.creatioMessage)}"`);
  if (later.length > 0) {
    io.out("");
    io.out(`Not attempted: ${later.map(stepTitle).join("; ")}.`);
  }
  return EXIT.failed;
}

function willChange(io: Io, dryRun: boolean, what: string) {
  io.out(`  ${io.color.yellow(dryRun ? "Would change:" : "Will change:")} ${what}`);
}

function changed(io: Io, what: string) {
  io.out(`  ${io.color.green("Changed:")} ${what}`);
}

function nothing(io: Io, why: string) {
  io.out(`  ${mark("pass", io.color)} Nothing to change. ${clean(why)}`);
}

/** Signs in; a failure here means the tool could not run (exit 2). */
async function signIn(input: ApplyInput, io: Io): Promise<CreatioSessionState> {
  const step = io.step(`Signing in to ${input.creatioUrl} as ${input.userName}…`);
  try {
    const connected = await connectToCreatio({
      baseUrl: input.creatioUrl,
      userName: input.userName,
      password: input.password,
      trust: input.creatioTrust,
    });
    step.done("Signed in.");
    const s = connected.state;
    io.out(
      `Creatio: ${s.baseUrl} (${[s.version ? `Creatio ${clean(s.version)}` : null, RUNTIME_LABELS[s.runtime]].filter(Boolean).join(", ")}), signed in as ${clean(s.userName)}`,
    );
    if (connected.warning) io.out(`${io.color.yellow("Note:")} ${clean(connected.warning.message)}`);
    return s;
  } catch (e) {
    step.fail("Could not sign in.");
    if (!isWizardError(e)) throw e;
    throw new CliError(e.message, e.fix);
  }
}

export async function runApply(input: ApplyInput, io: Io): Promise<ExitCode> {
  const { color } = io;
  const { dryRun } = input;
  const checkedUrl = checkIdentityUrl(input.identityUrl);
  if (!checkedUrl.ok) {
    throw new CliError(
      `--is-url: ${checkedUrl.problem}`,
      "Give the Identity Service's address as it opens in a browser, for example https://ids.example.com.",
    );
  }
  const identityUrl = checkedUrl.url;
  const state = await signIn(input, io);
  const client = openCreatio(state);
  try {
    io.out(`Identity Service: ${identityUrl}, client id ${input.clientId}`);
    if (dryRun) io.out(color.bold("Dry run: only reads; nothing is changed in Creatio."));
    io.out("");

    const reading = io.step("Reading what Creatio holds now…");
    const reads = await readAll(client);
    reading.done("Read the current state.");
    const settings = must(reads.settings, "the system settings");

    // Before any write: does the Identity Service give this client a token? A wrong secret or a stopped
    // service then changes nothing in Creatio.
    if (input.identityCheck) {
      io.out(color.bold("Before any write: the client id and secret, tested from this host"));
      const probing = io.step(`Testing ${identityUrl} from this host…`);
      const group = await checkIdentityFromWizard({
        url: identityUrl,
        clientId: input.clientId,
        clientSecret: input.clientSecret,
        network: false,
        trust: input.identityTrust,
      });
      if (group.verdict === "fail") {
        probing.fail("The Identity Service test failed.");
        for (const line of groupLines(group, color)) io.out(line);
        io.out("");
        io.out(
          color.red(
            "The Identity Service does not accept these values from this host, so nothing was changed in Creatio.",
          ),
        );
        io.out(
          "Fix what the check says, or add --no-identity-check when only Creatio's server can reach the Identity Service.",
        );
        return EXIT.failed;
      }
      probing.done("Tested the Identity Service.");
      for (const line of groupLines(group, color)) io.out(line);
      io.out("");
    }

    let changes = 0;
    const later = (id: StepId): StepId[] =>
      STEPS.slice(STEPS.findIndex((s) => s.id === id) + 1).map((s) => s.id);

    // Step 1 -------------------------------------------------------------------------------------------
    io.out(color.bold(stepTitle("feature")));
    must(reads.feature, "the additional feature OAuth20Integration");
    const feature = featureState(reads.feature);
    if (feature.state === "done") nothing(io, feature.summary);
    else {
      willChange(
        io,
        dryRun,
        `turn on OAuth20Integration for All employees (now: ${clean(feature.summary).replace(/\.$/, "")}), then clear Creatio's feature cache.`,
      );
      if (!dryRun) {
        const writing = io.step("Enabling OAuth20Integration for All employees…");
        try {
          const result = await client.enableFeatureForAllUsers();
          writing.done("Enabled.");
          changes++;
          const row = {
            inserted: "inserted the All employees row (on)",
            updated: "switched the All employees row on",
            unchanged: "the All employees row was already on",
          }[result.allEmployeesRow];
          changed(
            io,
            `${result.created ? "created the feature OAuth20Integration; " : ""}${row}; feature cache cleared; Creatio now says ${result.verifiedState === 1 ? "on" : "not yet on"} for the signed-in user.`,
          );
        } catch (e) {
          writing.fail();
          return failedWrite(io, e, later("feature"));
        }
      }
    }
    io.out("");

    // Step 2 -------------------------------------------------------------------------------------------
    io.out(color.bold(stepTitle("settings")));
    const secretNow = effectiveSecretState(settings, reads.health);
    io.out(`  OAuth20IdentityServerUrl:          ${settings.url ? clean(settings.url) : "(empty)"}`);
    io.out(
      `  OAuth20IdentityServerClientId:     ${settings.clientId ? clean(settings.clientId) : "(empty)"}`,
    );
    io.out(
      `  ${SECRET_CODE}: ${secretNow === "set" ? "set (never shown)" : secretNow === "not-set" ? "(empty)" : "unknown (Creatio does not send it back)"}`,
    );
    nothing(io, "This step only reads.");
    io.out("");

    // Step 3 -------------------------------------------------------------------------------------------
    io.out(color.bold(stepTitle("credentials")));
    const plan = planSettings(settings, reads.health, {
      url: identityUrl,
      clientId: input.clientId,
      hasSecret: input.clientSecret !== null,
    });
    const lines = settingsChanges(plan);
    if (lines.length === 0) {
      nothing(
        io,
        `The three system settings hold these values (${plan.keptBecause ?? "the secret is kept"}).`,
      );
    } else {
      for (const line of lines) willChange(io, dryRun, line);
      if (!dryRun) {
        if (input.clientSecret === null) {
          throw new CliError(
            "The client secret is needed to write the system settings.",
            "Give --client-secret-file, --from-appsettings or pipe it on standard input.",
          );
        }
        const writing = io.step("Saving the system settings…");
        try {
          const saved = await client.writeIdentitySettings({
            url: identityUrl,
            clientId: input.clientId,
            clientSecret: input.clientSecret,
          });
          if (!saved.allSaved) {
            writing.fail();
            const refused = Object.entries(saved.saved)
              .filter(([, ok]) => ok === false)
              .map(([code]) => code);
            io.out(
              `  ${mark("fail", color)} ${color.red("Failed:")} Creatio did not save ${refused.join(", ")}.`,
            );
            io.out(
              `       ${color.bold("Fix:")} Check that ${input.userName} has the CanManageSysSettings operation permission and that these system settings exist, then run apply again.`,
            );
            return EXIT.failed;
          }
          writing.done("Saved.");
          changes++;
          const back = saved.readBack;
          const verified =
            back && back.url === identityUrl && back.clientId === input.clientId
              ? "read back: URL and client id match"
              : back
                ? "read back: the values differ from what was sent"
                : "could not read them back";
          changed(
            io,
            `saved ${Object.keys(saved.saved).join(", ")} (${verified}; the secret is never read back).`,
          );
        } catch (e) {
          writing.fail();
          return failedWrite(io, e, later("credentials"));
        }
      }
    }
    io.out("");

    // Step 4 -------------------------------------------------------------------------------------------
    io.out(color.bold(stepTitle("resource")));
    const resources = must(reads.resources, "the default resources");
    const resource = resourceState(reads.resources);
    if (resource.state === "done") nothing(io, resource.summary);
    else if (resource.state === "failed") {
      const judged = judgeDefaultResources(resources);
      io.out(`  ${mark("fail", color)} ${color.red("Failed:")} ${clean(judged.message)}`);
      if (judged.fix) io.out(`       ${color.bold("Fix:")} ${clean(judged.fix)}`);
      return EXIT.failed;
    } else {
      willChange(
        io,
        dryRun,
        "create Creatio's default resource at the Identity Service (it may take a minute).",
      );
      if (!dryRun) {
        const writing = io.step("Creating the default resource…");
        try {
          const result = await client.addDefaultResource();
          writing.done("Created.");
          if (result.outcome === "created") {
            changes++;
            changed(io, `created the default resource${result.scope ? ` ${clean(result.scope)}` : ""}.`);
          } else {
            changed(io, "nothing: Creatio said the default resource already existed.");
          }
        } catch (e) {
          writing.fail();
          return failedWrite(io, e, []);
        }
      }
    }
    io.out("");

    if (dryRun) {
      io.out(color.bold("Dry run: nothing was changed in Creatio."));
      return EXIT.ok;
    }
    io.out(
      changes === 0
        ? color.bold(color.green("Nothing to change: all four steps were already done."))
        : color.bold(
            color.green(`Done: ${changes} ${changes === 1 ? "change" : "changes"}; all four steps are done.`),
          ),
    );

    // Creatio's own view after the writes: the health check (when this version has one).
    const after = await read(client.getOAuthHealth());
    let exit: ExitCode = EXIT.ok;
    if (after.ok && after.value.available) {
      if (after.value.hasProblem) {
        exit = EXIT.failed;
        io.out(
          `${mark("fail", color)} Creatio's OAuth health check reports a problem: ${clean(after.value.message ?? "no message")}`,
        );
        io.out(`     ${color.bold("Fix:")} Run \`creatio-identity-wizard check\` for the diagnosis.`);
      } else {
        io.out(`${mark("pass", color)} Creatio's OAuth health check passes.`);
      }
    }

    if (input.prove && exit === EXIT.ok) {
      io.out("");
      io.out(color.bold("Step 5, Prove it end to end"));
      const proving = io.step("Creating a temporary app, asking for its token, calling Creatio with it…");
      const proof = await proveConnection(client, {
        keep: false,
        applicationUrl: PROOF_APPLICATION_URL,
        identityTrust: input.identityTrust,
      });
      if (proof.passed) proving.done("Proved.");
      else proving.fail("The proof failed.");
      for (const check of proof.checks) {
        io.out(`  ${mark(check.verdict, color)} ${clean(check.title)}: ${clean(check.message)}`);
        if (check.fix && check.verdict !== "pass") io.out(`       ${color.bold("Fix:")} ${clean(check.fix)}`);
      }
      if (proof.leftovers.length > 0) {
        io.out(
          `${color.yellow("Left in Creatio:")} ${proof.leftovers.map((a) => clean(a.name)).join(", ")}. Delete them in Creatio's OAuth 2.0 integrated applications, or run apply --prove again.`,
        );
      }
      if (!proof.passed) exit = EXIT.failed;
    }
    return exit;
  } finally {
    await client.logout().catch(() => undefined);
  }
}
