// The browser floor: what a page load costs in this browser on this machine when the page holds
// nothing, measured on the blank Next.js app (same next and react as the wizard, built in the same
// run) with the wizard's own method (navigate.ts). It tells the browser's share of a step's time
// from the wizard's own.
import type { Browser, Page } from "@playwright/test";
import { median } from "./analysis";
import { BenchError } from "./errors";
import { BLANK_PAGES } from "./first-load-js";
import { clientNavigation, documentLoad, heading, type Timed, type Where } from "./navigate";
import type { Navigation } from "./steps";

export interface FloorSample {
  /** Cold document load of `/` in a fresh context, ms. */
  documentMs: number;
  /** Client navigation `/` -> `/second` by clicking the link, ms. */
  clientMs: number;
  /** The HTML of `/` and the RSC payload of `/second`: request start until fully received, ms. */
  htmlMs?: number;
  rscMs?: number;
}

export interface BrowserFloor {
  samples: FloorSample[];
  /** Medians over the samples, ms. */
  documentMs: number;
  clientMs: number;
  htmlMs?: number;
  rscMs?: number;
}

const BLANK: Where = { site: "The blank Next.js app" };

/** Until React has hydrated the link (its props are on the element): clicking earlier reloads the page. */
async function hydrated(page: Page, path: string): Promise<void> {
  await page.waitForFunction(
    (href) => {
      const link = document.querySelector(`a[href="${href}"]`);
      return link !== null && Object.keys(link).some((key) => key.startsWith("__reactProps$"));
    },
    path,
    { timeout: 30_000 },
  );
}

async function sample(browser: Browser, baseUrl: string): Promise<FloorSample> {
  const { first, second } = BLANK_PAGES;
  // A fresh context, like the wizard run's: nothing cached.
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
    await hydrated(page, second.path);
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
    htmlMs: medianOf(samples.map((s) => s.htmlMs)),
    rscMs: medianOf(samples.map((s) => s.rscMs)),
  };
}

/** The floor of a run of page loads: each document load and each client navigation at its median. */
export function floorOf(floor: BrowserFloor, navigations: Navigation[]): number {
  return navigations.reduce((sum, n) => sum + (n === "document" ? floor.documentMs : floor.clientMs), 0);
}
