// What `npm start` and `npm run build` share: the content hash of everything the build reads, and the
// two build steps. Plain JavaScript with Node built-ins only at load time, so `npm start` runs on a
// built tree after `npm ci --omit=dev` (the build tools are imported only when a build is needed).
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Folders and files the build reads. Tests are left out: they change nothing that ships. */
const HASHED_DIRS = ["app", "components", "lib", "bin", "public"];
const HASHED_FILES = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "next.config.mjs",
  "proxy.ts",
  "scripts/build-lib.mjs",
  "scripts/client-address.cjs",
  "scripts/server-timing.cjs",
];
const NOT_HASHED = /\.test\.tsx?$/;

export function distDir(root) {
  return path.join(root, "dist");
}

function hashFile(hash, root, file) {
  hash.update(`${path.relative(root, file).split(path.sep).join("/")}\0`);
  hash.update(fs.readFileSync(file));
  hash.update("\0");
}

function walk(dir, out) {
  if (!fs.existsSync(dir)) return;
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.isFile() && !NOT_HASHED.test(entry.name)) out.push(full);
  }
}

/** SHA-256 over the path and content of every file the build reads (not file times). */
export function sourceHash(root) {
  const hash = createHash("sha256");
  hash.update(`node ${process.versions.node.split(".")[0]}\0`);
  for (const file of HASHED_FILES) {
    const full = path.join(root, file);
    if (fs.existsSync(full)) hashFile(hash, root, full);
  }
  for (const dir of HASHED_DIRS) {
    const files = [];
    walk(path.join(root, dir), files);
    for (const file of files) hashFile(hash, root, file);
  }
  return hash.digest("hex");
}

const HASH_FILE = "BUILD_HASH";

/** The hash the build in dist/ was made from, or null. */
export function builtHash(root) {
  const file = path.join(distDir(root), HASH_FILE);
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : null;
}

/** Whether the build tools are installed (they are development dependencies). */
export function canBuild(root) {
  const require = createRequire(path.join(root, "package.json"));
  try {
    for (const name of ["esbuild", "typescript", "next/dist/bin/next"]) require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * `server-only` throws outside React Server Components; the command line runs lib/ in plain Node (its
 * `check` and `apply` reuse the wizard's own modules), so the marker becomes an empty module there.
 */
const serverOnlyPlugin = {
  name: "server-only-marker",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "wizard-empty" }));
    build.onLoad({ filter: /.*/, namespace: "wizard-empty" }, () => ({
      contents: "export {};",
      loader: "js",
    }));
  },
};

/**
 * Bundles the command line (lib/cli/main.ts with the demo servers, the access check and commander)
 * into one plain JavaScript file, dist/cli.mjs (or `outfile`, for tests): no TypeScript runner at run
 * time. Takes about a second.
 */
export async function bundleCli(root, { outfile = path.join(distDir(root), "cli.mjs") } = {}) {
  const { build } = await import("esbuild");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, "lib", "cli", "main.ts")],
    outfile,
    write: false,
    plugins: [serverOnlyPlugin],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20.18",
    define: { __WIZARD_VERSION__: JSON.stringify(pkg.version) },
    // jsonc-parser's "main" is a UMD build whose require() calls cannot be bundled: use its ES modules.
    alias: { "jsonc-parser": "jsonc-parser/lib/esm/main.js" },
    // Bundled CommonJS libraries call require() and use __dirname; give them both in ESM.
    banner: {
      js: [
        'import { createRequire as __wizardRequire } from "node:module";',
        'import { fileURLToPath as __wizardPath } from "node:url";',
        'import { dirname as __wizardDirname } from "node:path";',
        "const require = __wizardRequire(import.meta.url);",
        "const __filename = __wizardPath(import.meta.url);",
        "const __dirname = __wizardDirname(__filename);",
      ].join("\n"),
    },
    legalComments: "eof",
    logLevel: "warning",
  });
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const [output] = result.outputFiles;
  // Written beside and renamed: a wizard starting at the same moment never reads half a file.
  const temp = `${outfile}.${process.pid}.tmp`;
  fs.writeFileSync(temp, output.contents);
  fs.renameSync(temp, outfile);
}

/**
 * `next build` (output: "standalone"), then dist/app = the standalone server with its static files:
 * what the package and the container ship, and what `npm start` runs.
 */
export function buildApp(root) {
  const require = createRequire(path.join(root, "package.json"));
  const result = spawnSync(process.execPath, [require.resolve("next/dist/bin/next"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("The build failed: see the messages above.");
  const standalone = path.join(root, ".next", "standalone");
  if (!fs.existsSync(path.join(standalone, "server.js"))) {
    throw new Error(`The build made no standalone server (${standalone}): is output "standalone" set?`);
  }
  const app = path.join(distDir(root), "app");
  fs.rmSync(app, { recursive: true, force: true });
  // dereference: Turbopack links hashed names of external packages (.next/node_modules/undici-<hash>) to
  // node_modules; a tarball drops links and Windows may not allow them, so copy what they point to.
  fs.cpSync(standalone, app, { recursive: true, dereference: true });
  fs.cpSync(path.join(root, ".next", "static"), path.join(app, ".next", "static"), { recursive: true });
  const pub = path.join(root, "public");
  if (fs.existsSync(pub)) fs.cpSync(pub, path.join(app, "public"), { recursive: true });
  // Preloaded into the server (node --require) for the access gate's per-client lockout.
  fs.copyFileSync(path.join(root, "scripts", CLIENT_ADDRESS), path.join(app, CLIENT_ADDRESS));
  // Required by it: the Server-Timing header of every response (issue 16).
  fs.copyFileSync(path.join(root, "scripts", SERVER_TIMING), path.join(app, SERVER_TIMING));
}

/** The Server-Timing hook the preload requires (scripts/server-timing.cjs). */
export const SERVER_TIMING = "server-timing.cjs";

/** The preload that gives each request its TCP peer address (scripts/client-address.cjs). */
export const CLIENT_ADDRESS = "client-address.cjs";

export function writeBuiltHash(root, hash) {
  fs.writeFileSync(path.join(distDir(root), HASH_FILE), `${hash}\n`);
}

/** The whole build: command line bundle, app, and the hash they were made from. */
export async function buildAll(root) {
  const hash = sourceHash(root);
  await bundleCli(root);
  buildApp(root);
  writeBuiltHash(root, hash);
}
