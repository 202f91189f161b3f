// For the dependency rules: which files are browser code ("use client") and which are server actions
// ("use server"), read from the files themselves rather than kept in a list.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

/** Files that start with `directive` ("use client": code that ships to the browser; "use server": actions). */
function filesWith(directive) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (
        /\.tsx?$/.test(entry.name) &&
        fs.readFileSync(full, "utf8").trimStart().startsWith(`"${directive}"`)
      ) {
        found.push(full.split(path.sep).join("/"));
      }
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(path.join(root, dir));
  return found.map((f) => `^${path.relative(root, f).split(path.sep).join("/").replace(/[.]/g, "\\.")}$`);
}

module.exports = { filesWith };
