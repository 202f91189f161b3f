// The targets file of `check --targets`: a JSON list of Creatio instances. It names where each password
// is (an environment variable or a file), never the password itself.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { CliError } from "./errors";

const text = (what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .min(1, { error: `${what} is empty.` });

export const targetSchema = z
  .strictObject(
    {
      name: text("name"),
      creatio: text("creatio"),
      user: text("user"),
      passwordEnv: text("passwordEnv").optional(),
      passwordFile: text("passwordFile").optional(),
      /** Optional: the Identity Service to test from this host (else what Creatio holds). */
      isUrl: text("isUrl").optional(),
      clientId: text("clientId").optional(),
      /** Optional: the client secret, for the token check from this host. */
      clientSecretFile: text("clientSecretFile").optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys" && issue.keys.some((k) => /password|secret/i.test(k))
          ? `${issue.keys.join(", ")}: a targets file never holds a password or secret; name its environment variable (passwordEnv) or file (passwordFile).`
          : undefined,
    },
  )
  .refine((t) => (t.passwordEnv === undefined) !== (t.passwordFile === undefined), {
    error:
      "give exactly one of passwordEnv (an environment variable's name) or passwordFile (a file's path).",
  });

export type Target = z.infer<typeof targetSchema>;

export const targetsSchema = z
  .array(targetSchema, { error: "The file must hold a JSON list of instances: [{ ... }, ...]." })
  .min(1, { error: "The list of instances is empty." })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((t, i) => {
      if (seen.has(t.name))
        ctx.addIssue({ code: "custom", path: [i, "name"], message: `"${t.name}" is used twice.` });
      seen.add(t.name);
    });
  });

/** Reads and checks the targets file; paths inside it are relative to the file's own folder. */
export async function readTargets(file: string): Promise<Target[]> {
  let raw: string;
  try {
    raw = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "an error";
    throw new CliError(
      `Cannot read the targets file ${file} (${code}).`,
      "Check the path given to --targets.",
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(raw.replace(/^\uFEFF/, ""));
  } catch {
    throw new CliError(
      `The targets file ${file} is not JSON.`,
      'Write a JSON list: [{ "name": "prod", "creatio": "https://creatio.example.com", "user": "Supervisor", "passwordEnv": "PROD_PASSWORD" }].',
    );
  }
  const parsed = targetsSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? `entry ${issue.path.map(String).join(".")}` : "the file";
      return `${where}: ${issue.message}`;
    });
    throw new CliError(
      `The targets file ${file} has problems: ${problems.join("; ")}`,
      'Each entry: { "name", "creatio", "user", and "passwordEnv" or "passwordFile" }.',
    );
  }
  const dir = path.dirname(path.resolve(file));
  return parsed.data.map((t) => ({
    ...t,
    ...(t.passwordFile ? { passwordFile: path.resolve(dir, t.passwordFile) } : {}),
    ...(t.clientSecretFile ? { clientSecretFile: path.resolve(dir, t.clientSecretFile) } : {}),
  }));
}
