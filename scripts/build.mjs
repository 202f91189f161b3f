// `npm run build`: builds everything that ships (dist/cli.mjs and dist/app), whatever dist/ holds.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll } from "./build-lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
try {
  await buildAll(root);
  console.log("Built: dist/cli.mjs and dist/app (the standalone server with its static files).");
} catch (error) {
  console.error(`\n  ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
