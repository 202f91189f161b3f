// The trainer's scenarios: each is a set of overrides on a fresh 8.1.2 .NET Framework install, with a
// paragraph that says what goes wrong and what the wizard should show.

import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_WRONG_CLIENT_SECRET } from "../identity/constants";
import type { DemoScenario, DemoScenarioInfo, DemoTenantOverrides } from "../types";
import type { ScenarioContext } from "./config";
import { DEMO_PASSWORD, DEMO_USER } from "./constants";

interface ScenarioDefinition {
  title: string;
  explanation: string;
  overrides(context: ScenarioContext): DemoTenantOverrides;
  /** Why this server cannot play it, or null when it can. */
  unavailable?(context: ScenarioContext): string | null;
}

/** Creatio saved the right values and the feature is on: steps 1 to 3 are done. */
function connectedSettings(context: ScenarioContext): DemoTenantOverrides {
  return {
    allEmployeesFeatureState: 1,
    settings: { url: context.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
  };
}

const SCENARIOS: Record<DemoScenario, ScenarioDefinition> = {
  "fresh-8.1-netfx": {
    title: "Fresh Creatio 8.1 on .NET Framework",
    explanation:
      "A new Creatio 8.1.2 install on .NET Framework (services under /0): the OAuth20Integration feature is " +
      "off for everyone but System administrators, the three OAuth20 system settings are empty and there is no " +
      "default resource. Nothing goes wrong: the wizard should walk through all four steps, enable the feature " +
      "for All employees (and clear the feature cache), save the settings, create the default resource and " +
      "finish with a green health check.",
    overrides: () => ({}),
  },
  "fresh-8.3-net": {
    title: "Fresh Creatio 8.3 on .NET",
    explanation:
      "A new Creatio 8.3.2 install on .NET (no /0 in service paths) with the renamed CRT_* cookies: the wizard " +
      "must send the CRT_CSRF header instead of BPMCSRF. OAuth20Integration is already on by default from " +
      "8.3.2, so step 1 should show as done; the wizard then saves the settings, creates the default resource " +
      "and shows the health check, which .NET builds offer only from 8.3.2.",
    overrides: () => ({ runtime: "net", version: "8.3.2.4321" }),
  },
  "already-connected": {
    title: "Already connected",
    explanation:
      "Someone finished the setup earlier on this Creatio 8.2: the feature is on for All employees, the settings " +
      "point at the demo Identity Service and one default resource exists. The wizard should detect every step " +
      "as done, never create a second default resource, and show a healthy connection (the secret shows as " +
      "'set', never its value).",
    overrides: (context) => ({
      ...connectedSettings(context),
      version: "8.2.1.1234",
      defaultResources: 1,
      healthCheckReportsDefaultResource: true,
    }),
  },
  "identity-down": {
    title: "Identity Service down",
    explanation:
      "The Identity Service address the trainee is given answers nothing: no program listens on that port, as " +
      "when the IIS site is stopped or failed to start (HTTP 500.30). The wizard should say that it cannot reach " +
      "the Identity Service (connection refused) before saving anything to Creatio, and suggest checking that " +
      "the site runs and that /.well-known/openid-configuration opens.",
    overrides: (context) => ({ identityService: { url: context.deadIdentityUrl } }),
  },
  "wrong-secret": {
    title: "Wrong client secret (invalid_client)",
    explanation:
      "The administrator edited the secret in the Identity Service's appsettings.json and saved the new value in " +
      "Creatio too, but the service copied its Clients into its database at first start and ignores later edits: " +
      "it still expects the old secret. Steps 1 to 3 look done, yet the token request answers invalid_client and " +
      "the health check says Creatio cannot get an access token. The wizard should explain the database copy and " +
      "the fix (delete the rows in Clients, ClientScopes, ClientSecrets and ClientClaims, restart the service); " +
      "to finish the demo, save the service's original demo secret instead.",
    overrides: (context) => ({
      allEmployeesFeatureState: 1,
      settings: {
        url: context.identityUrl,
        clientId: DEMO_CLIENT_ID,
        clientSecret: DEMO_WRONG_CLIENT_SECRET,
      },
      identityService: { clientSecret: DEMO_WRONG_CLIENT_SECRET },
    }),
  },
  "unreachable-from-creatio": {
    title: "Identity Service reachable from the wizard, not from Creatio",
    explanation:
      "The Identity Service answers the wizard (discovery and token both work from the trainee's side), but the " +
      "Creatio server cannot reach that address, as with a firewall, a DNS name only the office knows, or " +
      "'localhost' in the URL. After saving, Creatio's health check says the Identity Service is unavailable and " +
      "creating the default resource fails with 'Unable to connect to OAuth server'. The wizard should say that " +
      "the two sides disagree and which side sees what.",
    overrides: (context) => ({ unreachableFromCreatio: [new URL(context.identityUrl).host] }),
  },
  "no-rights": {
    title: "Operator without rights",
    explanation:
      "The Supervisor account of this Creatio lacks the CanManageSysSettings and CanManageSolution rights. " +
      "Saving the settings answers false for every code and creating the default resource fails. The wizard " +
      "should name the missing right for each step and tell the trainee to ask an administrator to grant it, " +
      "without claiming that anything was saved.",
    overrides: () => ({
      users: {
        [DEMO_USER]: {
          password: DEMO_PASSWORD,
          loginCode: 0,
          canManageSysSettings: false,
          canManageSolution: false,
        },
      },
    }),
  },
  "slow-resource": {
    title: "Slow default-resource creation",
    explanation:
      "Steps 1 to 3 are already done; creating the default resource takes about eight seconds because Creatio " +
      "calls the Identity Service. The wizard should show that it is working, keep the button from being pressed " +
      "twice (the call is not idempotent: a second one fails with ItemAlreadyExistException), and then check " +
      "that exactly one default resource exists.",
    overrides: (context) => ({ ...connectedSettings(context), addDefaultResourceDelayMs: 8000 }),
  },
  "session-expiry": {
    title: "Session expires mid-wizard",
    explanation:
      "The Creatio session ends after 30 seconds without a call (the trainer can also end it at once with " +
      "'expire sessions'). The next call answers 401 or a redirect to the login page. The wizard should say " +
      "that the Creatio session expired, ask to sign in again and keep what was already done.",
    overrides: () => ({ sessionTtlMs: 30_000 }),
  },
  "two-default-resources": {
    title: "Two default resources",
    explanation:
      "On this Creatio 8.2 the OAuth page and the hourly maintenance process each created a default resource, so " +
      "there are two. Saving OAuth apps then fails with 'More than one default resource found', and Creatio does " +
      "not allow deleting resources. The wizard should report the two resources by name, refuse to create a " +
      "third, and point to Creatio support.",
    overrides: (context) => ({
      ...connectedSettings(context),
      version: "8.2.0.1234",
      defaultResources: 2,
      healthCheckReportsDefaultResource: true,
    }),
  },
  "old-version-no-healthcheck": {
    title: "Old version without the health check",
    explanation:
      "Creatio 8.0.10 has no OAuth health check (the endpoint answers 404) and still carries the older " +
      "IdentityServer* settings beside the OAuth20* ones. The wizard should say that this version cannot report " +
      "the connection state, fall back to its own checks (Identity Service discovery and token from the wizard's " +
      "side), and mention the older settings without changing them.",
    overrides: () => ({ version: "8.0.10.1234", legacySettings: true }),
  },
  "self-signed-identity": {
    title: "Self-signed HTTPS on the Identity Service",
    explanation:
      "The Identity Service runs on HTTPS with a certificate signed by a private demo CA that the wizard's host " +
      "does not trust (the Creatio server has it installed). The wizard's discovery request fails with an " +
      "untrusted-certificate error; the wizard should say so plainly, show the certificate's fingerprint and let " +
      "the trainee trust the demo CA for this connection, after which everything works.",
    overrides: (context) => ({ identityService: { url: context.tlsIdentityUrl ?? "" } }),
    unavailable: (context) =>
      context.tlsIdentityUrl
        ? null
        : "The demo's HTTPS Identity Service is not running (the demo was started without it, or its certificate could not be made).",
  },
  "tokens-rejected": {
    title: "Creatio rejects the Identity Service's tokens",
    explanation:
      "Steps 1 to 4 are done and the health check is green, but the Identity Service's signing certificate " +
      "(PFX) was regenerated and Creatio was not restarted: it still holds the old keys. An integration gets a " +
      "token for its own client, and Creatio refuses it (401, invalid_token). Step 5 should create its temporary " +
      "app, get a token, show that Creatio rejected it with the checklist (keys, audience, clock, user, proxy), " +
      "and delete the app again, leaving no 'IS wizard proof' app behind.",
    overrides: (context) => ({
      ...connectedSettings(context),
      version: "8.2.1.1234",
      defaultResources: 1,
      proof: { staleKeys: true },
    }),
  },
  "integration-user-lacks-rights": {
    title: "Integration user lacks rights",
    explanation:
      "Steps 1 to 4 are done; the token of an integration is accepted, but the Creatio user it is bound to may " +
      "not read contacts, so every read answers success:false with a security message. Step 5 should say that " +
      "Creatio accepted the token (authentication works) but that the bound user lacks rights, name the user, " +
      "and delete its temporary app.",
    overrides: (context) => ({
      ...connectedSettings(context),
      version: "8.2.1.1234",
      defaultResources: 1,
      proof: { boundUserCannotRead: true },
    }),
  },
};

export function scenarioOverrides(scenario: DemoScenario, context: ScenarioContext): DemoTenantOverrides {
  return SCENARIOS[scenario].overrides(context);
}

export function scenarioUnavailableReason(scenario: DemoScenario, context: ScenarioContext): string | null {
  return SCENARIOS[scenario].unavailable?.(context) ?? null;
}

export function scenarioInfos(context: ScenarioContext): DemoScenarioInfo[] {
  return (Object.keys(SCENARIOS) as DemoScenario[]).map((id) => {
    const reason = scenarioUnavailableReason(id, context);
    const { title, explanation } = SCENARIOS[id];
    return reason
      ? { id, title, explanation, available: false, unavailableReason: reason }
      : { id, title, explanation, available: true };
  });
}
