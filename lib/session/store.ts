// The server-side store of wizard sessions: in memory, bounded (lru-cache), with an idle and an
// absolute timeout. Creatio's cookies live here and nowhere else; the browser only holds a sealed random id.
import { randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { WizardSession } from "./types";

export const SESSION_IDLE_TTL_MS = 2 * 60 * 60 * 1000;
/** However active, a session ends this long after it began (sign-in starts a new one). */
export const SESSION_ABSOLUTE_TTL_MS = 8 * 60 * 60 * 1000;
/** A bound on memory: past it the least recently used sessions are dropped. */
export const MAX_SESSIONS = 2000;

export interface SessionStoreOptions {
  idleTtlMs?: number;
  absoluteTtlMs?: number;
  maxSessions?: number;
  now?: () => number;
}

export class SessionStore {
  /** Least recently used first out, past `maxSessions`: a flood of new sessions cannot grow memory. */
  private readonly sessions: LRUCache<string, WizardSession>;
  private readonly idleTtlMs: number;
  private readonly absoluteTtlMs: number;
  private readonly maxSessions: number;
  private readonly now: () => number;

  constructor(opts: SessionStoreOptions = {}) {
    this.idleTtlMs = opts.idleTtlMs ?? SESSION_IDLE_TTL_MS;
    this.absoluteTtlMs = opts.absoluteTtlMs ?? SESSION_ABSOLUTE_TTL_MS;
    this.maxSessions = opts.maxSessions ?? MAX_SESSIONS;
    this.now = opts.now ?? Date.now;
    this.sessions = new LRUCache({ max: this.maxSessions });
  }

  create(): WizardSession {
    this.sweep();
    const t = this.now();
    const session: WizardSession = {
      id: randomBytes(32).toString("base64url"),
      createdAt: t,
      lastSeenAt: t,
      creatio: null,
      signIns: 0,
      lastLogin: null,
      settingsReviewed: false,
      draft: null,
      previous: null,
      secretSavedFor: null,
      demoTenants: [],
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, touched; undefined when unknown or idle for too long. */
  get(id: string): WizardSession | undefined {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const t = this.now();
    if (this.ended(session, t)) {
      this.sessions.delete(id);
      return undefined;
    }
    // lru-cache's get() has made it the most recently used.
    session.lastSeenAt = t;
    return session;
  }

  /**
   * The same operator's session under a new id (sign-in): what it holds moves over, the old id stops
   * working, so a copy of the old cookie (planted or stolen before sign-in) opens nothing.
   */
  rotate(old: WizardSession | null): WizardSession {
    const fresh = this.create();
    if (old) {
      const { id: _oldId, createdAt: _created, lastSeenAt: _seen, ...data } = old;
      Object.assign(fresh, data);
      this.sessions.delete(old.id);
    }
    return fresh;
  }

  private ended(session: WizardSession, t: number): boolean {
    return t - session.lastSeenAt > this.idleTtlMs || t - session.createdAt > this.absoluteTtlMs;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Drop every session idle for longer than the timeout. */
  sweep(): void {
    const t = this.now();
    for (const [id, session] of [...this.sessions.entries()]) {
      if (this.ended(session, t)) this.sessions.delete(id);
    }
  }
}

// Next.js may load this module more than once (one copy per route bundle): keep ONE store per process.
const STORE_KEY = Symbol.for("creatio-identity-wizard.session-store");
type GlobalWithStore = typeof globalThis & { [STORE_KEY]?: SessionStore };

export function getSessionStore(): SessionStore {
  const g = globalThis as GlobalWithStore;
  g[STORE_KEY] ??= new SessionStore();
  return g[STORE_KEY];
}
