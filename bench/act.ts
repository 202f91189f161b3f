// A server action as the operator sees it, timed the same way for the wizard and for the blank
// Next.js app (the browser floor): from the click on its button until the action answered, the
// progress (role status in the main landmark) is gone and the page shows the result.
import type { Locator, Page, Response } from "@playwright/test";
import { now } from "./clock";
import { UI_TIMEOUT_MS } from "./config";
import { BenchError } from "./errors";
import { serverTimingOf, type Where } from "./navigate";
import type { ServerTiming } from "./steps";

/** The answer (headers) of the next server action; never an unhandled rejection if nobody awaits it. */
export function serverActionAnswer(page: Page): Promise<Response> {
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined,
    { timeout: UI_TIMEOUT_MS },
  );
  answered.catch(() => undefined);
  return answered;
}

/**
 * Clicks the button `button`, whose server action re-renders the page, and waits until the work is
 * shown: the action answered, the progress (role status) is gone, and `done` shows (`what` names it
 * in messages).
 */
export async function serverAction(
  page: Page,
  button: string,
  done: Locator,
  what: string,
  where: Where,
): Promise<{ start: number; end: number; server: ServerTiming[] }> {
  const start = now();
  const answered = serverActionAnswer(page);
  await page
    .getByRole("button", { name: button, exact: true })
    .click({ timeout: UI_TIMEOUT_MS })
    .catch(() => {
      throw new BenchError(
        `${where.site} showed no button "${button}" to click within ${UI_TIMEOUT_MS / 1000} s.`,
      );
    });
  const response = await answered.catch(() => {
    throw new BenchError(`Clicking "${button}" sent no server action within ${UI_TIMEOUT_MS / 1000} s.`);
  });
  await page
    .getByRole("main")
    .getByRole("status")
    .first()
    .waitFor({ state: "hidden", timeout: UI_TIMEOUT_MS })
    .catch(() => {
      throw new BenchError(`After "${button}", the progress message did not go away.`);
    });
  try {
    await done.waitFor({ timeout: 10_000 });
  } catch {
    const said = await (where.explain?.() ?? Promise.resolve(null)).catch(() => null);
    throw new BenchError(
      `${where.site} did not show ${what} after "${button}"${said ? `; it says: ${said}` : "."}`,
    );
  }
  const end = now();
  return { start, end, server: await serverTimingOf("action", response) };
}
