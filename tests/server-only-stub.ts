// Stand-in for the `server-only` marker package under vitest (plain Node, no RSC).
export {};
