import { describe, expect, it } from "vitest";
import {
  certificateNotTrusted,
  defaultResourceFailed,
  diagnose,
  featureCache,
  healthCheckAbsent,
  identityServiceNotStarted,
  identityUnreachableFromCreatio,
  identityUnreachableFromWizard,
  invalidClient,
  missingRights,
  RULES,
  type RuleInput,
  tokenFromCreatioUrlRule,
  trailingSlashRule,
} from "./rules";
import {
  baseline,
  CREATIO_URL,
  check,
  IDENTITY_URL,
  withCheck,
  withHealth,
  wizardIdentityFails,
} from "./test-support";
import type { DiagnosisId } from "./types";

const UNREACHABLE_FROM_CREATIO = {
  hasProblem: true,
  httpStatus: 500,
  isIdentityServiceAvailable: false,
  isAccessTokenRetrievableForSystemActions: false,
  message: "IdentityService specified in system setting OAuth20IdentityServerUrl is unavailable.",
};
const TOKEN_REFUSED_TO_CREATIO = {
  hasProblem: true,
  httpStatus: 500,
  isAccessTokenRetrievableForSystemActions: false,
  message: "Can't retrieve access_token for system actions ...",
};

function ids(input: RuleInput): DiagnosisId[] {
  return diagnose(input).map((d) => d.id);
}

function withSettingsUrl(input: RuleInput, url: string): RuleInput {
  const settings = input.state.settings;
  if (!settings) throw new Error("baseline has settings");
  return { ...input, state: { ...input.state, settings: { ...settings, url } } };
}

describe("the baseline", () => {
  it("is a healthy connection on which no rule fires", () => {
    expect(diagnose(baseline())).toEqual([]);
  });

  it("every rule stays quiet when nothing was read at all", () => {
    const empty: RuleInput = {
      ...baseline(),
      groups: [],
      state: { settings: null, feature: null, defaultResources: null, health: null },
    };
    for (const rule of RULES) expect(rule(empty)).toBeNull();
  });
});

describe("1. reachable from the wizard but not from Creatio", () => {
  it("says which side sees what and asks to check DNS and firewall from the Creatio server", () => {
    const d = identityUnreachableFromCreatio(withHealth(baseline(), UNREACHABLE_FROM_CREATIO));
    expect(d?.id).toBe("identity-unreachable-from-creatio");
    expect(d?.message).toContain(`The wizard's server reaches the Identity Service at ${IDENTITY_URL}`);
    expect(d?.message).toContain("Creatio's server cannot reach");
    expect(d?.fix).toContain(
      "On the Creatio server, open https://is.example.com:8090/.well-known/openid-configuration",
    );
    expect(d?.fix).toContain("resolves is.example.com (DNS");
    expect(d?.fix).toContain("not localhost");
    expect(d?.fix).toContain("certificate"); // https: the Creatio server may not trust it either
  });

  it("explains localhost in OAuth20IdentityServerUrl", () => {
    const input = withSettingsUrl(withHealth(baseline(), UNREACHABLE_FROM_CREATIO), "http://localhost:8090");
    const d = identityUnreachableFromCreatio({ ...input, identityUrl: "http://localhost:8090" });
    expect(d?.message).toContain(
      "uses localhost, which on the Creatio server means the Creatio server itself",
    );
    expect(d?.fix).not.toContain("certificate");
  });

  it("names both addresses when the wizard tested another one than Creatio holds", () => {
    const input = withSettingsUrl(
      withHealth(baseline(), UNREACHABLE_FROM_CREATIO),
      "https://is.internal:8090",
    );
    expect(identityUnreachableFromCreatio(input)?.message).toContain(
      `the wizard tested ${IDENTITY_URL}, while OAuth20IdentityServerUrl holds https://is.internal:8090`,
    );
  });

  it("uses a failed default-resource creation as Creatio's view when there is no health check", () => {
    const input = {
      ...withHealth(baseline(), null),
      history: [{ code: "resource:identity-unreachable" as const }],
    };
    expect(ids(input)).toContain("identity-unreachable-from-creatio");
  });

  it("stays quiet when the wizard cannot reach it either (then the service is down)", () => {
    const input = wizardIdentityFails(
      withHealth(baseline(), UNREACHABLE_FROM_CREATIO),
      "tcp",
      "network:refused",
    );
    expect(identityUnreachableFromCreatio(input)).toBeNull();
    expect(ids(input)).toEqual(["identity-service-not-started"]);
  });

  it("the reverse: Creatio reaches it, the wizard does not", () => {
    const input = wizardIdentityFails(baseline(), "tcp", "network:timeout", {
      message: "is.example.com:8090 did not answer within 10 seconds.",
    });
    const d = identityUnreachableFromWizard(input);
    expect(d?.message).toContain(
      "Creatio's server reaches the Identity Service, but the wizard's server does not",
    );
    expect(d?.fix).toContain("nothing needs changing there");
    expect(d?.fix).toContain("is.example.com:8090");
    expect(identityUnreachableFromCreatio(input)).toBeNull();
    expect(identityUnreachableFromWizard(withHealth(input, UNREACHABLE_FROM_CREATIO))).toBeNull();
  });
});

describe("2. self-signed or untrusted certificate", () => {
  it("on Creatio", () => {
    const input = withCheck(
      baseline(),
      "creatio",
      check("tls", "fail", {
        code: "tls:self-signed",
        message: "creatio.example.com uses a self-signed HTTPS certificate.",
        fix: "Compare the certificate's SHA-256 fingerprint with the one on the server, then trust it.",
      }),
    );
    const d = certificateNotTrusted(input);
    expect(d?.message).toContain("Creatio's HTTPS certificate is not trusted by the wizard's server");
    expect(d?.message).toContain("self-signed");
    expect(d?.fix).toContain("fingerprint");
    expect(d?.evidence).toEqual(["creatio/tls"]);
  });

  it("on the Identity Service, with what Creatio's server needs too", () => {
    const input = wizardIdentityFails(baseline(), "tls", "tls:untrusted", {
      message:
        "The HTTPS certificate of is.example.com:8090 is not issued by an authority the wizard trusts.",
      fix: "Upload the certificate of your company's certificate authority (PEM).",
    });
    const d = certificateNotTrusted(input);
    expect(d?.message).toContain("The Identity Service's HTTPS certificate is not trusted");
    expect(d?.fix).toContain("Trusted Root Certification Authorities");
    expect(d?.fix).toContain("Upload the certificate");
  });

  it("when the wizard trusts it only through a pin and Creatio cannot reach the service", () => {
    let input = withHealth(baseline(), UNREACHABLE_FROM_CREATIO);
    input = withCheck(
      input,
      "identity-from-wizard",
      check("tls", "pass", {
        facts: { "trusted through": "pinned certificate (SHA-256 fingerprint)", "self-signed": true },
      }),
    );
    expect(certificateNotTrusted(input)?.message).toContain("most likely it does not trust that certificate");
  });

  it("stays quiet for a publicly trusted certificate, even when Creatio cannot reach the service", () => {
    expect(certificateNotTrusted(withHealth(baseline(), UNREACHABLE_FROM_CREATIO))).toBeNull();
  });

  it("stays quiet for other TLS-layer failures that are not about the certificate", () => {
    const input = wizardIdentityFails(baseline(), "tcp", "network:refused");
    expect(certificateNotTrusted(input)).toBeNull();
  });
});

describe("3. invalid_client after an appsettings.json edit", () => {
  it("fires on the wizard's refused token, with the table clean-up and the restart", () => {
    const input = wizardIdentityFails(baseline(), "token", "identity:invalid-client", {
      facts: { "client id": "IdServiceUser" },
    });
    const d = invalidClient(withHealth(input, TOKEN_REFUSED_TO_CREATIO));
    expect(d?.message).toContain("refused the client id IdServiceUser and its secret (invalid_client)");
    expect(d?.message).toContain("Creatio's health check sees the same refusal");
    for (const table of ["Clients", "ClientScopes", "ClientSecrets", "ClientClaims"]) {
      expect(d?.fix).toContain(table);
    }
    expect(d?.fix).toContain("restart the Identity Service site");
  });

  it("when only Creatio's pair is refused and the wizard's works, asks to save again", () => {
    const d = invalidClient(withHealth(baseline(), TOKEN_REFUSED_TO_CREATIO));
    expect(d?.message).toContain("the Identity Service refuses the pair saved in Creatio");
    expect(d?.fix).toContain("Save the client id and secret again in step 3");
  });

  it("when the wizard has no secret to test, explains both causes from Creatio's view", () => {
    let input = withHealth(baseline(), TOKEN_REFUSED_TO_CREATIO);
    input = withCheck(input, "identity-from-wizard", check("token", "not-run"));
    const d = invalidClient(input);
    expect(d?.message).toContain("refuses the client id and secret saved in Creatio");
    expect(d?.fix).toContain("ClientClaims");
  });

  it("stays quiet when a trailing slash explains the refused token", () => {
    const input = withSettingsUrl(withHealth(baseline(), TOKEN_REFUSED_TO_CREATIO), `${IDENTITY_URL}/`);
    expect(invalidClient(input)).toBeNull();
    expect(ids(input)).toEqual(["trailing-slash"]);
  });

  it("stays quiet when the token works from both sides", () => {
    expect(invalidClient(baseline())).toBeNull();
  });
});

describe("4. the Identity Service site does not start", () => {
  // Creatio has not said anything yet (settings not saved): only the wizard's view counts.
  const noCreatioView = () => withHealth(baseline(), null);

  it("connection refused", () => {
    const d = identityServiceNotStarted(wizardIdentityFails(noCreatioView(), "tcp", "network:refused"));
    expect(d?.message).toContain("Nothing answers at is.example.com:8090");
    expect(d?.fix).toContain("500.30");
    expect(d?.fix).toContain("certificate path");
    expect(d?.fix).toContain("private key type");
    expect(d?.fix).toContain('"Load User Profile"');
  });

  it("HTTP 500.30 on the discovery document, seen by Creatio too", () => {
    const input = wizardIdentityFails(
      withHealth(baseline(), UNREACHABLE_FROM_CREATIO),
      "discovery",
      "identity:unexpected",
      {
        calls: [
          { method: "GET", url: `${IDENTITY_URL}/.well-known/openid-configuration`, status: 500, ms: 3 },
        ],
      },
    );
    const d = identityServiceNotStarted(input);
    expect(d?.message).toContain("answers HTTP 500");
    expect(d?.message).toContain("500.30");
    expect(d?.message).toContain("Creatio's health check cannot reach it either");
  });

  it("stays quiet on a timeout (a firewall, not a stopped site)", () => {
    expect(
      identityServiceNotStarted(wizardIdentityFails(noCreatioView(), "tcp", "network:timeout")),
    ).toBeNull();
  });

  it("stays quiet when Creatio reaches the service (then only the wizard's side is cut off)", () => {
    const refused = wizardIdentityFails(baseline(), "tcp", "network:refused");
    expect(identityServiceNotStarted(refused)).toBeNull();
    expect(ids(refused)).toEqual(["identity-unreachable-from-wizard"]);
  });
});

describe("5. trailing slash in OAuth20IdentityServerUrl", () => {
  it("shows the double slash Creatio will call and the address to save", () => {
    const d = trailingSlashRule(withSettingsUrl(baseline(), `${IDENTITY_URL}/`));
    expect(d?.message).toContain("https://is.example.com:8090//connect/token");
    expect(d?.fix).toContain("without the trailing slash, https://is.example.com:8090, in step 3");
  });

  it("stays quiet without one", () => {
    expect(trailingSlashRule(baseline())).toBeNull();
  });
});

describe("6. token asked from the Creatio URL", () => {
  it("fires when OAuth20IdentityServerUrl is Creatio's own address", () => {
    const d = tokenFromCreatioUrlRule(withSettingsUrl(baseline(), `${CREATIO_URL}/0`));
    expect(d?.message).toContain("points at Creatio itself");
    expect(d?.fix).toContain("port 8090");
  });

  it("fires when the token endpoint answered HTML", () => {
    const input = wizardIdentityFails(baseline(), "token", "identity:not-identity-service");
    expect(tokenFromCreatioUrlRule(input)?.message).toContain(
      "returned a web page instead of the Identity Service's JSON",
    );
  });

  it("stays quiet for the Identity Service on Creatio's host but another port", () => {
    expect(
      tokenFromCreatioUrlRule(withSettingsUrl(baseline(), "https://creatio.example.com:8090")),
    ).toBeNull();
  });
});

describe("7. feature enabled but the section not visible", () => {
  const withFeature = (allEmployeesState: 0 | 1 | null, currentUserState: 0 | 1 | null): RuleInput => {
    const input = baseline();
    const feature = input.state.feature;
    if (!feature) throw new Error("baseline has a feature");
    return {
      ...input,
      state: { ...input.state, feature: { ...feature, allEmployeesState, currentUserState } },
    };
  };

  it("fires when All employees have it but Creatio still answers off for the user (feature cache)", () => {
    const d = featureCache(withFeature(1, 0));
    expect(d?.message).toContain("feature cache");
    expect(d?.message).toContain("Supervisor");
    expect(d?.fix).toContain("refresh every open Creatio page");
  });

  it("stays quiet when the user sees it on, or when it is simply not enabled yet", () => {
    expect(featureCache(withFeature(1, 1))).toBeNull();
    expect(featureCache(withFeature(null, 0))).toBeNull();
  });
});

describe("8. default resource creation fails", () => {
  const noResource = (): RuleInput => {
    const input = baseline();
    return { ...input, state: { ...input.state, defaultResources: { count: 0, names: [] } } };
  };

  it("more than one default resource", () => {
    const input = baseline();
    const d = defaultResourceFailed({
      ...input,
      state: {
        ...input.state,
        defaultResources: { count: 2, names: ["ApplicationAccess_a", "ApplicationAccess_b"] },
      },
    });
    expect(d?.message).toContain("2 default resources (ApplicationAccess_a, ApplicationAccess_b)");
    expect(d?.fix).toContain("contact Creatio support");
  });

  it("has its own message and fix for each cause", () => {
    const expected = {
      "resource:identity-unreachable": [
        "could not reach the Identity Service",
        "reachable from the Creatio server",
      ],
      "resource:bad-credentials": ["refused Creatio's client id and secret", "ClientClaims"],
      "rights:solution": ["CanManageSolution", "Can manage solution"],
      "resource:oauth-disabled": ["switched off", "Feature-EnableOAuth20Integration"],
      "resource:failed": ['Creatio said: "Boom."', "application log"],
    } as const;
    const seen = new Set<string>();
    for (const [code, [inMessage, inFix]] of Object.entries(expected)) {
      const d = defaultResourceFailed({
        ...noResource(),
        history: [{ code: code as keyof typeof expected, creatioMessage: "Boom." }],
      });
      expect(d?.message).toContain(inMessage);
      expect(d?.fix).toContain(inFix);
      seen.add(`${d?.message}|${d?.fix}`);
    }
    expect(seen.size).toBe(Object.keys(expected).length);
  });

  it("stays quiet once exactly one default resource exists, whatever failed before", () => {
    expect(defaultResourceFailed({ ...baseline(), history: [{ code: "resource:failed" }] })).toBeNull();
    expect(defaultResourceFailed(noResource())).toBeNull();
  });
});

describe("9. missing rights", () => {
  it("names the right from the rights check", () => {
    const input = withCheck(
      baseline(),
      "creatio",
      check("rights-sys-settings", "warn", { code: "rights:sys-settings" }),
    );
    const d = missingRights(input);
    expect(d?.message).toContain("Supervisor lacks");
    expect(d?.message).toContain("CanManageSysSettings");
    expect(d?.message).not.toContain("CanManageSolution");
    expect(d?.fix).toContain("Operation permissions");
  });

  it("names both, from a check and from an earlier failure", () => {
    const input = {
      ...withCheck(
        baseline(),
        "creatio",
        check("rights-sys-settings", "warn", { code: "rights:sys-settings" }),
      ),
      history: [{ code: "rights:solution" as const }],
    };
    const d = missingRights(input);
    expect(d?.message).toContain("CanManageSysSettings");
    expect(d?.message).toContain("CanManageSolution");
    expect(d?.fix).toContain("grant them");
  });

  it("stays quiet when Creatio would not say (an unknown answer is not a missing right)", () => {
    const input = withCheck(baseline(), "creatio", check("rights-solution", "warn"));
    expect(missingRights(input)).toBeNull();
  });
});

describe("10. health check absent on old or .NET builds", () => {
  const absent = { available: false, reason: "absent", httpStatus: 404 } as const;

  it("on an old .NET Framework build, naming the version and where the health check begins", () => {
    const input = {
      ...withHealth(baseline(), absent),
      creatio: { ...baseline().creatio, version: "8.0.10.1234" },
    };
    const d = healthCheckAbsent(input);
    expect(d?.message).toContain(
      "Creatio 8.0.10.1234 on .NET Framework has no OAuth health check (HTTP 404)",
    );
    expect(d?.fix).toContain("stand in for Creatio's view");
    expect(d?.fix).toContain("8.1.2 or later");
  });

  it("on a build that should have it, says it did not answer", () => {
    expect(healthCheckAbsent(withHealth(baseline(), absent))?.message).toContain(
      "Creatio 8.1.2.3842 on .NET Framework did not answer its OAuth health check (api/OAuthHealthCheck: HTTP 404)",
    );
  });

  it("on .NET before 8.3.2", () => {
    const input = {
      ...withHealth(baseline(), { available: false, reason: "login-redirect", httpStatus: 302 }),
      creatio: { ...baseline().creatio, runtime: "net" as const, version: "8.2.1.1000" },
    };
    const d = healthCheckAbsent(input);
    expect(d?.message).toContain("Creatio 8.2.1.1000 on .NET has no OAuth health check");
    expect(d?.fix).toContain("8.3.2 or later");
  });

  it("stays quiet when the health check answers", () => {
    expect(healthCheckAbsent(baseline())).toBeNull();
    expect(healthCheckAbsent(withHealth(baseline(), TOKEN_REFUSED_TO_CREATIO))).toBeNull();
  });
});

describe("words", () => {
  it("no message or fix says 'Something went wrong', and each is a plain sentence", () => {
    const inputs: RuleInput[] = [
      withHealth(baseline(), UNREACHABLE_FROM_CREATIO),
      wizardIdentityFails(withHealth(baseline(), null), "tcp", "network:refused"),
      wizardIdentityFails(baseline(), "token", "identity:invalid-client"),
      withSettingsUrl(baseline(), `${IDENTITY_URL}/`),
      withHealth(baseline(), { available: false, reason: "absent", httpStatus: 404 }),
    ];
    for (const d of inputs.flatMap(diagnose)) {
      expect(`${d.message} ${d.fix}`).not.toMatch(/something went wrong/i);
      expect(d.message).toMatch(/[.)"]$/);
      expect(d.fix).toMatch(/[.)]$/);
    }
  });
});
