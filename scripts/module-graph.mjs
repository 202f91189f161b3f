// `npm run docs:graph`: the module graph of docs/architecture.md, folder by folder, as Mermaid
// (rendered by GitHub and most Markdown viewers; no system tool needed). Type-only imports count.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

const depcruise = path.join("node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
const mermaid = execFileSync(
  process.execPath,
  [
    depcruise,
    "app",
    "components",
    "lib",
    "--config",
    ".dependency-cruiser.cjs",
    "--output-type",
    "mermaid",
    "--include-only",
    "^(app|components|lib)/",
    "--collapse",
    "^(lib/[^/]+|app|components)/",
    "--exclude",
    "(\\.test\\.tsx?$|/test-support/|/test-fixtures/)",
  ],
  { encoding: "utf8" },
);
writeFileSync(
  "docs/module-graph.md",
  `# Module graph\n\nWhich folder imports which (type-only imports included), made by \`npm run docs:graph\` from the\nsame dependency-cruiser configuration that \`npm test\` enforces. The rules themselves are in\n\`.dependency-cruiser.cjs\`; docs/architecture.md explains them.\n\n\`\`\`mermaid\n${mermaid.trim()}\n\`\`\`\n`,
);
console.log("docs/module-graph.md written");
