// `npm start`: the same production server as the package (dist/cli.mjs running dist/app), built first
// when no build matches the sources (a content hash, see build-lib.mjs). Plain JavaScript: on a built
// tree it needs no development dependency (`npm ci --omit=dev && npm start`).
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  buildApp,
  builtHash,
  bundleCli,
  canBuild,
  distDir,
  sourceHash,
  writeBuiltHash,
} from "./build-lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function fail(message) {
  console.error(`\n  ${message}\n`);
  process.exit(1);
}

const hash = sourceHash(root);
const hooks = {};
if (builtHash(root) !== hash) {
  if (!canBuild(root)) {
    fail(
      "The build in dist/ does not match the sources, and the tools to build are not installed " +
        "(they are development dependencies). Run `npm install`, then `npm start` again.",
    );
  }
  // The command line first (a second): its access and port checks run before the long app build.
  await bundleCli(root).catch((error) => fail(`The build failed: ${error.message}`));
  hooks.ensureBuilt = () => {
    console.log("Building the wizard (first start or changed sources)…");
    try {
      buildApp(root);
    } catch (error) {
      fail(error.message);
    }
    writeBuiltHash(root, hash);
  };
}
const { run } = await import(pathToFileURL(path.join(distDir(root), "cli.mjs")).href);
await run(process.argv, hooks);
