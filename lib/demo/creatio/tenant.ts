// One demo Creatio: its configuration, its data (tables, settings, sessions, feature cache) and its call
// log. `reset()` rebuilds the data from the configuration, which is the scenario's start.

import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { DemoScenario, DemoTenantConfig, DemoTenantSnapshot, DemoUser } from "../types";
import {
  ALL_EMPLOYEES_ID,
  DataValueType,
  DEMO_USER,
  FEATURE_CODE,
  LEGACY_SETTING_CLIENT_ID,
  LEGACY_SETTING_CLIENT_SECRET,
  LEGACY_SETTING_URL,
  SETTING_CLIENT_ID,
  SETTING_CLIENT_SECRET,
  SETTING_URL,
  SUPERVISOR_ID,
  SYSTEM_ADMINISTRATORS_ID,
} from "./constants";
import { emptyTables, type Tables } from "./tables";

export interface Session {
  token: string;
  csrf: string;
  userName: string;
  lastSeen: number;
}

export interface SettingEntry {
  value: string;
  dataValueType: number;
  secure: boolean;
}

export interface ResolvedUser extends DemoUser {
  name: string;
  id: string;
  roles: string[];
}

const MAX_CALLS = 1000;

/** Values the older IdentityServer* settings carry on builds that have them. */
const LEGACY_VALUES = {
  url: "http://identity-old.local:8090",
  clientId: "OldIdentityClient",
  clientSecret: "OldIdentityServiceSecretValue001",
};

function guidFromName(name: string): string {
  const hex = createHash("sha1").update(`demo-user:${name}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const newResourceName = () => `ApplicationAccess_${randomBytes(16).toString("hex")}`;

export class Tenant {
  readonly vdir: string;
  tables: Tables = emptyTables();
  settings = new Map<string, SettingEntry>();
  sessions = new Map<string, Session>();
  /** userName (lower case) -> feature code (lower case) -> state, filled by GetFeatureState. */
  featureCache = new Map<string, Map<string, 0 | 1>>();
  calls: DemoTenantSnapshot["calls"] = [];
  /** The name AddDefaultResource gives this instance's default resource (fixed per instance). */
  defaultResourceName = newResourceName();
  lastUsed = Date.now();

  constructor(
    readonly id: string,
    readonly baseUrl: string,
    readonly scenario: DemoScenario | "custom",
    readonly config: DemoTenantConfig,
  ) {
    this.vdir = new URL(baseUrl).pathname;
    this.reset();
  }

  /** `/0` on .NET Framework, empty on .NET. */
  get prefix(): "/0" | "" {
    return this.config.runtime === "netfx" ? "/0" : "";
  }

  reset(): void {
    const { config } = this;
    this.tables = emptyTables();
    this.sessions.clear();
    this.featureCache.clear();
    this.calls = [];
    this.defaultResourceName = newResourceName();
    if (config.featureExists) {
      const featureId = randomUUID();
      this.tables.Feature.push({ Id: featureId, Code: FEATURE_CODE, Name: FEATURE_CODE, Description: "" });
      // A shipped install has one row, for System administrators, at 0.
      this.tables.AdminUnitFeatureState.push({
        Id: randomUUID(),
        Feature: featureId,
        SysAdminUnit: SYSTEM_ADMINISTRATORS_ID,
        FeatureState: 0,
      });
      if (config.allEmployeesFeatureState !== null) {
        this.tables.AdminUnitFeatureState.push({
          Id: randomUUID(),
          Feature: featureId,
          SysAdminUnit: ALL_EMPLOYEES_ID,
          FeatureState: config.allEmployeesFeatureState,
        });
      }
    }
    this.fillDirectory();
    for (let i = 0; i < config.defaultResources; i++) {
      this.tables.OAuthResource.push({
        Id: randomUUID(),
        Name: i === 0 ? this.defaultResourceName : newResourceName(),
        IsDefault: true,
      });
    }
    this.settings.clear();
    this.settings.set(SETTING_URL, {
      value: config.settings.url,
      dataValueType: DataValueType.MEDIUM_TEXT,
      secure: false,
    });
    this.settings.set(SETTING_CLIENT_ID, {
      value: config.settings.clientId,
      dataValueType: DataValueType.SHORT_TEXT,
      secure: false,
    });
    this.settings.set(SETTING_CLIENT_SECRET, {
      value: config.settings.clientSecret,
      dataValueType: DataValueType.SECURE_TEXT,
      secure: true,
    });
    if (config.legacySettings) {
      this.settings.set(LEGACY_SETTING_URL, {
        value: LEGACY_VALUES.url,
        dataValueType: DataValueType.MEDIUM_TEXT,
        secure: false,
      });
      this.settings.set(LEGACY_SETTING_CLIENT_ID, {
        value: LEGACY_VALUES.clientId,
        dataValueType: DataValueType.SHORT_TEXT,
        secure: false,
      });
      this.settings.set(LEGACY_SETTING_CLIENT_SECRET, {
        value: LEGACY_VALUES.clientSecret,
        dataValueType: DataValueType.SECURE_TEXT,
        secure: true,
      });
    }
  }

  /** SysAdminUnit rows (the two roles and every user) and one Contact per user. */
  private fillDirectory(): void {
    this.tables.SysAdminUnit.push(
      { Id: ALL_EMPLOYEES_ID, Name: "All employees", SysAdminUnitTypeValue: 0, Active: true },
      { Id: SYSTEM_ADMINISTRATORS_ID, Name: "System administrators", SysAdminUnitTypeValue: 6, Active: true },
    );
    for (const name of Object.keys(this.config.users)) {
      const user = this.user(name);
      if (!user) continue;
      this.tables.SysAdminUnit.push({
        Id: user.id,
        Name: user.name,
        SysAdminUnitTypeValue: user.unitType ?? 4,
        Active: true,
      });
      this.tables.Contact.push({ Id: randomUUID(), Name: user.name });
    }
  }

  /** The user with this SysAdminUnit id. */
  userById(id: string): ResolvedUser | undefined {
    for (const name of Object.keys(this.config.users)) {
      const user = this.user(name);
      if (user && user.id === id.toLowerCase()) return user;
    }
    return undefined;
  }

  /** User names are case-insensitive in Creatio. */
  user(name: string): ResolvedUser | undefined {
    const entry = Object.entries(this.config.users).find(
      ([userName]) => userName.toLowerCase() === name.toLowerCase(),
    );
    if (!entry) return undefined;
    const [userName, user] = entry;
    const isSupervisor = userName.toLowerCase() === DEMO_USER.toLowerCase();
    return {
      ...user,
      name: userName,
      id: (user.id ?? (isSupervisor ? SUPERVISOR_ID : guidFromName(userName))).toLowerCase(),
      roles: (
        user.roles ?? (isSupervisor ? [SYSTEM_ADMINISTRATORS_ID, ALL_EMPLOYEES_ID] : [ALL_EMPLOYEES_ID])
      ).map((role) => role.toLowerCase()),
    };
  }

  /** SysAdminUnit id -> user name, for lookup display values. */
  userNamesById(): Map<string, string> {
    const names = new Map<string, string>();
    for (const name of Object.keys(this.config.users)) {
      const user = this.user(name);
      if (user) names.set(user.id, user.name);
    }
    return names;
  }

  setting(code: string): string {
    return this.settings.get(code)?.value ?? "";
  }

  defaultResources(): string[] {
    return this.tables.OAuthResource.filter((row) => row.IsDefault === true).map((row) => String(row.Name));
  }

  logCall(method: string, path: string, status: number): void {
    this.calls.push({ method, path, status });
    if (this.calls.length > MAX_CALLS) this.calls.splice(0, this.calls.length - MAX_CALLS);
  }

  /** Drops sessions idle longer than the TTL; answers how many are alive. */
  pruneSessions(now = Date.now()): number {
    const ttl = this.config.sessionTtlMs;
    if (ttl > 0) {
      for (const [token, session] of this.sessions) {
        if (now - session.lastSeen > ttl) this.sessions.delete(token);
      }
    }
    return this.sessions.size;
  }

  snapshot(): DemoTenantSnapshot {
    const feature = this.tables.Feature.find(
      (row) => String(row.Code).toLowerCase() === FEATURE_CODE.toLowerCase(),
    );
    return {
      id: this.id,
      scenario: this.scenario,
      baseUrl: this.baseUrl,
      runtime: this.config.runtime,
      version: this.config.version,
      featureExists: feature !== undefined,
      featureRows: feature
        ? this.tables.AdminUnitFeatureState.filter((row) => row.Feature === feature.Id).map((row) => ({
            sysAdminUnitId: String(row.SysAdminUnit),
            state: row.FeatureState === 1 ? 1 : 0,
          }))
        : [],
      settings: {
        url: this.setting(SETTING_URL),
        clientId: this.setting(SETTING_CLIENT_ID),
        secretSet: this.setting(SETTING_CLIENT_SECRET) !== "",
      },
      defaultResources: this.defaultResources().map((name) => ({ name })),
      oauthApps: this.tables.OAuthClientApp.map((row) => ({
        name: String(row.Name),
        clientId: String(row.ClientId),
      })),
      activeSessions: this.pruneSessions(),
      identityService: {
        url: this.config.identityService.url,
        clientId: this.config.identityService.clientId,
      },
      calls: this.calls.map((call) => ({ ...call })),
    };
  }
}
