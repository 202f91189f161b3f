// The browser floor: what a page load and a server action cost in this browser on this machine when
// the page holds nothing, measured on the blank Next.js app (same next and react as the wizard, built
// in the same run) with the wizard's own methods (navigate.ts, act.ts). It tells the browser's and
// Next.js's share of a step's time from the wizard's own.
import type { Browser, Page } from "@playwright/test";
import { serverAction } from "./act";
import { median } from "./analysis";
import { BenchError } from "./errors";
import { BLANK_ACTION, BLANK_PAGES } from "./first-load-js";
import { clientNavigation, documentLoad, heading, type Timed, type Where } from "./navigate";
import type { Navigation } from "./steps";

export interface FloorSample {
  /** Cold document load of `/` in a fresh context, ms. */
  documentMs: number;
  /** Client navigation `/` -> `/second` by clicking the link, ms. */
  clientMs: number;
  /** The server action of `/action` (refresh() and a result), in another fresh context, ms. */
  actionMs: number;
  /** The HTML of `/` and the RSC payload of `/second`: request start until fully received, ms. */
  htmlMs?: number;
  rscMs?: number;
}

export interface BrowserFloor {
  samples: FloorSample[];
  /** Medians over the samples, ms. */
  documentMs: number;
  clientMs: number;
  actionMs: number;
  htmlMs?: number;
  rscMs?: number;
}

/** What the floor has a number for: a page load (by how it reached the browser) or a server action. */
export type FloorPart = Navigation | "action";

const BLANK: Where = { site: "The blank Next.js app" };

/**
 * Until React has hydrated the element `selector` (its props are on the element): clicking a link
 * earlier reloads the page, and a button does nothing.
 */
async function hydrated(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (css) => {
      const element = document.querySelector(css);
      return element !== null && Object.keys(element).some((key) => key.startsWith("__reactProps$"));
    },
    selector,
    { timeout: 30_000 },
  );
}

/** `/` then `/second`, in a fresh context like the wizard run's: nothing cached. */
async function pageLoads(browser: Browser, baseUrl: string): Promise<Omit<FloorSample, "actionMs">> {
  const { first, second } = BLANK_PAGES;
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const page = await context.newPage();
    const opened: Timed = await documentLoad(
      page,
      first.path,
      heading(page, first.title),
      `the heading "${first.title}" on ${first.path}`,
      BLANK,
    );
    await hydrated(page, `a[href="${second.path}"]`);
    const link = page.getByRole("link", { name: second.link, exact: true });
    const moved: Timed = await clientNavigation(page, link, second.path, second.title, BLANK);
    if (moved.navigation !== "client") {
      throw new BenchError(
        "Clicking the blank app's link reloaded the whole document instead of navigating in place.",
      );
    }
    return {
      documentMs: opened.end - opened.start,
      clientMs: moved.end - moved.start,
      htmlMs: opened.response?.ms,
      rscMs: moved.response?.ms,
    };
  } finally {
    await context.close();
  }
}

/** `/action` opened (not timed) in a fresh context, then its button clicked once, timed as the wizard's actions. */
async function action(browser: Browser, baseUrl: string): Promise<number> {
  const { path, title, button, result } = BLANK_ACTION;
  const context = await browser.newContext({ baseURL: baseUrl });
  try {
    const page = await context.newPage();
    await documentLoad(page, path, heading(page, title), `the heading "${title}" on ${path}`, BLANK);
    await hydrated(page, "main button");
    const done = page.getByRole("main").getByText(result, { exact: true });
    const { start, end } = await serverAction(page, button, done, `the result "${result}"`, BLANK);
    return end - start;
  } finally {
    await context.close();
  }
}

async function sample(browser: Browser, baseUrl: string): Promise<FloorSample> {
  const loads = await pageLoads(browser, baseUrl);
  return { ...loads, actionMs: await action(browser, baseUrl) };
}

function medianOf(values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? median(known) : undefined;
}

/** One warm-up (not counted: the server's first render of each page), then `repeat` samples. */
export async function measureBrowserFloor(
  browser: Browser,
  baseUrl: string,
  repeat: number,
): Promise<BrowserFloor> {
  await sample(browser, baseUrl);
  const samples: FloorSample[] = [];
  for (let i = 0; i < repeat; i++) samples.push(await sample(browser, baseUrl));
  return {
    samples,
    documentMs: median(samples.map((s) => s.documentMs)),
    clientMs: median(samples.map((s) => s.clientMs)),
    actionMs: median(samples.map((s) => s.actionMs)),
    htmlMs: medianOf(samples.map((s) => s.htmlMs)),
    rscMs: medianOf(samples.map((s) => s.rscMs)),
  };
}

const PART_MS: Record<FloorPart, (floor: BrowserFloor) => number> = {
  document: (f) => f.documentMs,
  client: (f) => f.clientMs,
  action: (f) => f.actionMs,
};

/** The floor of a run of page loads and actions: each at its median. */
export function floorOf(floor: BrowserFloor, parts: FloorPart[]): number {
  return parts.reduce((sum, part) => sum + PART_MS[part](floor), 0);
}
