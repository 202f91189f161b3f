// The Dockerfile's steps without Docker (no engine runs on the CI machines), run by `npm run
// test:container` (part of `npm test`):
//  build stage: `npm ci` is what CI has just done; `npm run build` is the same dist/ the content hash
//    of scripts/build-lib.mjs vouches for, so a matching dist/ is reused instead of built again;
//  runtime stage: copy what each `COPY --from=build` copies into an empty folder, start the `CMD` there
//    with the stage's `ENV` (and a container-like HOSTNAME that must not matter), then
//    - without WIZARD_ACCESS_PASSWORD: it refuses, showing the `docker run -e ...` line;
//    - with it: the HEALTHCHECK command passes, the connect page is behind /unlock, the password opens
//      it and it shows the demo; SIGTERM stops it with exit code 0.
// Not reproduced: the unprivileged `node` user (the copied files are only read) and the image's Node
// 22 (this runs on the Node that runs it).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildAll, builtHash, sourceHash } from "./build-lib.mjs";
import { check, cleanEnv, DEMO_BUTTON, freePort, kill, launch, stop, waitFor } from "./check-support.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The runtime (last) stage of the Dockerfile, and the build stage's WORKDIR and RUN lines. */
export function readDockerfile(text) {
  const lines = text
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const stages = [];
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(" ");
    if (instruction.toUpperCase() === "FROM") {
      stages.push({ from: args, workdir: "/", env: {}, copies: [], runs: [], cmd: null, healthcheck: null });
      continue;
    }
    const stage = stages.at(-1);
    switch (instruction.toUpperCase()) {
      case "WORKDIR":
        stage.workdir = args;
        break;
      case "ENV":
        for (const [, k, v] of args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[k] = v.replace(/^"|"$/g, "");
        break;
      case "RUN":
        stage.runs.push(args);
        break;
      case "COPY": {
        const parts = rest.filter((p) => !p.startsWith("--chown"));
        if (parts[0]?.startsWith("--from=")) stage.copies.push({ from: parts[1], to: parts[2] });
        break;
      }
      case "CMD":
        stage.cmd = JSON.parse(args);
        break;
      case "HEALTHCHECK":
        stage.healthcheck = JSON.parse(args.slice(args.indexOf("CMD") + 3).trim());
        break;
    }
  }
  return { build: stages[0], runtime: stages.at(-1) };
}

async function main() {
  const { build, runtime } = readDockerfile(fs.readFileSync(path.join(root, "Dockerfile"), "utf8"));
  check(
    /^node:22\b/.test(build.from) && /^node:22-slim\b/.test(runtime.from),
    "build on node:22, run on node:22-slim",
  );
  check(build.runs.at(-1) === "npm run build", "the build stage ends with `npm run build`");
  if (builtHash(root) !== sourceHash(root)) {
    console.log("  building (dist/ does not match the sources)…");
    await buildAll(root);
  }

  const image = fs.mkdtempSync(path.join(os.tmpdir(), "wizard-image-"));
  try {
    for (const { from, to } of runtime.copies) {
      const src = path.join(root, path.posix.relative(build.workdir, from));
      fs.cpSync(src, path.join(image, to), { recursive: true });
    }
    check(
      fs.existsSync(path.join(image, "dist", "app", "server.js")) &&
        !fs.existsSync(path.join(image, "node_modules")),
      "the image holds the standalone output only (no node_modules of the build)",
    );
    const port = await freePort();
    // A container's HOSTNAME is its id: it must not decide where the wizard listens.
    const env = cleanEnv({ ...runtime.env, PORT: String(port), HOSTNAME: "3f2a9c1b7d4e" });
    const [command, ...args] = runtime.cmd;
    const exe = command === "node" ? process.execPath : command;

    const refused = launch(exe, args, { cwd: image, env });
    const code = await refused.exited;
    check(code === 1, "without WIZARD_ACCESS_PASSWORD the CMD refuses to start (exit 1)");
    check(
      refused.output().includes("docker run -e WIZARD_ACCESS_PASSWORD='<a long passphrase>' -p 3000:3000"),
      "the refusal shows the docker run -e WIZARD_ACCESS_PASSWORD=... line",
    );
    check(
      refused.output().includes("0.0.0.0") && !refused.output().includes("3f2a9c1b7d4e"),
      "it listens on WIZARD_HOST, not HOSTNAME",
    );

    const password = "container-check-passphrase";
    const run = launch(exe, args, { cwd: image, env: { ...env, WIZARD_ACCESS_PASSWORD: password } });
    try {
      await waitFor(`http://127.0.0.1:${port}/api/health`, run, 120_000);
      const [hcCommand, ...hcArgs] = runtime.healthcheck;
      execFileSync(hcCommand === "node" ? process.execPath : hcCommand, hcArgs, { env: { ...env } });
      check(true, "the HEALTHCHECK command passes");
      const locked = await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual" });
      check(
        locked.status === 303 && (locked.headers.get("location") ?? "").includes("/unlock"),
        "the connect page is behind /unlock",
      );
      const unlocked = await fetch(`http://127.0.0.1:${port}/unlock/submit`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: `http://127.0.0.1:${port}` },
        body: new URLSearchParams({ accessPassword: password, next: "/" }),
      });
      const cookie = (unlocked.headers.getSetCookie()[0] ?? "").split(";")[0];
      check(cookie.includes("="), "the access password opens it (access cookie set)");
      const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { cookie } });
      const html = await page.text();
      check(page.status === 200 && html.includes(DEMO_BUTTON), `the connect page shows "${DEMO_BUTTON}"`);
      const stopped = await stop(run);
      check(stopped === 0, `SIGTERM stops it with exit code 0 (got ${stopped})`);
    } catch (error) {
      kill(run);
      throw error;
    }
  } finally {
    fs.rmSync(image, { recursive: true, force: true });
  }
}

try {
  console.log("Container steps (Dockerfile) without Docker:");
  await main();
} catch (error) {
  console.error(`\n  Container check failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
