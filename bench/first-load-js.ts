// First-load JavaScript of a route: the script files the browser fetches until the load event of a
// fresh page (no cache), each gzipped (level 9) and summed. The blank Next.js page it is compared
// with (`/` of a blank app) is built in the same run from the same node_modules (no network); the
// browser floor (browser-floor.ts) loads the same blank app and runs its server action.
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { Browser, BrowserContextOptions } from "@playwright/test";
import { ROOT, TMP_DIR, UI_TIMEOUT_MS } from "./config";
import { BenchError } from "./errors";

const require = createRequire(path.join(ROOT, "package.json"));
export const NEXT_BIN = require.resolve("next/dist/bin/next");
export const BLANK_DIR = path.join(TMP_DIR, "blank");

export interface FirstLoadJs {
  route: string;
  files: number;
  rawBytes: number;
  gzipBytes: number;
}

/** The blank app's two linked pages: path, h1 and the name of the link to it. */
export const BLANK_PAGES = {
  first: { path: "/", title: "Blank", link: "Blank page" },
  second: { path: "/second", title: "Second", link: "Second page" },
} as const;

type BlankPage = (typeof BLANK_PAGES)[keyof typeof BLANK_PAGES];

/**
 * The blank app's third page: an h1 and a button whose server action does nothing but `refresh()`
 * (the page re-renders in the same response, as after every wizard action) and return a value. While
 * it runs the page shows `progress` (role status); then `result`, the value the action returned.
 */
export const BLANK_ACTION = {
  path: "/action",
  title: "Action",
  button: "Run",
  progress: "Running",
  result: "Done",
} as const;

function blankPage(page: BlankPage, other: BlankPage): string {
  return [
    'import Link from "next/link";',
    "",
    'export const dynamic = "force-dynamic";',
    "",
    "export default function Page() {",
    "  return (",
    "    <main>",
    `      <h1>${page.title}</h1>`,
    `      <Link href="${other.path}" prefetch={false}>`,
    `        ${other.link}`,
    "      </Link>",
    "    </main>",
    "  );",
    "}",
    "",
  ].join("\n");
}

/**
 * Writes and builds a blank Next.js app (JSX, no TypeScript) in bench/.tmp/blank: a layout and three
 * pages: `/` and `/second`, each an h1 and a next/link to the other, and `/action` (BLANK_ACTION).
 */
export function buildBlankApp(): void {
  // `next build` empties .next itself; keeping .next/cache lets later runs build faster.
  mkdirSync(path.join(BLANK_DIR, "app", "second"), { recursive: true });
  mkdirSync(path.join(BLANK_DIR, "app", "action"), { recursive: true });
  const files: Record<string, string> = {
    "package.json": `${JSON.stringify({ name: "bench-blank", private: true }, null, 2)}\n`,
    // Modules resolve from the project's node_modules (two levels up); Turbopack must be told the root.
    "next.config.mjs": [
      'import path from "node:path";',
      'import { fileURLToPath } from "node:url";',
      "",
      'const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");',
      "export default { turbopack: { root }, outputFileTracingRoot: root };",
      "",
    ].join("\n"),
    "app/layout.jsx": [
      "export default function RootLayout({ children }) {",
      "  return (",
      '    <html lang="en">',
      "      <body>{children}</body>",
      "    </html>",
      "  );",
      "}",
      "",
    ].join("\n"),
    // Two pages linked like the wizard's (next/link, no prefetch), rendered per request like the
    // wizard's pages: the browser floor clicks from one to the other.
    "app/page.jsx": blankPage(BLANK_PAGES.first, BLANK_PAGES.second),
    "app/second/page.jsx": blankPage(BLANK_PAGES.second, BLANK_PAGES.first),
    // A server action that ends as the wizard's do (app/setup/*/actions.ts: refresh(), then the
    // result), handed by the page to a client component that calls it as components/OneClickAction.tsx
    // does (useTransition, progress with role status while pending, then the result). Passed as a prop
    // like the wizard's, not imported by the client component: that import would make Turbopack split
    // the shared chunk `/` loads (one more file, same code), changing the blank page's measure.
    "app/action/actions.js": [
      '"use server";',
      'import { refresh } from "next/cache";',
      "",
      "export async function runAction() {",
      "  refresh();",
      `  return { result: "${BLANK_ACTION.result}" };`,
      "}",
      "",
    ].join("\n"),
    "app/action/run-action.jsx": [
      '"use client";',
      'import { useState, useTransition } from "react";',
      "",
      "export function RunAction({ action }) {",
      "  const [pending, startTransition] = useTransition();",
      "  const [outcome, setOutcome] = useState(null);",
      "  const run = () => {",
      "    startTransition(async () => {",
      "      const r = await action();",
      "      setOutcome(r.result);",
      "    });",
      "  };",
      "  return (",
      "    <>",
      '      <button type="button" onClick={run} disabled={pending}>',
      `        ${BLANK_ACTION.button}`,
      "      </button>",
      `      {pending ? <p role="status">${BLANK_ACTION.progress}</p> : null}`,
      "      {outcome ? <p>{outcome}</p> : null}",
      "    </>",
      "  );",
      "}",
      "",
    ].join("\n"),
    "app/action/page.jsx": [
      'import { runAction } from "./actions";',
      'import { RunAction } from "./run-action";',
      "",
      'export const dynamic = "force-dynamic";',
      "",
      "export default function Page() {",
      "  return (",
      "    <main>",
      `      <h1>${BLANK_ACTION.title}</h1>`,
      "      <RunAction action={runAction} />",
      "    </main>",
      "  );",
      "}",
      "",
    ].join("\n"),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(BLANK_DIR, name), text);
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: BLANK_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
    timeout: 300_000,
  });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}\n${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
    throw new BenchError(`Building the blank Next.js page failed:\n${output}`);
  }
}

/** Opens `route` in a fresh context and sums the scripts it loads (same origin, until `load`). */
export async function measureFirstLoadJs(
  browser: Browser,
  baseUrl: string,
  route: string,
  storageState?: BrowserContextOptions["storageState"],
): Promise<FirstLoadJs> {
  const context = await browser.newContext({ baseURL: baseUrl, storageState });
  try {
    const page = await context.newPage();
    const scripts = new Map<string, Promise<Buffer | null>>();
    const origin = new URL(baseUrl).origin;
    page.on("response", (response) => {
      const request = response.request();
      if (request.resourceType() !== "script" || new URL(response.url()).origin !== origin) return;
      if (!scripts.has(response.url()))
        scripts.set(
          response.url(),
          response.body().catch(() => null),
        );
    });
    await page.goto(route, { waitUntil: "load", timeout: UI_TIMEOUT_MS });
    const landed = new URL(page.url()).pathname;
    if (landed !== route) {
      throw new BenchError(`Measuring the JavaScript of ${route}, the browser landed on ${landed} instead.`);
    }
    // Only what the page loaded up to its load event: later fetches (prefetches) are not first load.
    const loaded = [...scripts];
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const [url, body] of loaded) {
      const bytes = await body;
      if (!bytes) throw new BenchError(`Could not read the script ${url} of ${route}.`);
      rawBytes += bytes.length;
      gzipBytes += gzipSync(bytes, { level: 9 }).length;
    }
    return { route, files: loaded.length, rawBytes, gzipBytes };
  } finally {
    await context.close();
  }
}
