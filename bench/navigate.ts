// The two ways a page reaches the browser, timed the same way for the wizard and for the blank
// Next.js app (the browser floor): a document load (`page.goto`) and a client navigation (a click on
// a next/link). Each ends when the page's h1 shows and the address is the page's path.
import type { Locator, Page, Request, Response } from "@playwright/test";
import { now } from "./clock";
import { UI_TIMEOUT_MS } from "./config";
import { BenchError } from "./errors";
import { type Navigation, type Phase, parseServerTiming, type ServerTiming } from "./steps";

export interface Timed {
  start: number;
  end: number;
  navigation: Navigation;
  response?: Phase["response"];
  /** The response's Server-Timing, when the server sent one (the wizard does; the blank app does not). */
  server?: ServerTiming[];
}

/** The Server-Timing of a response to the wizard, as a phase's list (empty when none). */
export async function serverTimingOf(
  kind: ServerTiming["kind"],
  response: Response | null | undefined,
): Promise<ServerTiming[]> {
  if (!response) return [];
  const headers = await response.allHeaders().catch(() => ({}) as Record<string, string>);
  const timing = parseServerTiming(kind, headers["server-timing"]);
  return timing ? [timing] : [];
}

export interface Where {
  /** Who is loaded, for messages: "The wizard", "The blank Next.js app". */
  site: string;
  /** Said when the browser lands elsewhere (e.g. the wizard's sign-in page after a lost session). */
  elsewhere?: string;
  /** What the page says when it fails to show (the wizard's alert), for messages. */
  explain?: () => Promise<string | null>;
}

export function heading(page: Page, name: string): Locator {
  return page.getByRole("heading", { name, exact: true, level: 1 });
}

function landedOn(page: Page): string {
  return new URL(page.url()).pathname;
}

function lost(where: Where, path: string, landed: string, how: string): BenchError {
  return new BenchError(
    `${how} ${path} led to ${landed} instead${where.elsewhere ? ` (${where.elsewhere})` : ""}.`,
  );
}

async function notShown(what: string, where: Where): Promise<BenchError> {
  const said = await (where.explain?.() ?? Promise.resolve(null)).catch(() => null);
  return new BenchError(
    `${where.site} did not show ${what} within ${UI_TIMEOUT_MS / 1000} s${said ? `; it says: ${said}` : "."}`,
  );
}

async function shows(ready: Locator, what: string, where: Where): Promise<void> {
  try {
    await ready.waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
  } catch {
    throw await notShown(what, where);
  }
}

/**
 * ms from the request's start until its response was fully received; undefined when unknown.
 * Waits (at most a few seconds, untimed) for the browser to report the end: `response.finished()`
 * can stay pending for a fetch (the RSC request) though the request has finished, so this listens
 * for the page's requestfinished instead.
 */
async function responseEnd(page: Page, response: Response | null | undefined): Promise<number | undefined> {
  if (!response) return undefined;
  const request = response.request();
  if (request.timing().responseEnd < 0) {
    const options = { predicate: (r: Request) => r === request, timeout: 10_000 };
    await Promise.race([
      page.waitForEvent("requestfinished", options).catch(() => undefined),
      page.waitForEvent("requestfailed", options).catch(() => undefined),
    ]);
  }
  const end = request.timing().responseEnd;
  return end >= 0 ? end : undefined;
}

/**
 * A document load: opens `path` (the browser fetches the HTML, runs all JavaScript and hydrates)
 * and waits until `ready` shows, after the load event.
 */
export async function documentLoad(
  page: Page,
  path: string,
  ready: Locator,
  what: string,
  where: Where,
): Promise<Timed> {
  const start = now();
  const response = await page.goto(path, { timeout: UI_TIMEOUT_MS });
  const landed = landedOn(page);
  if (landed !== path) throw lost(where, path, landed, "Opening");
  await shows(ready, what, where);
  const end = now();
  // The HTML document alone: the server's render and its transfer.
  const ms = await responseEnd(page, response);
  return {
    start,
    end,
    navigation: "document",
    response: ms === undefined ? undefined : { kind: "html", ms },
    server: await serverTimingOf("html", response),
  };
}

/**
 * The response that brings the page at `path`: the RSC payload of a client navigation (not a
 * prefetch), or the HTML of a document load should the router fall back to one.
 */
function pageResponse(page: Page, path: string): Promise<Response | null> {
  return page
    .waitForResponse(
      (r) => {
        const request = r.request();
        if (request.method() !== "GET" || new URL(r.url()).pathname !== path) return false;
        const headers = request.headers();
        if (headers["next-router-prefetch"] !== undefined) return false;
        return headers.rsc !== undefined || request.resourceType() === "document";
      },
      { timeout: UI_TIMEOUT_MS },
    )
    .catch(() => null);
}

/**
 * A client navigation: clicks `link` (a next/link) and waits until the h1 `title` shows and the
 * address is `path`. The router renders the page in place from one RSC request (plus the page's
 * code chunk when it is new); the JavaScript already loaded does not run again. Should the click load a whole document instead, `navigation` says so.
 */
export async function clientNavigation(
  page: Page,
  link: Locator,
  path: string,
  title: string,
  where: Where,
): Promise<Timed> {
  const documents: string[] = [];
  const onRequest = (request: Request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents.push(request.url());
  };
  page.on("request", onRequest);
  try {
    const answered = pageResponse(page, path);
    const start = now();
    await link.click({ timeout: UI_TIMEOUT_MS }).catch(() => {
      throw new BenchError(
        `${where.site} showed no link to ${path} to click within ${UI_TIMEOUT_MS / 1000} s.`,
      );
    });
    try {
      await heading(page, title).waitFor({ state: "visible", timeout: UI_TIMEOUT_MS });
    } catch {
      const landed = landedOn(page);
      if (landed !== path) throw lost(where, path, landed, "Following the link to");
      throw await notShown(`the heading "${title}" on ${path}`, where);
    }
    if (landedOn(page) !== path) {
      // The router changes the address in the commit that shows the page; allow it a moment.
      await page
        .waitForURL((url) => url.pathname === path, { timeout: 5_000, waitUntil: "commit" })
        .catch(() => {
          throw lost(where, path, landedOn(page), "Following the link to");
        });
    }
    const end = now();
    const response = await answered;
    const ms = await responseEnd(page, response);
    const kind = response?.request().resourceType() === "document" ? "html" : "rsc";
    return {
      start,
      end,
      navigation: documents.length > 0 ? "document" : "client",
      response: ms === undefined ? undefined : { kind, ms },
      server: await serverTimingOf(kind, response),
    };
  } finally {
    page.off("request", onRequest);
  }
}
