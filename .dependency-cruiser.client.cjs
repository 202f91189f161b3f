// Browser code never reaches a server-only module, however indirectly. A separate pass because the
// browser gets only a reference to a server action ("use server" file), never its code: the walk stops
// there, which the main rules (.dependency-cruiser.cjs) must not do.
const main = require("./.dependency-cruiser.cjs");
const { filesWith } = require("./scripts/directive-files.cjs");

module.exports = {
  forbidden: [
    {
      name: "client-code-never-reaches-server-only",
      severity: "error",
      comment: "Browser code must not pull in server-only modules, however indirectly.",
      from: { path: filesWith("use client") },
      to: { path: "node_modules/server-only", reachable: true },
    },
  ],
  options: {
    ...main.options,
    doNotFollow: { path: ["node_modules", ...filesWith("use server")] },
  },
};
