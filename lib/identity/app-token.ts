import "server-only";
import * as oauth from "oauth4webapi";
import { z } from "zod";
import { normalizeIdentityUrl } from "@/lib/contract/url";
import { CallRecorder } from "@/lib/transport";
import { fail, fromTransport, oauthOptions, type ProbeOptions, peek, TOKEN_PATH } from "./probe";

const text = z.string().nullish();

/** `{IS}/connect/token` answer of an app (docs/creatio-api.md §4.6 step 4). */
export const appTokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().nullish(),
  token_type: z.string().nullish(),
  scope: text,
});

/** The claims the proof shows, decoded from the JWT without verifying it (never shown: the token). */
export const appTokenClaimsSchema = z.object({
  aud: z.union([z.string(), z.array(z.string())]).nullish(),
  scope: z.union([z.string(), z.array(z.string())]).nullish(),
  client_id: text,
  exp: z.number().nullish(),
  "prop:SysAdminUnitId": text,
});

// Step 5 (docs/creatio-api.md §4.6 step 4): a token for the temporary app's OWN client, exactly as an
// integration gets one: POST {IS}/connect/token, client_credentials, the pair in the form, no scope.
// The token stays on the server; only its decoded claims (never verified, never the token) are shown.

export interface AppToken {
  /** The JWT. Secret: keep it in memory, send it to Creatio once, drop it. */
  accessToken: string;
  expiresIn: number | null;
  scope: string | null;
  claims: AppTokenClaims;
}

/** What the proof shows of the token: its audience, scope and user, decoded without verifying. */
export interface AppTokenClaims {
  audience: string[];
  scope: string[];
  /** `prop:SysAdminUnitId`: the Creatio user every bearer call runs as. */
  sysAdminUnitId: string | null;
  /** Not a JWT (an opaque token): the claims cannot be read. */
  opaque: boolean;
}

const list = (value: string | string[] | null | undefined): string[] =>
  value == null ? [] : Array.isArray(value) ? value : value.split(" ").filter(Boolean);

/** Decodes the payload of a JWT without verifying it (the wizard is not the token's audience). */
export function decodeAppToken(token: string, fallbackScope: string | null = null): AppTokenClaims {
  const payload = token.split(".")[1];
  let raw: unknown;
  try {
    raw = payload ? JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) : undefined;
  } catch {
    raw = undefined;
  }
  const parsed = appTokenClaimsSchema.safeParse(raw);
  if (!parsed.success) {
    return { audience: [], scope: list(fallbackScope), sysAdminUnitId: null, opaque: true };
  }
  const claims = parsed.data;
  return {
    audience: list(claims.aud),
    scope: list(claims.scope ?? fallbackScope),
    sysAdminUnitId: claims["prop:SysAdminUnitId"]?.toLowerCase() ?? null,
    opaque: false,
  };
}

export type AppTokenError = "invalid_client" | "invalid_scope" | "unauthorized_client" | "other";

export interface AppTokenInput extends ProbeOptions {
  identityUrl: string;
  clientId: string;
  clientSecret: string;
}

/**
 * One token request. Throws a WizardError: `proof:token-invalid-client`, `-invalid-scope`,
 * `-unauthorized-client`, `proof:token-failed`, or the transport's / `identity:not-identity-service`.
 */
export async function requestAppToken(input: AppTokenInput): Promise<AppToken> {
  const base = normalizeIdentityUrl(input.identityUrl);
  const recorder = input.recorder ?? new CallRecorder();
  const tokenEndpoint = `${base}${TOKEN_PATH}`;
  const as: oauth.AuthorizationServer = { issuer: base, token_endpoint: tokenEndpoint };
  const client: oauth.Client = { client_id: input.clientId };
  let response: Response;
  try {
    response = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretPost(input.clientSecret),
      {},
      oauthOptions(base, recorder, input),
    );
  } catch (e) {
    fromTransport(e, base, recorder);
  }
  const { html, json } = await peek(response);
  if (html || response.status === 404 || json === undefined) {
    throw fail(recorder, "identity:not-identity-service", tokenEndpoint, { status: response.status });
  }
  if (response.status !== 200) {
    const error = (json as { error?: unknown } | null)?.error;
    const code =
      error === "invalid_client"
        ? "proof:token-invalid-client"
        : error === "invalid_scope"
          ? "proof:token-invalid-scope"
          : error === "unauthorized_client"
            ? "proof:token-unauthorized-client"
            : "proof:token-failed";
    throw fail(recorder, code, tokenEndpoint, {
      status: response.status,
      serverMessage: typeof error === "string" ? error : undefined,
    });
  }
  const answer = appTokenAnswerSchema.safeParse(json);
  if (!answer.success) {
    throw fail(recorder, "proof:token-failed", tokenEndpoint, {
      status: response.status,
      serverMessage: "The answer has no access_token.",
    });
  }
  const { access_token, expires_in, scope } = answer.data;
  return {
    accessToken: access_token,
    expiresIn: expires_in ?? null,
    scope: scope ?? null,
    claims: decodeAppToken(access_token, scope ?? null),
  };
}
