// FeatureService: CreateFeature, GetFeatureState (cached per user until the cache is cleared),
// ClearFeaturesCacheForAllUsers (8.2+ base64-decodes the name) and the SetFeatureStateForAllUsers trap.

import { randomUUID } from "node:crypto";
import { fault, isRecord, json, type Reply } from "./http";
import type { ResolvedUser, Tenant } from "./tenant";
import { clearCacheDecodesBase64 } from "./version";

function findFeature(tenant: Tenant, code: string) {
  return tenant.tables.Feature.find((row) => String(row.Code).toLowerCase() === code.toLowerCase());
}

/** The highest FeatureState over the rows of the user and the user's roles (0 when none). */
function computeState(tenant: Tenant, user: ResolvedUser, code: string): 0 | 1 {
  const feature = findFeature(tenant, code);
  if (!feature) return 0;
  const units = new Set([user.id, ...user.roles]);
  const rows = tenant.tables.AdminUnitFeatureState.filter(
    (row) => row.Feature === feature.Id && units.has(String(row.SysAdminUnit).toLowerCase()),
  );
  return rows.some((row) => row.FeatureState === 1) ? 1 : 0;
}

const wrappedResult = (success: boolean, message?: string) =>
  json(200, {
    result: success
      ? { success: true, errorInfo: null }
      : { success: false, errorInfo: { errorCode: "ItemAlreadyExistException", message, stackTrace: null } },
  });

export function createFeature(tenant: Tenant, body: unknown): Reply {
  const { code, name, description } = isRecord(body) ? body : {};
  if (typeof code !== "string" || code.trim() === "") {
    return fault(400, 'Parameter "code" is required.', "System.ArgumentNullException");
  }
  if (findFeature(tenant, code)) return wrappedResult(false, `Feature with code "${code}" already exists.`);
  tenant.tables.Feature.push({
    Id: randomUUID(),
    Code: code,
    Name: typeof name === "string" && name !== "" ? name : code,
    Description: typeof description === "string" ? description : "",
  });
  return wrappedResult(true);
}

export function getFeatureState(tenant: Tenant, user: ResolvedUser, body: unknown): Reply {
  const code = isRecord(body) ? body.code : undefined;
  if (typeof code !== "string" || code === "") {
    return fault(400, 'Parameter "code" is required.', "System.ArgumentNullException");
  }
  const userKey = user.name.toLowerCase();
  let cache = tenant.featureCache.get(userKey);
  if (!cache) {
    cache = new Map();
    tenant.featureCache.set(userKey, cache);
  }
  let state = cache.get(code.toLowerCase());
  if (state === undefined) {
    state = computeState(tenant, user, code);
    cache.set(code.toLowerCase(), state);
  }
  return json(200, { FeatureState: state });
}

/** .NET's Convert.FromBase64String accepts only whole 4-character groups with padding at the end. */
function decodeBase64Strict(text: string): string | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return Buffer.from(text, "base64").toString("utf8");
}

export function clearFeaturesCacheForAllUsers(tenant: Tenant, rawName: string): Reply {
  let name = rawName;
  if (name !== "" && clearCacheDecodesBase64(tenant.config)) {
    const decoded = decodeBase64Strict(name);
    if (decoded === null) {
      return fault(
        500,
        "The input is not a valid Base-64 string as it contains a non-base 64 character, more than two padding " +
          "characters, or an illegal character among the padding characters.",
        "System.FormatException",
      );
    }
    name = decoded;
  }
  if (name.trim() === "") {
    tenant.featureCache.clear();
    return json(200, "Cache cleared for all features");
  }
  for (const cache of tenant.featureCache.values()) cache.delete(name.toLowerCase());
  return json(200, `Cache cleared for feature ${name}`);
}

/**
 * The trap: "for all users" only sets the rows that already exist (System administrators on a fresh
 * install), or adds a row for the current user when there is none. "All employees" gets nothing.
 */
export function setFeatureStateForAllUsers(tenant: Tenant, user: ResolvedUser, body: unknown): Reply {
  const { code, state } = isRecord(body) ? body : {};
  if (typeof code !== "string" || code === "" || (state !== 0 && state !== 1)) {
    return fault(400, 'Parameters "code" and "state" (0 or 1) are required.', "System.ArgumentException");
  }
  const feature = findFeature(tenant, code);
  if (!feature) {
    return fault(500, `Feature "${code}" not found.`, "Terrasoft.Common.ItemNotFoundException");
  }
  const rows = tenant.tables.AdminUnitFeatureState.filter((row) => row.Feature === feature.Id);
  if (rows.length > 0) {
    for (const row of rows) row.FeatureState = state;
  } else {
    tenant.tables.AdminUnitFeatureState.push({
      Id: randomUUID(),
      Feature: feature.Id ?? null,
      SysAdminUnit: user.id,
      FeatureState: state,
    });
  }
  return json(200, {});
}
