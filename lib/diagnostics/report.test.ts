import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy, viaProxy } from "@/lib/creatio/test-support/demo";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type RunningDemo, startDemo } from "@/lib/demo";
import { redactDeep, redactSecrets } from "./redact";
import { buildReport, escapeMarkdown, renderReport, WIZARD_VERSION } from "./report";
import { runDiagnostics } from "./run";
import type { DiagnosticsRun } from "./types";

// The downloaded report never holds a secret: built from runs that used a real password, a real client
// secret and a live Creatio session (whose cookie values the proxy saw on the wire).

const USER = "Operator";
const PASSWORD = 'Pa55+w0rd/With Spaces&="Quotes"';
const WRONG_PASSWORD = "Not-The-Right-0ne!";
const CLIENT_SECRET = "Client+Secret/Shown&Nowhere=Ever42";

let demo: RunningDemo;
let proxy: FaultProxy;
let withSession: DiagnosticsRun;
let wrongPassword: DiagnosticsRun;

/** The cookie and CSRF header values the wizard sent to Creatio, as the proxy saw them. */
function wireSecrets(): string[] {
  const values = new Set<string>();
  for (const { headers } of proxy.seen) {
    for (const pair of String(headers.cookie ?? "").split(";")) {
      const value = pair.slice(pair.indexOf("=") + 1).trim();
      if (value !== "" && value !== USER) values.add(value);
    }
    for (const name of ["bpmcsrf", "crt_csrf"]) {
      const value = headers[name];
      if (typeof value === "string" && value !== "") values.add(value);
    }
  }
  return [...values];
}

beforeAll(async () => {
  demo = await startDemo({ tlsIdentity: false });
  proxy = await startFaultProxy(demo.creatioUrl);
  const user = {
    password: PASSWORD,
    loginCode: 0 as const,
    canManageSysSettings: true,
    canManageSolution: true,
  };
  // Creatio holds a secret the Identity Service refuses: its health check answers 500 with the session.
  const tenant = demo.creatio.createTenant({
    config: {
      users: { [USER]: user },
      allEmployeesFeatureState: 1,
      settings: { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: "Stored-But-Wrong-Secret" },
    },
  });
  withSession = await runDiagnostics({
    creatioUrl: viaProxy(proxy, tenant.baseUrl),
    credentials: { userName: USER, password: PASSWORD },
    identity: { clientSecret: CLIENT_SECRET },
  });
  wrongPassword = await runDiagnostics({
    creatioUrl: tenant.baseUrl,
    credentials: { userName: USER, password: WRONG_PASSWORD },
    identity: { url: demo.identityUrl, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
  });
});
afterAll(async () => {
  await proxy?.close();
  await demo?.close();
});

describe("no secret in the downloaded report", () => {
  it("the runs really used the secrets (else this test proves nothing)", () => {
    const cookies = wireSecrets();
    expect(cookies.length).toBeGreaterThanOrEqual(3); // .ASPXAUTH, BPMCSRF, BPMLOADER
    expect(withSession.creatio.userName).toBe(USER);
    const token = withSession.groups
      .find((g) => g.id === "identity-from-wizard")
      ?.checks.find((c) => c.id === "token");
    expect(token?.code).toBe("identity:invalid-client"); // the client secret was sent
    expect(withSession.state.health).toMatchObject({ available: true, httpStatus: 500 });
  });

  it("neither the password, the client secret nor a cookie value appears in JSON or Markdown", () => {
    const secrets = [PASSWORD, WRONG_PASSWORD, CLIENT_SECRET, ...wireSecrets()];
    for (const run of [withSession, wrongPassword]) {
      for (const format of ["json", "markdown"] as const) {
        const { body } = renderReport(run, format);
        for (const secret of secrets) {
          expect(body).not.toContain(secret);
          expect(body).not.toContain(encodeURIComponent(secret));
          expect(body).not.toContain(JSON.stringify(secret).slice(1, -1));
        }
      }
    }
  });

  it("each failed request has a curl line with placeholders instead of the secrets", () => {
    const session = buildReport(withSession);
    const token = session.failedRequests.find((r) => r.url.endsWith("/connect/token"));
    expect(token?.curl).toContain("client_secret=<CLIENT_SECRET>");
    expect(token?.curl).toContain(`client_id=${DEMO_CLIENT_ID}`);
    const health = session.failedRequests.find((r) => r.url.endsWith("/api/OAuthHealthCheck"));
    expect(health?.status).toBe(500);
    expect(health?.curl).toContain("'Cookie: <CREATIO_COOKIES>'");
    expect(health?.curl).toContain("'BPMCSRF: <CSRF_TOKEN>'");

    const login = buildReport(wrongPassword).failedRequests.find((r) => r.check === "login");
    expect(login?.curl).toContain('"UserPassword":"<PASSWORD>"');
    expect(login?.curl).toContain(`"UserName":"${USER}"`);
    expect(login?.curl).not.toContain("Cookie:");
    expect(renderReport(wrongPassword, "markdown").body).toContain("```sh\ncurl -i -X POST");
  });
});

describe("the safety net", () => {
  it("redacts a secret that a server echoed back in its own words, in the run and in the report", async () => {
    const tenant = demo.creatio.createTenant({
      config: {
        users: {
          [USER]: { password: PASSWORD, loginCode: 0, canManageSysSettings: true, canManageSolution: true },
        },
      },
    });
    proxy.inject({
      path: /\/ServiceModel\/AuthService\.svc\/Login$/,
      fault: { json: { Code: 1, Message: `The password ${PASSWORD} is not valid for ${USER}.` } },
      times: 1,
    });
    const echoed = await runDiagnostics({
      creatioUrl: viaProxy(proxy, tenant.baseUrl),
      credentials: { userName: USER, password: PASSWORD },
    });
    proxy.clear();
    const login = echoed.groups[0]?.checks.find((c) => c.id === "login");
    expect(login?.details.serverMessage).toBe(`The password <REDACTED> is not valid for ${USER}.`);
    for (const format of ["json", "markdown"] as const) {
      const { body } = renderReport(echoed, format);
      expect(body).not.toContain(PASSWORD);
      // Markdown escapes the server's words (and with them the marker's angle brackets).
      expect(body).toContain(
        format === "json"
          ? "The password <REDACTED> is not valid"
          : "The password &lt;REDACTED&gt; is not valid",
      );
    }
  });
});

describe("report content", () => {
  it("JSON: versions, runtime, every check with timings, the health check, the diagnoses", () => {
    const report = JSON.parse(renderReport(withSession, "json").body);
    expect(report.wizard.version).toBe(WIZARD_VERSION);
    expect(WIZARD_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.creatio).toMatchObject({ version: "8.1.2.3842", runtime: "netfx", userName: USER });
    expect(report.healthy).toBe(false);
    expect(report.healthCheck).toMatchObject({
      available: true,
      isAccessTokenRetrievableForSystemActions: false,
    });
    const ids = report.groups.map((g: { id: string }) => g.id);
    expect(ids).toEqual(["creatio", "setup", "identity-from-wizard", "identity-from-creatio"]);
    for (const group of report.groups) {
      for (const check of group.checks) expect(typeof check.ms).toBe("number");
    }
    expect(report.diagnoses.map((d: { id: string }) => d.id)).toContain("invalid-client");
  });

  it("Markdown: the summary, each check with its verdict, and the fix of each diagnosis", () => {
    const { body, contentType, fileName } = renderReport(withSession, "markdown");
    expect(contentType).toContain("text/markdown");
    expect(fileName).toMatch(/^creatio-identity-report-.+\.md$/);
    expect(body).toContain(`| Creatio version | 8.1.2.3842 |`);
    expect(body).toContain("| Runtime | .NET Framework (services under /0) |");
    expect(body).toContain("**Client ID and secret get a token (from the wizard host)**: Failed");
    expect(body).toContain("**Fix:**");
    expect(body).toContain("`ClientClaims`");
    for (const group of withSession.groups) {
      for (const check of group.checks) expect(body).toContain(`**${check.title}**`);
    }
  });
});

describe("wizard steps in the report", () => {
  const steps = [
    {
      number: 1,
      title: "Enable OAuth 2.0 integration",
      state: "done" as const,
      summary: "On for All employees.",
    },
    {
      number: 3,
      title: "Fill out the system settings",
      state: "failed" as const,
      summary: "No token | for Creatio.",
    },
  ];

  it("lists the steps the wizard pages pass, in JSON and as a Markdown table", () => {
    const json = JSON.parse(renderReport(withSession, "json", { steps }).body);
    expect(json.steps).toEqual(steps);
    const md = renderReport(withSession, "markdown", { steps }).body;
    expect(md).toContain("## Wizard steps");
    expect(md).toContain("| 1. Enable OAuth 2.0 integration | Done | On for All employees. |");
    expect(md).toContain("| 3. Fill out the system settings | Failed | No token \\| for Creatio. |");
  });

  it("has no steps section without them (the monitoring endpoint)", () => {
    expect(JSON.parse(renderReport(withSession, "json").body)).not.toHaveProperty("steps");
    expect(renderReport(withSession, "markdown").body).not.toContain("## Wizard steps");
  });
});

describe("redactSecrets", () => {
  it("replaces a secret as is, JSON-escaped, URL- and form-encoded", () => {
    const secret = 'a b/"c"&d';
    const text = [secret, JSON.stringify(secret), encodeURIComponent(secret), "a+b%2F%22c%22%26d"].join(
      " | ",
    );
    const out = redactSecrets(text, [secret]);
    expect(out).not.toContain("a b");
    expect(out).not.toContain("a+b");
    expect(out.match(/<REDACTED>/g)?.length).toBe(4);
  });

  it("replaces the longest secret first and ignores empty ones", () => {
    expect(redactSecrets("token abc123 and abc", ["abc", "abc123", "", null])).toBe(
      "token <REDACTED> and <REDACTED>",
    );
    expect(redactSecrets("nothing here", [])).toBe("nothing here");
  });

  it("redactDeep keeps JSON valid even for a secret made of JSON punctuation", () => {
    const value = { a: 'x":{', list: ['x":{', "ok"] };
    const text = JSON.stringify(redactDeep(value, ['x":{']));
    expect(JSON.parse(text)).toEqual({ a: "<REDACTED>", list: ["<REDACTED>", "ok"] });
  });

  it("renderReport also redacts secrets passed by the caller", () => {
    const body = renderReport(withSession, "markdown", { secrets: [USER] }).body;
    expect(body).not.toContain(USER);
  });
});

describe("threat: a hostile server writes links, HTML or formatting into the report the operator forwards", () => {
  const hostile = [
    "[Click to re-enter your password](https://evil.example/login)",
    "![tracker](https://evil.example/pixel.png)",
    '<img src=x onerror="alert(1)"><script>alert(2)</script>',
    "`code` and ``` fences ```",
    "**bold** _em_ ~~gone~~ | cell | break",
    "visit http://evil.example or www.evil.example",
    "line one\n\n# Heading\n> quote\n- item",
  ].join(" ");

  it("escapes it everywhere a server's words land: messages, table cells, check details, curl fences", () => {
    const run = structuredClone(withSession);
    const login = run.groups[0]?.checks.find((c) => c.id === "login");
    if (!login) throw new Error("the run has a login check");
    login.details.serverMessage = hostile;
    login.message = `Creatio said: "${hostile}"`;
    login.details.facts.banner = hostile;
    run.creatio = { ...run.creatio, version: hostile, userName: hostile } as typeof run.creatio;
    const md = renderReport(run, "markdown").body;
    // Code spans and fenced blocks render as literal text: what is outside them must be inert.
    const rendered = md
      .replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, "")
      .split("\n")
      .map((line) => line.replace(/(`+)(?!`).*?[^`]\1(?!`)/g, ""));
    expect(md).toContain(hostile.split("\n")[0]?.slice(0, 20).replace("[", "\\["));
    for (const line of rendered) {
      // No live link, image, HTML tag or autolink, whatever line it is on.
      expect(line).not.toMatch(/(^|[^\\])\[[^\]]*[^\\]\]\(/);
      expect(line).not.toMatch(/<(img|script)\b/i);
      expect(line).not.toMatch(/(^|[^\\])https?:\/\//);
      expect(line).not.toMatch(/(^|\s)www\.evil/);
      expect(line).not.toMatch(/^#+ Heading/);
    }
    expect(md).toContain("\\[Click to re-enter your password\\]");
    expect(md).toContain("&lt;script&gt;");
    expect(md).toContain("\\*\\*bold\\*\\*");
  });

  it("keeps our own formatting and plain words readable", () => {
    expect(escapeMarkdown("8.1.2.3842")).toBe("8.1.2.3842");
    expect(escapeMarkdown(".NET Framework (services under /0)")).toBe(".NET Framework (services under /0)");
    expect(escapeMarkdown("1. step")).toBe("1\\. step");
    expect(escapeMarkdown("a\nb")).toBe("a b");
  });
});
