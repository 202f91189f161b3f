// Locators shared by every page: the app's error and progress messages.
import type { Locator, Page } from "@playwright/test";

/**
 * Waits until React has hydrated the page. Before that, a click on a button does nothing and a form
 * submits natively, which is not what an operator meets at human speed.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const main = document.querySelector("main");
    return main !== null && Object.keys(main).some((key) => key.startsWith("__reactFiber"));
  });
}

/** The app's error messages (role `alert`). */
export function appAlerts(page: Page): Locator {
  // Next.js adds its own route announcer (role `alert`, id `__next-route-announcer__`) that reads
  // out the page title after each navigation: it is not one of the app's messages.
  return page.getByRole("alert").and(page.locator(":not(#__next-route-announcer__)"));
}

/** The app's progress messages (role `status`). */
export function appStatuses(page: Page): Locator {
  return page.getByRole("status");
}
