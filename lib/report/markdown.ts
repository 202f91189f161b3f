// Markdown that a server's words cannot break out of: the report's Markdown and the ticket summary
// (pasted into support tools that render Markdown) put such text in code spans. Browser-safe.

export function longestRun(text: string, ch: string): number {
  let longest = 0;
  for (const run of text.match(new RegExp(`${ch === "`" ? "`" : "~"}+`, "g")) ?? []) {
    longest = Math.max(longest, run.length);
  }
  return longest;
}

/** An inline code span that no backtick inside `text` can close; white space folded to one line. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  const fence = "`".repeat(longestRun(flat, "`") + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}
