#!/usr/bin/env node
// `creatio-identity-wizard [--port <port>] [--host <address>]`: starts the prebuilt wizard with its
// embedded demo. The command itself is dist/cli.mjs (lib/cli/main.ts, bundled at build).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../dist/cli.mjs", import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error(
    "\n  This copy of the wizard is not built yet: run `npm start` (it builds first) or `npm run build`.\n",
  );
  process.exit(1);
}
const { run } = await import(cli.href);
await run(process.argv);
