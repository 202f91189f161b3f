// Issue 13, "safe to run on a customer's network": each threat of docs/security.md tried for real,
// over HTTP on loopback (and a real browser where the browser matters). Every test is named after
// the threat it answers. What each attack got back is printed (console.log) for the closing note.
import http from "node:http";
import { E2E_PORT } from "../playwright.config";
import { DEMO_CREATIO_ORIGIN, DEMO_IDENTITY_URL } from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { ConnectPage } from "./support/pages/connect-page";
import { startWizardServer, type WizardServer } from "./support/wizard-server";

const WIZARD = `http://127.0.0.1:${E2E_PORT}`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request with exactly these headers (Host included), from `localAddress`. */
function raw(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method: opts.method ?? "GET",
        headers: opts.headers,
        localAddress: opts.localAddress,
        setHost: opts.headers?.Host === undefined,
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

test.describe("threat: a web page in the operator's browser rebinds its name to 127.0.0.1 (Host, Origin)", () => {
  test("a foreign Host gets 421 with plain text; the wizard's own names are served", async () => {
    for (const host of [`attacker.example:${E2E_PORT}`, "attacker.example", `127.0.0.1.nip.io:${E2E_PORT}`]) {
      const answer = await raw(`${WIZARD}/`, { headers: { Host: host } });
      console.log(`[attack] GET / Host: ${host} -> ${answer.status}`);
      expect(answer.status, host).toBe(421);
      expect(answer.headers["content-type"]).toContain("text/plain");
      expect(answer.body).toContain("does not answer to the host name");
      expect(answer.body).not.toContain("<");
    }
    // A route handler and a server action are behind the same check.
    const report = await raw(`${WIZARD}/status/report`, { headers: { Host: "attacker.example" } });
    expect(report.status).toBe(421);
    for (const host of [`127.0.0.1:${E2E_PORT}`, `localhost:${E2E_PORT}`]) {
      const answer = await raw(`${WIZARD}/`, { headers: { Host: host } });
      console.log(`[attack] GET / Host: ${host} -> ${answer.status}`);
      expect(answer.status, host).toBe(200);
    }
  });

  test("a state-changing request from another origin, or with none, is refused with 403", async () => {
    const action = { "Next-Action": "0".repeat(42), "Content-Type": "text/plain;charset=UTF-8" };
    const cases: [string, Record<string, string>, number][] = [
      [
        "server action, Origin https://attacker.example",
        { ...action, Origin: "https://attacker.example" },
        403,
      ],
      ["server action, Origin null", { ...action, Origin: "null" }, 403],
      ["server action, no Origin", action, 403],
      [
        "form post, Origin null, Sec-Fetch-Site cross-site",
        {
          Origin: "null",
          "Sec-Fetch-Site": "cross-site",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        403,
      ],
      [
        "/unlock/submit, Origin https://attacker.example",
        { Origin: "https://attacker.example", "Content-Type": "application/x-www-form-urlencoded" },
        403,
      ],
    ];
    for (const [name, headers, expected] of cases) {
      const path = name.startsWith("/unlock") ? "/unlock/submit" : "/";
      const answer = await raw(`${WIZARD}${path}`, { method: "POST", headers, body: "[]" });
      console.log(`[attack] POST ${path} (${name}) -> ${answer.status}`);
      expect(answer.status, name).toBe(expected);
      expect(answer.body).toContain("did not come from the wizard's own page");
    }
    // The wizard's own origin passes this check (an unknown action id is then Next's business).
    const own = await raw(`${WIZARD}/`, {
      method: "POST",
      headers: { ...action, Origin: WIZARD },
      body: "[]",
    });
    console.log(`[attack] POST / server action with Origin ${WIZARD} -> ${own.status}`);
    expect([403, 421]).not.toContain(own.status);
  });
});

test.describe("threat: script injected into a page (CSP and the other response headers)", () => {
  test("each page carries a fresh nonce on its scripts, and the headers that deny what the wizard does not use", async () => {
    const first = await raw(`${WIZARD}/`);
    const second = await raw(`${WIZARD}/`);
    const csp = String(first.headers["content-security-policy"]);
    console.log(`[headers] content-security-policy: ${csp}`);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("'strict-dynamic'");
    expect(String(second.headers["content-security-policy"])).not.toContain(`'nonce-${nonce}'`);
    // Every script tag of the page carries this response's nonce.
    const scripts = [...first.body.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    for (const [name, expected] of [
      ["cross-origin-opener-policy", "same-origin"],
      ["cross-origin-resource-policy", "same-origin"],
      ["x-content-type-options", "nosniff"],
    ] as const) {
      console.log(`[headers] ${name}: ${first.headers[name]}`);
      expect(first.headers[name]).toBe(expected);
    }
    console.log(`[headers] permissions-policy: ${first.headers["permissions-policy"]}`);
    expect(first.headers["permissions-policy"]).toContain("camera=()");
    expect(first.headers["permissions-policy"]).toContain("geolocation=()");
    // HSTS only when the browser came over HTTPS (a TLS reverse proxy says so).
    expect(first.headers["strict-transport-security"]).toBeUndefined();
    const https = await raw(`${WIZARD}/`, { headers: { "X-Forwarded-Proto": "https" } });
    console.log(
      `[headers] over https: strict-transport-security: ${https.headers["strict-transport-security"]}`,
    );
    expect(https.headers["strict-transport-security"]).toMatch(/^max-age=\d{7,}/);
  });

  test("the pages still hydrate under the policy: no violation, the connect form works", async ({
    page,
    tenant,
  }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(message.text()))
        violations.push(message.text());
    });
    const connect = new ConnectPage(page);
    await connect.goto();
    await connect.submit(tenant.baseUrl);
    await expect(page).toHaveURL((url) => url.pathname.startsWith("/setup/"));
    expect(violations).toEqual([]);
  });
});

test.describe("threat: session fixation (a cookie copied before sign-in)", () => {
  test("signing in gives a new session key; the copy from before opens nothing", async ({
    browser,
    tenant,
  }) => {
    // The attacker signs in once and gets a wizard cookie...
    const attacker = await browser.newContext();
    const attackerPage = await attacker.newPage();
    const attackerConnect = new ConnectPage(attackerPage);
    await attackerConnect.goto();
    await attackerConnect.submit(tenant.baseUrl);
    await expect(attackerPage).toHaveURL((url) => url.pathname.startsWith("/setup/"));
    const planted = (await attacker.cookies()).find((c) => c.name === "wizard_session");
    expect(planted).toBeDefined();
    if (!planted) return;

    // ...and plants a copy in the operator's browser, who then signs in.
    const operator = await browser.newContext();
    await operator.addCookies([planted]);
    const operatorPage = await operator.newPage();
    const connect = new ConnectPage(operatorPage);
    await connect.goto();
    await connect.submit(tenant.baseUrl);
    await expect(operatorPage).toHaveURL((url) => url.pathname.startsWith("/setup/"));
    const after = (await operator.cookies()).find((c) => c.name === "wizard_session");
    console.log(
      `[session] before sign-in: ${planted.value.slice(0, 24)}... after: ${after?.value.slice(0, 24)}... (same: ${after?.value === planted.value})`,
    );
    expect(after?.value).toBeTruthy();
    expect(after?.value).not.toBe(planted.value);

    // The copy from before is signed in nowhere: the attacker is sent to sign in.
    await attackerPage.goto("/setup/credentials");
    await expect(attackerPage).toHaveURL((url) => url.pathname === "/" && url.searchParams.has("next"));
    const copy = await raw(`${WIZARD}/setup/credentials`, {
      headers: { Cookie: `wizard_session=${planted.value}` },
    });
    console.log(
      `[session] GET /setup/credentials with the copied cookie -> ${copy.status} ${copy.headers.location ?? ""}`,
    );
    expect(copy.status).toBe(307);
    expect(copy.headers.location).toMatch(/^\/\?next=/);
    // The operator's own session works.
    await operatorPage.goto("/setup/credentials");
    await expect(operatorPage).toHaveURL((url) => url.pathname === "/setup/credentials");
    await attacker.close();
    await operator.close();
  });
});

test.describe("threat: a guesser on the network locks every operator out (access gate, per client)", () => {
  const ACCESS_PASSWORD = "Access-Passphrase-lockout-7c1e";
  let wizard: WizardServer;
  test.beforeAll(async () => {
    wizard = await startWizardServer({
      WIZARD_ACCESS_PASSWORD: ACCESS_PASSWORD,
      WIZARD_SESSION_SECRET: "a-lockout-server-session-secret-0123456789abcdef",
      WIZARD_MONITOR_TOKEN: "",
      DEMO_CREATIO_URL: DEMO_CREATIO_ORIGIN,
      DEMO_IDENTITY_URL,
    });
  });
  test.afterAll(async () => {
    await wizard?.stop();
  });

  const submit = (password: string, localAddress: string, extra: Record<string, string> = {}) =>
    raw(`${wizard.url}/unlock/submit`, {
      method: "POST",
      localAddress,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: wizard.url, ...extra },
      body: new URLSearchParams({ accessPassword: password, next: "/status" }).toString(),
    });

  test("wrong passwords from 127.0.0.2 lock out 127.0.0.2 only, with the wait in the answer", async () => {
    for (let i = 1; i <= 4; i++) {
      const answer = await submit(`wrong-${i}`, "127.0.0.2");
      console.log(`[lockout] 127.0.0.2 wrong password #${i} -> ${answer.status} ${answer.headers.location}`);
      expect(answer.headers.location).toContain("error=wrong");
    }
    const fifth = await submit("wrong-5", "127.0.0.2");
    console.log(`[lockout] 127.0.0.2 wrong password #5 -> ${fifth.status} ${fifth.headers.location}`);
    expect(fifth.headers.location).toContain("error=throttled");
    expect(fifth.headers.location).toContain("wait=30");
    // Locked: even the right password is not checked from 127.0.0.2, nor with a made-up X-Forwarded-For.
    const right = await submit(ACCESS_PASSWORD, "127.0.0.2");
    console.log(
      `[lockout] 127.0.0.2 right password while locked -> ${right.status} ${right.headers.location}`,
    );
    expect(right.headers.location).toContain("error=throttled");
    expect(right.headers["set-cookie"]).toBeUndefined();
    const spoofed = await submit(ACCESS_PASSWORD, "127.0.0.2", { "X-Forwarded-For": "10.9.8.7" });
    console.log(`[lockout] 127.0.0.2 with X-Forwarded-For: 10.9.8.7 -> ${spoofed.headers.location}`);
    expect(spoofed.headers.location).toContain("error=throttled");
    // Another operator, at 127.0.0.3, is not locked out.
    const other = await submit(ACCESS_PASSWORD, "127.0.0.3");
    console.log(`[lockout] 127.0.0.3 right password -> ${other.status} ${other.headers.location}`);
    expect(other.status).toBe(303);
    expect(other.headers.location).toBe("/status");
    expect(String(other.headers["set-cookie"])).toContain("wizard_access=");
  });

  test("the unlock page says how long to wait", async ({ page }) => {
    await page.goto(`${wizard.url}/unlock?error=throttled&wait=120`);
    const alert = page.getByRole("alert").and(page.locator(":not(#__next-route-announcer__)"));
    await expect(alert).toContainText("for 2 minutes");
    await expect(alert).toContainText("Other computers are not affected");
  });

  test("a body larger than a few kB is not read", async () => {
    const answer = await raw(`${wizard.url}/unlock/submit`, {
      method: "POST",
      localAddress: "127.0.0.4",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: wizard.url },
      body: `accessPassword=${"x".repeat(64 * 1024)}`,
    });
    console.log(`[lockout] 64 kB body -> ${answer.status}`);
    expect(answer.status).toBe(413);
  });

  test("/api/status without WIZARD_MONITOR_TOKEN answers 404", async () => {
    const answer = await raw(`${wizard.url}/api/status`, {
      headers: { Authorization: "Bearer anything-at-all-1234" },
    });
    console.log(`[status] /api/status without WIZARD_MONITOR_TOKEN -> ${answer.status}`);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain("WIZARD_");
  });
});
