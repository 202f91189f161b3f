import type { Page } from "@playwright/test";

// The wizard's pages deny clipboard-read (Permissions-Policy: the wizard never reads the clipboard),
// so a spec cannot read back what "Copy summary" wrote. Instead it records what the page hands to
// navigator.clipboard.writeText, which still writes for real.

type Recording = Window & { __copiedTexts?: string[] };

/** Start recording what the page copies (call after the page has loaded, before the click). */
export async function recordCopies(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as Recording;
    w.__copiedTexts = [];
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = async (text: string) => {
      await write(text);
      w.__copiedTexts?.push(text);
    };
  });
}

/** The last text the page wrote to the clipboard since recordCopies. */
export async function lastCopied(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as Recording).__copiedTexts?.at(-1));
}
