// Creatio version arithmetic ("8.1.2.3842"), for the version gates of the contract (section 3).

/** [major, minor, build, revision]; missing parts are 0; null when not a dotted number. */
export function parseVersion(version: string): [number, number, number, number] | null {
  if (!/^\d+(\.\d+){0,3}$/.test(version.trim())) return null;
  const parts = version.trim().split(".").map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0];
}

/** Negative when a < b, 0 when equal, positive when a > b; unreadable versions count as 0.0.0.0. */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a) ?? [0, 0, 0, 0];
  const right = parseVersion(b) ?? [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The first version with the OAuth health check: 8.1.2, on .NET hosting only 8.3.2 (docs/creatio-api.md §3). */
export function healthCheckMinimumVersion(runtime: "netfx" | "net" | null): string {
  return runtime === "net" ? "8.3.2" : "8.1.2";
}

/** True when this build is known to predate the health check; null when the version is unknown. */
export function predatesHealthCheck(version: string | null, runtime: "netfx" | "net" | null): boolean | null {
  if (!version) return null;
  return compareVersions(version, healthCheckMinimumVersion(runtime)) < 0;
}
