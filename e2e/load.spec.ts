// Load (issue 6): 20 operator sessions at the same time, each on its own demo Creatio, complete the
// wizard with no cross-talk. One operator goes through the UI in a browser while every server action
// it sends is recorded; then 20 more operators send the same actions over HTTP at once, each with its
// own wizard session cookie, tenant, user and password, against the real app. Afterwards each tenant
// must hold exactly its own writes, and each operator's status page (opened in the browser with that
// operator's cookie) must show all four steps Done, on its own Creatio and user. A correctness test:
// nothing here is timed.
import type { Page } from "@playwright/test";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "@/lib/demo/identity/constants";
import type { DemoTenantSnapshot } from "@/lib/demo/types";
import {
  ALL_EMPLOYEES_ROLE_ID,
  callsNamed,
  createTenant,
  DEMO_IDENTITY_URL,
  type DemoTenant,
  snapshot,
} from "./support/demo-admin";
import { expect, test } from "./support/fixtures";
import { SCOPE_PATTERN } from "./support/pages/resource-step-page";

const OPERATORS = 20;
/** The wizard's pages in the order the operator sends their actions. */
const ACTION_PATHS = [
  "/",
  "/setup/feature",
  "/setup/settings",
  "/setup/credentials",
  "/setup/resource",
] as const;
/** Request headers a server action needs, as the browser sent them. */
const ACTION_HEADERS = ["next-action", "next-router-state-tree", "content-type", "accept", "origin"];

interface Operator {
  n: number;
  user: string;
  password: string;
  tenant: DemoTenant;
  /** The tenant's feature rows before the run. */
  featureRowsBefore: DemoTenantSnapshot["featureRows"];
}

interface RecordedAction {
  path: (typeof ACTION_PATHS)[number];
  headers: Record<string, string>;
  body: string;
  /** The browser's answer said `"ok":true`: the replay must too. */
  answeredOk: boolean;
}

async function newOperator(n: number): Promise<Operator> {
  const user = `Operator${n}`;
  const password = `Pw-${n}-load-test`;
  const tenant = await createTenant({
    scenario: "fresh-8.1-netfx",
    config: {
      addDefaultResourceDelayMs: 300,
      users: { [user]: { password, loginCode: 0, canManageSysSettings: true, canManageSolution: true } },
    },
  });
  const before = await snapshot(tenant.id);
  return { n, user, password, tenant, featureRowsBefore: before.featureRows };
}

/** Operator 0 runs the wizard in the browser; its server actions are recorded, in order. */
async function runInBrowserAndRecord(page: Page, op: Operator): Promise<RecordedAction[]> {
  const pending: Promise<RecordedAction | null>[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname as RecordedAction["path"];
    if (request.method() !== "POST" || !ACTION_PATHS.includes(path)) return;
    pending.push(
      (async () => {
        const all = await request.allHeaders();
        if (!all["next-action"]) return null;
        const response = await request.response();
        const answer = response ? await response.text().catch(() => "") : "";
        const headers = Object.fromEntries(ACTION_HEADERS.flatMap((h) => (all[h] ? [[h, all[h]]] : [])));
        return { path, headers, body: request.postData() ?? "", answeredOk: answer.includes('"ok":true') };
      })(),
    );
  });

  await page.goto("/");
  await page.getByRole("textbox", { name: "Creatio URL", exact: true }).fill(op.tenant.baseUrl);
  await page.getByRole("textbox", { name: "User name", exact: true }).fill(op.user);
  await page.getByLabel("Password", { exact: true }).fill(op.password);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/setup/feature");
  await page.getByRole("button", { name: "Enable for all users", exact: true }).click();
  await expect(page.getByRole("main").getByText(/refresh any open Creatio pages/i)).toBeVisible();
  await page.goto("/setup/settings");
  await page.getByRole("button", { name: "Continue", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/setup/credentials");
  await page.getByRole("textbox", { name: "Identity Service URL", exact: true }).fill(DEMO_IDENTITY_URL);
  await page.getByRole("textbox", { name: "Client ID", exact: true }).fill(DEMO_CLIENT_ID);
  await page.getByLabel("Client secret", { exact: true }).fill(DEMO_CLIENT_SECRET);
  await page.getByRole("button", { name: "Save settings", exact: true }).click();
  await expect(page.getByRole("region", { name: /^Settings (saved|partly saved)$/ })).toBeVisible();
  await page.goto("/setup/resource");
  await page.getByRole("button", { name: "Create default resource", exact: true }).click();
  await expect(page.getByRole("main").getByText(SCOPE_PATTERN).first()).toBeVisible();

  const recorded = (await Promise.all(pending)).filter((a): a is RecordedAction => a !== null);
  // The first action sent from each page, in the wizard's order.
  return ACTION_PATHS.map((path) => {
    const action = recorded.find((a) => a.path === path);
    if (!action) throw new Error(`No server action was recorded on ${path}`);
    return action;
  });
}

/** The same actions for another operator: its tenant, user and password instead of operator 0's. */
async function replay(
  baseURL: string,
  actions: RecordedAction[],
  from: Operator,
  op: Operator,
): Promise<string> {
  let cookie = "";
  for (const action of actions) {
    const body = action.body
      .replaceAll(from.tenant.baseUrl, op.tenant.baseUrl)
      .replaceAll(from.user, op.user)
      .replaceAll(from.password, op.password);
    const response = await fetch(`${baseURL}${action.path}`, {
      method: "POST",
      headers: { ...action.headers, ...(cookie ? { cookie } : {}) },
      body,
      redirect: "manual",
    });
    const answer = await response.text();
    const where = `${op.user}: POST ${action.path} (${response.status})`;
    expect(response.status, where).toBeLessThan(400);
    expect(answer, where).not.toContain('"ok":false');
    if (action.answeredOk) expect(answer, where).toContain('"ok":true');
    const session = response.headers.getSetCookie().find((c) => c.startsWith("wizard_session="));
    if (session) cookie = session.split(";")[0] ?? "";
    expect(cookie, `${where}: the wizard session cookie`).not.toBe("");
  }
  return cookie;
}

test("20 operator sessions complete the wizard at the same time, each on its own Creatio, with no cross-talk", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const origin = baseURL ?? "";
  const first = await newOperator(0);
  const actions = await runInBrowserAndRecord(page, first);
  expect(actions.find((a) => a.path === "/")?.body).toContain(first.password);

  const operators = await Promise.all(Array.from({ length: OPERATORS }, (_, i) => newOperator(i + 1)));
  const cookies = await Promise.all(operators.map((op) => replay(origin, actions, first, op)));
  expect(new Set(cookies).size).toBe(OPERATORS);

  const scopes = new Set<string>();
  for (const [i, op] of operators.entries()) {
    const where = `${op.user} on ${op.tenant.baseUrl}`;
    const snap = await snapshot(op.tenant.id);
    // Exactly this operator's writes: one sign-in by its own user, one feature row, one settings
    // save, one resource.
    expect(callsNamed(snap, "Login"), where).toHaveLength(1);
    expect(snap.featureRows, where).toEqual([
      ...op.featureRowsBefore.filter((r) => r.sysAdminUnitId !== ALL_EMPLOYEES_ROLE_ID),
      { sysAdminUnitId: ALL_EMPLOYEES_ROLE_ID, state: 1 },
    ]);
    expect([...callsNamed(snap, "InsertQuery"), ...callsNamed(snap, "UpdateQuery")], where).toHaveLength(1);
    expect(callsNamed(snap, "PostSysSettingsValues"), where).toHaveLength(1);
    expect(snap.settings, where).toEqual({
      url: DEMO_IDENTITY_URL,
      clientId: DEMO_CLIENT_ID,
      secretSet: true,
    });
    expect(callsNamed(snap, "AddDefaultResource"), where).toHaveLength(1);
    expect(snap.defaultResources, where).toHaveLength(1);
    scopes.add(snap.defaultResources[0]?.name ?? "");

    // The operator's own status page, in the browser with that operator's session cookie.
    const [name, value] = (cookies[i] ?? "").split(/=(.*)/s);
    await page.context().clearCookies();
    await page.context().addCookies([{ name: name ?? "", value: value ?? "", url: origin }]);
    await page.goto("/status");
    await expect(page.getByRole("heading", { name: "Connection status", exact: true }), where).toBeVisible();
    const steps = page.getByRole("navigation", { name: "Setup steps", exact: true }).getByRole("listitem");
    await expect(steps, where).toHaveCount(4);
    for (const step of await steps.all())
      await expect(step.getByText("Done", { exact: true }), where).toBeVisible();
    const banner = page.getByRole("banner");
    await expect(banner, where).toContainText(op.tenant.baseUrl);
    await expect(banner, where).toContainText(`Signed in as ${op.user}`);
  }
  expect(scopes.size).toBe(OPERATORS);
});
