// Form schemas shared by react-hook-form in the browser and by the server actions, so both sides
// accept and refuse exactly the same input. Browser-safe: no server imports here.
import { z } from "zod";
import {
  CLIENT_ID_MAX_LENGTH,
  CLIENT_SECRET_MAX_LENGTH,
  hasControlCharacters,
  PASSWORD_MAX_LENGTH,
  SECRET_MASK,
  USER_NAME_MAX_LENGTH,
} from "@/lib/contract/creatio";
import { creatioUrlSchema, identityUrlSchema } from "@/lib/contract/url";
import { DEMO_SCENARIOS } from "@/lib/demo/types";

export const connectSchema = z.object({
  baseUrl: creatioUrlSchema,
  userName: z
    .string()
    .trim()
    .min(1, { error: "Enter the user name you sign in to Creatio with." })
    .max(USER_NAME_MAX_LENGTH, {
      error: `A Creatio user name has at most ${USER_NAME_MAX_LENGTH} characters.`,
    }),
  password: z
    .string()
    .min(1, { error: "Enter the password." })
    .max(PASSWORD_MAX_LENGTH, {
      error: `The password is longer than ${PASSWORD_MAX_LENGTH} characters: check what was pasted.`,
    }),
});
export type ConnectInput = z.input<typeof connectSchema>;

/**
 * Per-connection TLS trust, sent with "Connect": a CA certificate (PEM) or one certificate pinned
 * by its SHA-256 fingerprint after the operator saw it. Checked in depth by lib/creatio/tls.
 */
const trustFields = {
  caPem: z
    .string()
    .max(200_000, { error: "The CA certificate text is longer than 200,000 characters." })
    .optional(),
  fingerprint256: z.string().max(200, { error: "That is not a SHA-256 fingerprint." }).optional(),
};
export const trustSchema = z.object(trustFields).optional();
export type TrustInput = z.input<typeof trustSchema>;
export type ConnectValues = z.output<typeof connectSchema>;

/** What "Connect" sends: the form's values, the trust setting, and the page to open afterwards. */
export const connectRequestSchema = connectSchema.extend({
  ...trustFields,
  next: z.string().max(2048).optional(),
});
export type ConnectRequest = z.input<typeof connectRequestSchema>;
export type ConnectRequestValues = z.output<typeof connectRequestSchema>;

/** The connect page's "Check this address": the typed values, a password only when one is typed. */
export const checkAddressSchema = z.object({
  baseUrl: creatioUrlSchema,
  userName: z.string().trim().max(USER_NAME_MAX_LENGTH).optional(),
  password: z.string().max(PASSWORD_MAX_LENGTH).optional(),
  /** The last Connect with these same values failed at the sign-in: do not sign in again. */
  skipSignIn: z.boolean().optional(),
  ...trustFields,
});
export type CheckAddressInput = z.input<typeof checkAddressSchema>;
export type CheckAddressValues = z.output<typeof checkAddressSchema>;

/** The trust setting carried by a request's fields, or undefined when it carries none. */
export function trustOf(fields: { caPem?: string; fingerprint256?: string }) {
  const { caPem, fingerprint256 } = fields;
  return caPem || fingerprint256
    ? { ...(caPem ? { caPem } : {}), ...(fingerprint256 ? { fingerprint256 } : {}) }
    : undefined;
}

const clientIdSchema = z
  .string()
  .trim()
  .min(1, { error: "Enter the client ID (the ClientId of the system client in the Identity Service)." })
  .max(CLIENT_ID_MAX_LENGTH, {
    error: `Creatio stores at most ${CLIENT_ID_MAX_LENGTH} characters in OAuth20IdentityServerClientId.`,
  })
  .refine((v) => !/\s/.test(v) && !hasControlCharacters(v), {
    error: "The client ID cannot contain spaces or line breaks.",
  });

function clientSecretSchema(optional: boolean) {
  return z
    .string()
    .trim()
    .max(CLIENT_SECRET_MAX_LENGTH, {
      error: `The client secret is longer than ${CLIENT_SECRET_MAX_LENGTH} characters: check what was pasted.`,
    })
    .refine((v) => optional || v.length > 0, {
      error: "Enter the client secret (one of the Secrets of the system client).",
    })
    .refine((v) => v !== SECRET_MASK, {
      error:
        "This is the mask Creatio shows instead of the secret, not the secret itself. Enter the real secret.",
    });
}

/**
 * Step 3 form. `secretOptional` is true when Creatio already holds a secret: an empty field then
 * keeps the stored one. The server decides it from a live read, never from what the browser says.
 */
export function credentialsSchema(opts: { secretOptional: boolean }) {
  return z.object({
    // The Identity Service root, stored WITHOUT a trailing slash (with one, Creatio calls `//connect/token`).
    identityUrl: identityUrlSchema,
    clientId: clientIdSchema,
    clientSecret: clientSecretSchema(opts.secretOptional),
  });
}
export type CredentialsInput = z.input<ReturnType<typeof credentialsSchema>>;
export type CredentialsValues = z.output<ReturnType<typeof credentialsSchema>>;

/** "Test connection" needs no secret: without one only the discovery document is checked. */
export const testConnectionSchema = credentialsSchema({ secretOptional: true });

export const appSettingsPasteSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, { error: "Paste the content of the Identity Service's appsettings.json first." })
    .max(200_000, { error: "That is more than 200,000 characters: paste only appsettings.json." }),
});

export const demoTenantSchema = z.object({
  scenario: z.enum(DEMO_SCENARIOS).optional(),
});

/** Step 5, "Run the proof": keep the temporary app, or delete it at the end (the default). */
export const runProofSchema = z.object({ keep: z.boolean().default(false) });

/** Step 5 clean-up: the apps to delete by name (a retry), or none named: every leftover older than an hour. */
export const cleanUpProofSchema = z.object({
  names: z.array(z.string().max(300)).max(100).optional(),
});

/** Field errors keyed by form field, as react-hook-form's setError wants them. */
export type FieldErrors = Record<string, string[]>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const flat = z.flattenError(error);
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(flat.fieldErrors)) {
    if (Array.isArray(messages) && messages.length > 0) out[key] = messages as string[];
  }
  if (flat.formErrors.length > 0) out._form = flat.formErrors;
  return out;
}
