// The layering of docs/architecture.md, enforced in `npm test` (npm run lint:deps). What browser code
// may reach, however indirectly, is checked by .dependency-cruiser.client.cjs.
const { filesWith } = require("./scripts/directive-files.cjs");

const CLIENT = filesWith("use client");
/** Tests, their helpers, and tools that run beside the app, not in it. */
const NOT_APP =
  "(\\.test\\.tsx?$|/test-support/|/test-fixtures/|^e2e/|^bench/|^tests/|^scripts/|\\.config\\.|^proxy\\.ts$)";
/** The command line (lib/cli) starts the demo servers and the app: the start script of docs/architecture.md. */
const START = "^(lib/cli/|bin/)";
/** The server side: what talks to Creatio, the Identity Service, the session store or the demo. */
const SERVER_SIDE = "^lib/(creatio|transport|identity|diagnostics|session|frame|access|demo)/";

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "A cycle means two modules that cannot be understood (or changed) apart.",
      from: { pathNot: NOT_APP },
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "client-code-imports-no-server-module",
      severity: "error",
      comment:
        "Browser code imports only browser-safe modules (lib/errors, lib/contract, lib/wizard's schemas and steps, components); types may cross.",
      from: { path: CLIENT },
      to: { path: SERVER_SIDE, dependencyTypesNot: ["type-only"], pathNot: "^lib/demo/types\\.ts$" },
    },
    {
      name: "creatio-imports-nothing-of-the-app",
      severity: "error",
      comment:
        "lib/creatio is the boundary around Creatio: it uses the transport, the errors and the contract only.",
      from: { path: "^lib/creatio/", pathNot: NOT_APP },
      to: { path: "^(app|components)/|^lib/(?!creatio/|transport/|errors/|contract/)" },
    },
    {
      name: "transport-knows-no-system",
      severity: "error",
      comment: "lib/transport serves Creatio and the Identity Service alike.",
      from: { path: "^lib/transport/", pathNot: NOT_APP },
      to: { path: "^(app|components)/|^lib/(?!transport/|errors/|log/)" },
    },
    {
      name: "errors-and-contract-stand-alone",
      severity: "error",
      comment: "Both are browser-safe foundations that everything else may import.",
      from: { path: "^lib/(errors|contract)/", pathNot: NOT_APP },
      to: { path: "^(app|components)/|^lib/(?!errors/|contract/)" },
    },
    {
      name: "identity-uses-transport-not-creatio",
      severity: "error",
      from: { path: "^lib/identity/", pathNot: NOT_APP },
      to: { path: "^(app|components)/|^lib/(?!identity/|transport/|errors/|contract/)" },
    },
    {
      name: "session-knows-no-wizard",
      severity: "error",
      comment:
        "The session store holds state; the wizard, the frame and the diagnostics use it, not the other way.",
      from: { path: "^lib/session/", pathNot: NOT_APP },
      to: { path: "^(app|components)/|^lib/(wizard|frame|diagnostics|identity)/" },
    },
    {
      name: "diagnostics-below-the-wizard",
      severity: "error",
      from: { path: "^lib/diagnostics/", pathNot: NOT_APP },
      to: { path: "^(app|components)/|^lib/(wizard|frame|session|demo)/" },
    },
    {
      name: "report-format-is-browser-safe",
      severity: "error",
      comment: "lib/report (the report's schema and its reading) is used by /report in the browser.",
      from: { path: "^lib/report/", pathNot: NOT_APP },
      to: {
        path: "^(app|components)/|^lib/(?!report/|errors/|contract/)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "log-stands-alone",
      severity: "error",
      comment: "lib/log is called by the transport: it may not call back into anything.",
      from: { path: "^lib/log/", pathNot: NOT_APP },
      to: { path: "^(app|components)/|^lib/(?!log/)" },
    },
    {
      name: "lib-never-imports-the-app",
      severity: "error",
      from: { path: "^lib/", pathNot: NOT_APP },
      to: { path: "^(app|components)/" },
    },
    {
      name: "demo-only-from-start-tests-and-demo-routes",
      severity: "error",
      comment:
        "The embedded demo is started by the start script and used by tests; the app reaches it over HTTP only (lib/wizard/demo.ts). Its public types (the scenario list) may be shared.",
      from: { pathNot: `${NOT_APP}|^lib/demo/|${START}` },
      to: { path: "^lib/demo/", pathNot: "^lib/demo/types\\.ts$" },
    },
    {
      name: "components-are-shared-pieces",
      severity: "error",
      comment:
        "components/ holds what two or more pages share; a page's own pieces live in its route folder.",
      from: { path: "^components/", pathNot: NOT_APP },
      to: { path: "^app/", pathNot: "^app/.*actions\\.ts$" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|dist|test-results|playwright-report)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: {
      mermaid: { minify: false },
    },
  },
};
