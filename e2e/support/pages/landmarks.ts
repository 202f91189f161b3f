// Locators shared by every page: the app's error and progress messages.
import type { Locator, Page } from "@playwright/test";

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
