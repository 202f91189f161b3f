import "server-only";
import { type CreatioConnection, exchange, servicePath } from "./request";
import { healthCheckAnswerSchema } from "./schemas";
import type { HealthCheckResult } from "./types";

// The OAuth health check (docs/creatio-api.md §4.5). Whether it needs a session and whether it
// exists at all vary by version and runtime, so every documented answer is a result, not an error;
// only "no answer at all" (network, TLS) throws.

export const HEALTH_CHECK_PATH = "/api/OAuthHealthCheck";

export async function getOAuthHealth(conn: CreatioConnection): Promise<HealthCheckResult> {
  const answer = await exchange(conn, { method: "GET", path: servicePath(conn, HEALTH_CHECK_PATH) });
  const { status } = answer;
  if ((status === 200 || status === 500) && !answer.html) {
    const parsed = healthCheckAnswerSchema.safeParse(answer.json);
    if (parsed.success) {
      const h = parsed.data;
      return {
        available: true,
        httpStatus: status,
        hasProblem: h.HasProblem,
        isSystemSettingsFilledIn: h.IsSystemSettingsFilledIn ?? null,
        isIdentityServiceAvailable: h.IsIdentityServiceAvailable ?? null,
        isAccessTokenRetrievableForSystemActions: h.IsAccessTokenRetrievableForSystemActions ?? null,
        isDefaultResourceRegistered: h.IsDefaultResourceRegistered ?? null,
        message: h.Message ?? null,
      };
    }
  }
  const reason: Extract<HealthCheckResult, { available: false }>["reason"] = answer.loginRedirect
    ? "login-redirect"
    : status === 401
      ? "unauthorized"
      : status === 404
        ? "absent"
        : answer.html
          ? "html"
          : "unexpected";
  if (reason === "unexpected") answer.record.error = "creatio:unexpected";
  return { available: false, reason, httpStatus: status };
}
