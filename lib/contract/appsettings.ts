// Reads the Identity Service's appsettings.json as pasted by the operator. No `server-only`: the
// step-3 form parses the pasted text in the browser. Its `Clients` value is a JSON array
// serialized into a string (a real array is accepted too).
import { type ParseError, parse as parseJsonc, printParseErrorCode } from "jsonc-parser";
import type { WizardError } from "@/lib/errors";
import { wizardError } from "@/lib/errors";

export interface IdentityClientEntry {
  clientId: string;
  clientName: string | null;
  secrets: string[];
  grantTypes: string[];
  scopes: string[];
}

export interface IdentityAppSettings {
  /** Clients that allow the client_credentials grant (the ones Creatio can use), in file order. */
  clients: IdentityClientEntry[];
}

export const MAX_APPSETTINGS_LENGTH = 1_000_000;

function invalid(problem: string): WizardError {
  return wizardError("appsettings:invalid", { problem });
}

/**
 * .NET reads appsettings.json with comments and trailing commas allowed; JSON.parse does not, so the
 * file is read as JSONC (jsonc-parser, the reader VS Code uses). Any syntax error throws.
 */
function parseLenient(text: string): unknown {
  const errors: ParseError[] = [];
  const value = parseJsonc(text.replace(/^\uFEFF/, ""), errors, {
    allowTrailingComma: true,
    disallowComments: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first) throw new SyntaxError(printParseErrorCode(first.error));
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A key, case-insensitively (.NET configuration keys are case-insensitive). */
function field(obj: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : obj[key];
}

/** The `Clients` value: at the top level, or in a section below it. */
function findClients(root: Record<string, unknown>, depth = 0): unknown {
  const direct = field(root, "Clients");
  if (direct !== undefined) return direct;
  if (depth >= 3) return undefined;
  for (const value of Object.values(root)) {
    if (isRecord(value)) {
      const found = findClients(value, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function stringList(value: unknown): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => {
    if (typeof item === "string") return item === "" ? [] : [item];
    // IdentityServer also writes secrets as {"Value": "..."}.
    if (isRecord(item)) {
      const inner = field(item, "Value");
      return typeof inner === "string" && inner !== "" ? [inner] : [];
    }
    return [];
  });
}

function toClient(raw: unknown): IdentityClientEntry | null {
  if (!isRecord(raw)) return null;
  const clientId = field(raw, "ClientId");
  if (typeof clientId !== "string" || clientId.trim() === "") return null;
  const clientName = field(raw, "ClientName");
  return {
    clientId,
    clientName: typeof clientName === "string" && clientName !== "" ? clientName : null,
    secrets: stringList(field(raw, "Secrets") ?? field(raw, "ClientSecrets")),
    grantTypes: stringList(field(raw, "AllowedGrantTypes")),
    scopes: stringList(field(raw, "AllowedScopes")),
  };
}

/** Parses pasted appsettings.json text; every bad input is a WizardError `appsettings:invalid`. */
export function parseIdentityAppSettings(text: string): IdentityAppSettings {
  if (typeof text !== "string" || text.trim() === "") {
    throw invalid("Nothing was pasted.");
  }
  if (text.length > MAX_APPSETTINGS_LENGTH) {
    throw invalid("The pasted text is far longer than an appsettings.json file.");
  }
  let root: unknown;
  try {
    root = parseLenient(text);
  } catch {
    throw invalid("The pasted text is not JSON. Copy the whole appsettings.json file, from { to }.");
  }
  if (!isRecord(root)) throw invalid("The pasted text is JSON, but not an appsettings.json object.");
  const rawClients = findClients(root);
  if (rawClients === undefined || rawClients === null || rawClients === "") {
    throw invalid("The pasted appsettings.json has no Clients key.");
  }
  let list: unknown = rawClients;
  if (typeof rawClients === "string") {
    try {
      list = parseLenient(rawClients);
    } catch {
      throw invalid("The Clients value cannot be read: it must be a JSON array written as a string.");
    }
  }
  if (!Array.isArray(list)) throw invalid("The Clients value is not a list of clients.");
  const clients = list
    .map(toClient)
    .filter((c): c is IdentityClientEntry => c !== null)
    .filter((c) => c.grantTypes.some((g) => g.toLowerCase() === "client_credentials"));
  if (clients.length === 0) {
    throw invalid("No client in Clients allows the client_credentials grant type, which Creatio needs.");
  }
  return { clients };
}

/**
 * The client Creatio should use: allows client_credentials (already filtered), has a secret, may register
 * resources. The step-3 paste box and the command line's `--from-appsettings` pick the same one.
 */
export function pickSystemClient(clients: IdentityClientEntry[]): IdentityClientEntry | null {
  const withSecret = clients.filter((c) => c.secrets.length > 0);
  return withSecret.find((c) => c.scopes.includes("register_own_resource")) ?? withSecret[0] ?? null;
}
