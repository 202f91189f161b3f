// Where the command line takes its secrets from: never from an argument (anyone on the machine reads a
// process's arguments with `ps`). The Creatio password: CREATIO_PASSWORD, --password-file, or a hidden
// prompt on a terminal. The client secret: --client-secret-file, --from-appsettings (the Identity
// Service's appsettings.json, read as the step-3 paste box reads it) or standard input. No value read here
// is printed or logged; the callers hand them to lib/ and to the report's redaction.
import { readFile } from "node:fs/promises";
import { isCancel, password as passwordPrompt } from "@clack/prompts";
import { parseIdentityAppSettings, pickSystemClient } from "@/lib/contract/appsettings";
import { isWizardError } from "@/lib/errors";
import { CliError } from "./errors";

export const PASSWORD_ENV = "CREATIO_PASSWORD";

/** A file written by `echo` ends with a line break that is not part of the secret. */
function stripFinalLineBreak(text: string): string {
  return text.replace(/\r?\n$/, "");
}

async function readSecretFile(file: string, what: string, option: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "an error";
    throw new CliError(
      `Cannot read the ${what} file ${file} (${code}).`,
      `Check the path given to ${option} and that this user may read it.`,
    );
  }
  const value = stripFinalLineBreak(text);
  if (value === "") {
    throw new CliError(`The ${what} file ${file} is empty.`, `Write the ${what} into it, on one line.`);
  }
  return value;
}

/** A client secret from a file named in a targets file. */
export function readClientSecretFile(file: string): Promise<string> {
  return readSecretFile(file, "client secret", "clientSecretFile");
}

export interface PasswordSources {
  passwordFile?: string;
  env?: Record<string, string | undefined>;
  /** Whether a person can answer a prompt (stdin and stderr are terminals). */
  interactive?: boolean;
  /** The hidden prompt (tests replace it). */
  prompt?: (message: string) => Promise<string | null>;
}

/** A hidden prompt on stderr: nothing of the password is shown, not even its length. */
export async function hiddenPrompt(message: string): Promise<string | null> {
  const value = await passwordPrompt({ message, mask: "", output: process.stderr });
  return isCancel(value) ? null : value;
}

function isInteractive(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/** The Creatio password for `user`: --password-file, else CREATIO_PASSWORD, else a prompt on a terminal. */
export async function readPassword(user: string, sources: PasswordSources = {}): Promise<string> {
  if (sources.passwordFile) return readSecretFile(sources.passwordFile, "password", "--password-file");
  const env = sources.env ?? process.env;
  const fromEnv = env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (sources.interactive ?? isInteractive()) {
    const value = await (sources.prompt ?? hiddenPrompt)(`Creatio password for ${user}`);
    if (value === null) throw new CliError("No password was typed.", "Run the command again and type it.");
    if (value !== "") return value;
  }
  throw new CliError(
    `No Creatio password for ${user}.`,
    `Set ${PASSWORD_ENV}, or give --password-file <file>, or run the command on a terminal to be asked. A password is never accepted as an argument.`,
  );
}

export interface ClientCredentials {
  clientId: string | null;
  clientSecret: string;
  /** Where they came from, for the output (never the value). */
  source: string;
}

export interface SecretSources {
  clientSecretFile?: string;
  fromAppsettings?: string;
  /** The client id asked for: picks that client from appsettings.json. */
  clientId?: string;
}

/** The client id and secret from an appsettings.json file (the same parser as the step-3 paste box). */
export async function fromAppSettings(
  file: string,
  clientId: string | undefined,
): Promise<ClientCredentials> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "an error";
    throw new CliError(
      `Cannot read ${file} (${code}).`,
      "Check the path given to --from-appsettings: the Identity Service's appsettings.json.",
    );
  }
  let clients: ReturnType<typeof parseIdentityAppSettings>["clients"];
  try {
    clients = parseIdentityAppSettings(text).clients;
  } catch (e) {
    if (!isWizardError(e)) throw e;
    throw new CliError(`${file}: ${e.message}`, e.fix);
  }
  const wanted = clientId?.trim();
  const client = wanted ? clients.find((c) => c.clientId === wanted) : pickSystemClient(clients);
  if (!client) {
    const ids = clients.map((c) => c.clientId).join(", ");
    throw new CliError(
      wanted
        ? `${file} has no client ${wanted} that allows client_credentials (it has: ${ids}).`
        : `The clients in ${file} have no Secrets.`,
      wanted
        ? "Give --client-id one of the clients listed, or leave --client-id out to use the system client."
        : "Check the Secrets of the system client in the Identity Service's appsettings.json, or give --client-secret-file.",
    );
  }
  const [secret] = client.secrets;
  if (!secret) {
    throw new CliError(
      `The client ${client.clientId} in ${file} has no Secrets.`,
      "Check its Secrets in appsettings.json, or give --client-secret-file.",
    );
  }
  return { clientId: client.clientId, clientSecret: secret, source: `${file} (client ${client.clientId})` };
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The client secret: --client-secret-file, else --from-appsettings, else standard input (a hidden prompt
 * when it is a terminal). `stdin: false`: no standard input (null when neither file is given).
 */
export async function readClientSecret(
  sources: SecretSources,
  options: {
    stdin?: boolean;
    input?: NodeJS.ReadStream;
    prompt?: (message: string) => Promise<string | null>;
  } = {},
): Promise<ClientCredentials | null> {
  if (sources.clientSecretFile && sources.fromAppsettings) {
    throw new CliError(
      "Both --client-secret-file and --from-appsettings were given.",
      "Give one of them: the secret comes from one place.",
    );
  }
  if (sources.clientSecretFile) {
    const clientSecret = await readSecretFile(
      sources.clientSecretFile,
      "client secret",
      "--client-secret-file",
    );
    return { clientId: sources.clientId ?? null, clientSecret, source: sources.clientSecretFile };
  }
  if (sources.fromAppsettings) return fromAppSettings(sources.fromAppsettings, sources.clientId);
  if (options.stdin === false) return null;
  const input = options.input ?? process.stdin;
  if (input.isTTY) {
    const value = await (options.prompt ?? hiddenPrompt)("Identity Service client secret");
    if (!value) {
      throw new CliError(
        "No client secret was typed.",
        "Type it, or give --client-secret-file <file> or --from-appsettings <appsettings.json>.",
      );
    }
    return { clientId: sources.clientId ?? null, clientSecret: value, source: "the prompt" };
  }
  const value = stripFinalLineBreak(await readStdin(input));
  if (value === "") {
    throw new CliError(
      "No client secret: standard input was empty.",
      "Give --client-secret-file <file> or --from-appsettings <appsettings.json>, or pipe the secret in. It is never accepted as an argument.",
    );
  }
  return { clientId: sources.clientId ?? null, clientSecret: value, source: "standard input" };
}

/** A CA bundle (PEM) for a server whose certificate a public authority did not issue. */
export async function readCaFile(file: string, option: string): Promise<string> {
  try {
    const pem = await readFile(file, "utf8");
    if (!pem.includes("-----BEGIN CERTIFICATE-----")) {
      throw new CliError(
        `${file} holds no PEM certificate.`,
        `Give ${option} a file with the CA certificate in PEM form (-----BEGIN CERTIFICATE-----).`,
      );
    }
    return pem;
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "an error";
    throw new CliError(`Cannot read ${file} (${code}).`, `Check the path given to ${option}.`);
  }
}
