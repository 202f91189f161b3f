// `npm run package`: the release tarball creatio-identity-wizard-<version>.tgz. It holds the prebuilt
// wizard (dist/cli.mjs and the standalone server in dist/app) and the bin, and depends on nothing:
// `npm install ./creatio-identity-wizard-<version>.tgz` needs neither a registry nor a build.
// Packed from a staging folder whose package.json has no dependencies (the clone's package.json lists
// the libraries the build needs; the package already holds what the server runs).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll, builtHash, distDir, sourceHash } from "./build-lib.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/** Builds when dist/ does not match the sources, then packs; returns the tarball's path. */
export async function makePackage() {
  if (builtHash(root) !== sourceHash(root)) {
    console.log("Building first (dist/ does not match the sources)…");
    await buildAll(root);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "wizard-package-"));
  try {
    fs.cpSync(path.join(root, "bin"), path.join(staging, "bin"), { recursive: true });
    fs.cpSync(distDir(root), path.join(staging, "dist"), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => path.basename(src) !== "BUILD_HASH",
    });
    fs.copyFileSync(path.join(root, "README.md"), path.join(staging, "README.md"));
    const released = {
      name: pkg.name,
      version: pkg.version,
      description: pkg.description,
      engines: pkg.engines,
      bin: pkg.bin,
      files: pkg.files,
    };
    fs.writeFileSync(path.join(staging, "package.json"), `${JSON.stringify(released, null, 2)}\n`);
    const out = execFileSync(npm, ["pack", "--json", "--pack-destination", root], {
      cwd: staging,
      encoding: "utf8",
      shell: process.platform === "win32",
    });
    const [info] = JSON.parse(out);
    const tarball = path.join(root, info.filename);
    const nested = info.files.filter((f) => f.path.startsWith("dist/app/node_modules/")).length;
    if (nested === 0) throw new Error("The tarball lacks dist/app/node_modules: the server could not run.");
    console.log(
      `Packed ${info.filename}: ${(info.size / 1e6).toFixed(1)} MB packed, ${(info.unpackedSize / 1e6).toFixed(1)} MB unpacked, ${info.entryCount} files.`,
    );
    return tarball;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await makePackage();
  } catch (error) {
    console.error(`\n  ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
