// URL checks shared by the browser forms and the server. No `server-only`: client components import it.
import { z } from "zod";
import { WizardError } from "@/lib/errors";

export const MAX_URL_LENGTH = 2048;

export type UrlCheck = { ok: true; url: string } | { ok: false; problem: string };

const HTTP_PREFIX = /^https?:\/\//i;
// Something that names a scheme: `ftp://`, `javascript:`, `data:`... (but not `host:8080`).
const OTHER_SCHEME =
  /^(?:[a-z][a-z0-9+.-]*:\/\/|(?:javascript|vbscript|data|file|mailto|about|blob|ftp|ws|wss):)/i;

interface NormalizeOptions {
  /** Remove a trailing `/0` (the .NET Framework services prefix) after the trailing slashes. */
  stripRuntimePrefix: boolean;
  what: string;
  example: string;
}

function checkHttpUrl(input: unknown, opts: NormalizeOptions): UrlCheck {
  if (typeof input !== "string") return { ok: false, problem: `Type the ${opts.what} address.` };
  const text = input.trim();
  if (text === "")
    return { ok: false, problem: `Type the ${opts.what} address, for example ${opts.example}.` };
  if (text.length > MAX_URL_LENGTH) {
    return { ok: false, problem: `The address is longer than ${MAX_URL_LENGTH} characters.` };
  }
  if (/\s/.test(text)) return { ok: false, problem: "The address contains a space. Remove it." };
  if (!HTTP_PREFIX.test(text)) {
    if (OTHER_SCHEME.test(text)) {
      return { ok: false, problem: "Only http:// and https:// addresses are supported." };
    }
    return { ok: false, problem: `Start the address with https:// or http://, for example ${opts.example}.` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: `This is not a valid web address. Example: ${opts.example}.` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, problem: "Only http:// and https:// addresses are supported." };
  }
  if (url.username !== "" || url.password !== "" || /^https?:\/\/[^/]*@/i.test(text)) {
    return {
      ok: false,
      problem: "Remove the user name and password from the address. Type them in their own fields.",
    };
  }
  if (text.includes("?") || text.includes("#")) {
    return { ok: false, problem: "Remove the part that starts with ? or # from the address." };
  }
  if (url.hostname === "") return { ok: false, problem: "The address has no host name." };

  let path = url.pathname;
  for (;;) {
    const before = path;
    path = path.replace(/\/+$/, "");
    if (opts.stripRuntimePrefix) path = path.replace(/\/0$/, "");
    if (path === before) break;
  }
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}

const CREATIO_URL_OPTIONS: NormalizeOptions = {
  stripRuntimePrefix: true,
  what: "Creatio",
  example: "https://creatio.example.com",
};
const IDENTITY_URL_OPTIONS: NormalizeOptions = {
  stripRuntimePrefix: false,
  what: "Identity Service",
  example: "https://identity.example.com:8090",
};

/** The site root `B` of the contract: trimmed, http(s) only, no trailing `/` or `/0`. */
export function checkCreatioUrl(input: unknown): UrlCheck {
  return checkHttpUrl(input, CREATIO_URL_OPTIONS);
}

/** The Identity Service root, stored without a trailing slash (else Creatio calls `//connect/token`). */
export function checkIdentityUrl(input: unknown): UrlCheck {
  return checkHttpUrl(input, IDENTITY_URL_OPTIONS);
}

function invalidUrl(problem: string, opts: NormalizeOptions): WizardError {
  return new WizardError(
    "input:invalid-url",
    problem,
    `Type the address of the ${opts.what} site as it opens in a browser, for example ${opts.example}.`,
  );
}

/** Normalised Creatio site root; throws WizardError `input:invalid-url` (plain message) on bad input. */
export function normalizeCreatioUrl(input: string): string {
  const result = checkCreatioUrl(input);
  if (!result.ok) throw invalidUrl(result.problem, CREATIO_URL_OPTIONS);
  return result.url;
}

/** Normalised Identity Service root; throws WizardError `input:invalid-url` (plain message) on bad input. */
export function normalizeIdentityUrl(input: string): string {
  const result = checkIdentityUrl(input);
  if (!result.ok) throw invalidUrl(result.problem, IDENTITY_URL_OPTIONS);
  return result.url;
}

function urlSchema(check: (input: unknown) => UrlCheck) {
  return z.string({ error: "Type the address." }).transform((value, ctx) => {
    const result = check(value);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: result.problem });
      return z.NEVER;
    }
    return result.url;
  });
}

/** Form field "Creatio URL": parses to the normalised site root. */
export const creatioUrlSchema = urlSchema(checkCreatioUrl);

/** Form field "Identity Service URL": parses to the URL without trailing slash. */
export const identityUrlSchema = urlSchema(checkIdentityUrl);
