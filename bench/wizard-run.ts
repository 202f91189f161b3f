// The wizard run: Chromium drives the real pages (issue 3's accessible names) through connect, the
// four steps and the status page, timing each step and diffing the tenant's calls around it. Like an
// operator, it opens the connect page once and then moves on by clicking the wizard's own links.
import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { serverAction, serverActionAnswer } from "./act";
import { now } from "./clock";
import { UI_TIMEOUT_MS } from "./config";
import type { DemoAdmin } from "./demo-admin";
import { BenchError } from "./errors";
import { clientNavigation, documentLoad, heading, serverTimingOf, type Where } from "./navigate";
import {
  newCalls,
  type Phase,
  phaseMs,
  type RunMeasure,
  type StepId,
  type StepMeasure,
  type WizardRequest,
} from "./steps";

const TITLES = {
  feature: "Enable OAuth 2.0 integration",
  settings: "Review system settings",
  credentials: "Fill out the system settings",
  resource: "Create default resource",
  status: "Connection status",
} as const;

export interface WizardRunInput {
  browser: Browser;
  wizardUrl: string;
  admin: DemoAdmin;
  scenario: string;
  tenantId: string;
  /** The tenant's address as the operator types it (through the timing proxy). */
  creatioUrl: string;
  identity: { url: string; clientId: string; clientSecret: string };
  /**
   * Waits until Creatio has been quiet for a while: calls the step set off in the background
   * (prefetches) still count for it. Not timed.
   */
  settle: () => Promise<void>;
  /** Told each step's name as it starts (BENCH_VERBOSE=1 prints them). */
  progress?: (message: string) => void;
}

export interface WizardRunResult {
  measure: RunMeasure;
  /** The browser's state after the run (the wizard's session cookie), to load pages signed in. */
  storageState: Awaited<ReturnType<BrowserContext["storageState"]>>;
  /** Whether the status page showed all four steps Done. */
  allDone: boolean;
}

function stepItem(page: Page, title: string): Locator {
  return page
    .getByRole("navigation", { name: "Setup steps", exact: true })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });
}

async function visible(page: Page, locator: Locator, what: string): Promise<void> {
  try {
    await locator.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  } catch {
    const alert = await alertText(page).catch(() => null);
    throw new BenchError(
      `The wizard did not show ${what} within ${UI_TIMEOUT_MS / 1000} s${alert ? `; it says: ${alert}` : "."}`,
    );
  }
}

async function alertText(page: Page): Promise<string | null> {
  const alerts = page.getByRole("main").getByRole("alert");
  if ((await alerts.count()) === 0) return null;
  return ((await alerts.first().textContent()) ?? "").replace(/\s+/g, " ").trim().slice(0, 300);
}

const WIZARD: Where = {
  site: "The wizard",
  elsewhere: "the wizard session may be lost",
};

function where(page: Page): Where {
  return { ...WIZARD, explain: () => alertText(page) };
}

/** The connect page, the first page an operator opens: a document load. */
async function openConnectPage(page: Page, ready: Locator, label: string): Promise<Phase> {
  const t = await documentLoad(page, "/", ready, "the Connect button on /", where(page));
  return { kind: "load", label, ...t };
}

/** The next page, reached as an operator does: a click on the wizard's own link. */
async function follow(page: Page, link: Locator, path: string, title: string, label: string): Promise<Phase> {
  const t = await clientNavigation(page, link, path, title, where(page));
  return { kind: "load", label, ...t };
}

/** The step's link in the "Setup steps" navigation (its name is the step's title, issue 3). */
function stepLink(page: Page, title: string): Locator {
  return page
    .getByRole("navigation", { name: "Setup steps", exact: true })
    .getByRole("link", { name: title, exact: true });
}

/** The status page's link in the header, beside sign-out. */
function statusLink(page: Page): Locator {
  return page.getByRole("banner").getByRole("link", { name: TITLES.status, exact: true });
}

/**
 * Clicks a button whose server action re-renders the page, and waits until the work is shown (act.ts):
 * the action answered, the progress (role status) is gone, and the step says Done in "Setup steps".
 */
async function act(page: Page, button: string, stepTitle: string, label: string): Promise<Phase> {
  const { start, end, server } = await serverAction(
    page,
    button,
    stepItem(page, stepTitle).filter({ hasText: /Done/ }),
    `step "${stepTitle}" as Done in "Setup steps"`,
    where(page),
  );
  const alert = await alertText(page);
  if (alert) throw new BenchError(`After "${button}", the wizard showed an error: ${alert}`);
  return { kind: "action", label, start, end, server };
}

export async function runWizard(input: WizardRunInput): Promise<WizardRunResult> {
  const { admin, tenantId } = input;
  const context = await input.browser.newContext({ baseURL: input.wizardUrl });
  const page = await context.newPage();
  const steps: StepMeasure[] = [];
  let requests: WizardRequest[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== new URL(input.wizardUrl).origin || url.pathname.startsWith("/_next/static/")) return;
    if (/\.(svg|ico|png|css|js|woff2?)$/.test(url.pathname)) return;
    const headers = request.headers();
    const kind: WizardRequest["kind"] = headers["next-action"]
      ? "action"
      : headers["next-router-prefetch"]
        ? "prefetch"
        : headers.rsc || url.searchParams.has("_rsc")
          ? "rsc"
          : request.resourceType() === "document"
            ? "document"
            : "other";
    requests.push({ method: request.method(), path: url.pathname, kind });
  });
  const measure = async (step: StepId, run: () => Promise<Phase[]>) => {
    input.progress?.(`wizard: ${step}`);
    const before = await admin.calls(tenantId);
    requests = [];
    const phases = await run();
    await input.settle();
    steps.push({
      step,
      phases,
      ms: phaseMs(phases),
      calls: newCalls(before, await admin.calls(tenantId)),
      requests,
    });
  };

  try {
    await measure("connect", async () => {
      const connectButton = page.getByRole("button", { name: "Connect", exact: true });
      const opened = await openConnectPage(page, connectButton, "connect page");
      // Typing is the operator's time, not the wizard's: not timed.
      await page.getByRole("textbox", { name: "Creatio URL", exact: true }).fill(input.creatioUrl);
      await page.getByRole("textbox", { name: "User name", exact: true }).fill("Supervisor");
      await page.getByLabel("Password", { exact: true }).fill("Supervisor");
      const start = now();
      const answered = serverActionAnswer(page);
      await connectButton.click();
      const response = await answered;
      const signedIn = now();
      await visible(page, heading(page, TITLES.feature), `step 1 ("${TITLES.feature}") after Connect`);
      const shown = now();
      return [
        opened,
        {
          kind: "action",
          label: "Connect (sign in)",
          start,
          end: signedIn,
          server: await serverTimingOf("action", response),
        },
        // The action's redirect renders step 1 in place: a client navigation.
        {
          kind: "load",
          label: "step 1 page (after Connect)",
          start: signedIn,
          end: shown,
          navigation: "client",
        },
      ];
    });

    await measure("feature", async () => [
      await act(page, "Enable for all users", TITLES.feature, "Enable for all users"),
    ]);

    await measure("settings", async () => {
      const opened = await follow(
        page,
        stepLink(page, TITLES.settings),
        "/setup/settings",
        TITLES.settings,
        "step 2 page",
      );
      const start = now();
      const answered = serverActionAnswer(page);
      await page.getByRole("button", { name: "Continue", exact: true }).click();
      const response = await answered.catch(() => null);
      await visible(
        page,
        heading(page, TITLES.credentials),
        `step 3 ("${TITLES.credentials}") after Continue`,
      );
      // The action's redirect renders step 3 in place: a client navigation.
      return [
        opened,
        {
          kind: "load",
          label: "step 3 page (after Continue)",
          start,
          end: now(),
          navigation: "client",
          server: await serverTimingOf("action", response),
        },
      ];
    });

    await measure("credentials", async () => {
      await page.getByRole("textbox", { name: "Identity Service URL", exact: true }).fill(input.identity.url);
      await page.getByRole("textbox", { name: "Client ID", exact: true }).fill(input.identity.clientId);
      await page.getByLabel("Client secret", { exact: true }).fill(input.identity.clientSecret);
      return [await act(page, "Save settings", TITLES.credentials, "Save settings")];
    });

    await measure("resource", async () => [
      await follow(page, stepLink(page, TITLES.resource), "/setup/resource", TITLES.resource, "step 4 page"),
      await act(page, "Create default resource", TITLES.resource, "Create default resource"),
    ]);

    await measure("status", async () => [
      await follow(page, statusLink(page), "/status", TITLES.status, "status page"),
    ]);

    let allDone = true;
    for (const title of [TITLES.feature, TITLES.settings, TITLES.credentials, TITLES.resource]) {
      if ((await stepItem(page, title).filter({ hasText: /Done/ }).count()) !== 1) allDone = false;
    }
    return {
      measure: { kind: "wizard", scenario: input.scenario, tenantId, steps },
      storageState: await context.storageState(),
      allDone,
    };
  } finally {
    await context.close();
  }
}
