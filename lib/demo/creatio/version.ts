// Version arithmetic and the version gates of the contract (section 3).

import type { DemoTenantConfig } from "../types";

export type VersionTuple = [number, number, number, number];

/** "8.1.2.3842" -> [8, 1, 2, 3842]; missing parts are 0; null when not a dotted number. */
export function parseVersion(version: string): VersionTuple | null {
  if (!/^\d+(\.\d+){0,3}$/.test(version)) return null;
  const parts = version.split(".").map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 0];
}

/** Negative when a < b, 0 when equal, positive when a > b. Unparsable versions count as 0.0.0.0. */
export function compareVersions(a: string, b: string): number {
  const left = parseVersion(a) ?? [0, 0, 0, 0];
  const right = parseVersion(b) ?? [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export const atLeast = (version: string, minimum: string) => compareVersions(version, minimum) >= 0;

type Build = Pick<DemoTenantConfig, "runtime" | "version">;

/** From 8.3.2 the platform cookies are CRT_*. */
export const usesCrtCookies = (build: Build) => atLeast(build.version, "8.3.2");
/** From 8.2 ClearFeaturesCacheForAllUsers base64-decodes its name segment. */
export const clearCacheDecodesBase64 = (build: Build) => atLeast(build.version, "8.2");
/** OAuth health check: from 8.1.2, on .NET hosting only from 8.3.2. */
export const hasHealthCheck = (build: Build) =>
  atLeast(build.version, build.runtime === "net" ? "8.3.2" : "8.1.2");
/** ConfigureIdentityProvider exists only on some builds; the demo offers it from 8.2. */
export const hasConfigureIdentityProvider = (build: Build) => atLeast(build.version, "8.2");
/** OAuth20Integration is on by default from 8.3.2. */
export const featureOnByDefault = (build: Build) => atLeast(build.version, "8.3.2");
/** The top-level `success:false` beside a good saveResult was seen on 8.1. */
export const saveSettingsQuirkByDefault = (build: Build) =>
  atLeast(build.version, "8.1") && !atLeast(build.version, "8.2");
