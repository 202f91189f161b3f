import "server-only";
// The wizard host's own view of the Identity Service: its discovery document, then a
// client-credentials token. Shown beside Creatio's view (its health check).
import { fetchDiscovery, requestClientCredentialsToken } from "@/lib/identity/probe";
import { type CheckResult, checkFromError } from "./checks";
import { toActionError } from "./result";

export interface HostProbe {
  checks: CheckResult[];
  /** The discovery document answered: the wizard host reaches the Identity Service. */
  reaches: boolean;
}

const DISCOVERY_TITLE = "Identity Service answers from the wizard host";
const TOKEN_TITLE = "Client ID and secret get a token (from the wizard host)";

export async function probeFromWizardHost(input: {
  identityUrl: string;
  clientId: string;
  /** Empty: the token is not requested (Creatio's stored secret cannot be read back). */
  clientSecret: string;
}): Promise<HostProbe> {
  const checks: CheckResult[] = [];
  let discovery: Awaited<ReturnType<typeof fetchDiscovery>>;
  try {
    discovery = await fetchDiscovery(input.identityUrl);
  } catch (e) {
    checks.push(checkFromError("host-discovery", DISCOVERY_TITLE, toActionError(e)));
    checks.push({
      id: "host-token",
      title: TOKEN_TITLE,
      verdict: "unknown",
      sentence: "Not tested: the discovery document did not answer.",
    });
    return { checks, reaches: false };
  }
  checks.push({
    id: "host-discovery",
    title: DISCOVERY_TITLE,
    verdict: "passed",
    sentence:
      `The discovery document at ${input.identityUrl}/.well-known/openid-configuration answered` +
      (discovery.issuerMatches
        ? "."
        : `, naming another issuer (${discovery.issuer}): normal behind a proxy; otherwise check the URL.`),
    calls: discovery.calls,
  });
  if (!input.clientSecret) {
    checks.push({
      id: "host-token",
      title: TOKEN_TITLE,
      verdict: "unknown",
      sentence:
        "Not tested: no client secret was entered, and Creatio never gives its stored secret back. Creatio's health check proves the stored one.",
      fix: "Enter the client secret and press Test connection again to test it from here.",
    });
    return { checks, reaches: true };
  }
  try {
    const token = await requestClientCredentialsToken({
      identityUrl: input.identityUrl,
      clientId: input.clientId,
      clientSecret: input.clientSecret,
    });
    checks.push({
      id: "host-token",
      title: TOKEN_TITLE,
      verdict: "passed",
      sentence: `The token endpoint gave a client-credentials token${token.expiresIn ? ` (valid for ${token.expiresIn} s)` : ""}.`,
      calls: token.calls,
    });
  } catch (e) {
    checks.push(checkFromError("host-token", TOKEN_TITLE, toActionError(e)));
  }
  return { checks, reaches: true };
}
