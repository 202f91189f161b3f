// The last safety net before any output leaves the server: every secret value is replaced, in every form
// it could take in text (as is, JSON-escaped, URL- or form-encoded). Secrets are never meant to reach a
// check or report in the first place; this catches what a server echoed back by surprise.

export const REDACTED = "<REDACTED>";

function formsOf(secret: string): string[] {
  return [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    new URLSearchParams({ s: secret }).toString().slice(2),
  ];
}

function uniqueForms(secrets: readonly (string | null | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== "string" || secret === "") continue;
    for (const form of formsOf(secret)) forms.add(form);
  }
  // Longest first, so that a secret containing another one is replaced whole.
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with every form of every non-empty secret replaced by `<REDACTED>`. */
export function redactSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const form of uniqueForms(secrets)) out = out.split(form).join(REDACTED);
  return out;
}

/** A copy of a JSON-like value with every string (keys included) redacted; keeps JSON structure intact. */
export function redactDeep<T>(value: T, secrets: readonly (string | null | undefined)[]): T {
  const forms = uniqueForms(secrets);
  const clean = (text: string) => {
    let out = text;
    for (const form of forms) out = out.split(form).join(REDACTED);
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return clean(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [clean(k), walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}

// Secrets of a run stay on the server, beside the run, where serialization cannot reach them.
const runSecrets = new WeakMap<object, string[]>();

export function rememberSecrets(run: object, secrets: readonly (string | null | undefined)[]): void {
  const kept = runSecrets.get(run) ?? [];
  for (const s of secrets) if (typeof s === "string" && s !== "") kept.push(s);
  runSecrets.set(run, kept);
}

/** The password, client secret and cookie values a run used (empty for a run rebuilt from JSON). */
export function secretsOf(run: object): string[] {
  return [...(runSecrets.get(run) ?? [])];
}
