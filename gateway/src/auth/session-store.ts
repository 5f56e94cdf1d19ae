import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '@atc/shared';
import type { Principal } from './token-book.js';

/** Sessions one gateway process keeps at most; beyond, the oldest sign-in is forgotten. */
export const SESSION_CAPACITY = 10_000;

/** A session cookie value: 32 random bytes, base64url without padding. */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** A console session as the gateway keeps it: never the cookie value, never the token. */
export interface ConsoleSession {
  /** SHA-256 of the cookie value (hex): the key of the store, safe to compare and to drop. */
  readonly id: string;
  /** Who signed in: the name and role of the token exchanged. */
  readonly principal: Principal;
  /** SHA-256 of that token, to find out on every use whether it was revoked or has expired. */
  readonly tokenDigest: Buffer;
  /** Sent back by the console in `X-CSRF-Token` on every state-changing request. */
  readonly csrfToken: string;
  /** Unix milliseconds of the sign-in. */
  readonly createdAt: number;
  /** Unix milliseconds after which the session ends unless used again before. */
  readonly idleExpiresAt: number;
  /** Unix milliseconds after which the session ends, used or not. */
  readonly expiresAt: number;
}

/** Options of {@link SessionStore}. */
export interface SessionStoreOptions {
  /** A session unused this long (ms) ends. */
  readonly idleMs: number;
  /** A session ends this long (ms) after its sign-in. */
  readonly maxMs: number;
  /** Sessions kept at most (default {@link SESSION_CAPACITY}). */
  readonly capacity?: number;
  readonly clock?: Clock;
}

/** Why {@link SessionStore.find} found no session. */
export type SessionMiss = 'missing' | 'unknown' | 'idle' | 'expired';

/** The outcome of {@link SessionStore.find}. */
export type SessionLookup =
  { readonly ok: true; readonly session: ConsoleSession } | { readonly ok: false; readonly reason: SessionMiss };

function digestOf(cookieValue: string): string {
  return createHash('sha256').update(cookieValue, 'utf8').digest('hex');
}

/**
 * The console's sign-in sessions, in the gateway's memory (a restart signs everyone out).
 * Keyed by SHA-256 of the cookie value, so that neither a heap dump nor a log line holds a
 * value a browser could present. A session ends when unused for `idleMs` or `maxMs` after
 * its sign-in, whichever comes first; at `capacity`, a new sign-in evicts the oldest.
 */
export class SessionStore {
  readonly #sessions = new Map<string, ConsoleSession>();
  readonly #idleMs: number;
  readonly #maxMs: number;
  readonly #capacity: number;
  readonly #clock: Clock;

  constructor(options: SessionStoreOptions) {
    this.#idleMs = options.idleMs;
    this.#maxMs = options.maxMs;
    this.#capacity = options.capacity ?? SESSION_CAPACITY;
    this.#clock = options.clock ?? systemClock;
  }

  /** Opens a session for `principal`; resolves to the cookie value (shown once, never kept) and the session. */
  create(principal: Principal, tokenDigest: Buffer): { readonly cookie: string; readonly session: ConsoleSession } {
    const now = this.#clock();
    const cookie = randomBytes(32).toString('base64url');
    const expiresAt = now + this.#maxMs;
    const session: ConsoleSession = {
      id: digestOf(cookie),
      principal,
      tokenDigest: Buffer.from(tokenDigest),
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      idleExpiresAt: Math.min(now + this.#idleMs, expiresAt),
      expiresAt,
    };
    this.#makeRoom(now);
    this.#sessions.set(session.id, session);
    return { cookie, session };
  }

  /**
   * The live session of a cookie value, its idle expiry pushed on (a use); a session past
   * either expiry is removed and reported as `idle` or `expired`.
   */
  find(cookieValue: string | undefined): SessionLookup {
    if (cookieValue === undefined || cookieValue === '') return { ok: false, reason: 'missing' };
    if (!COOKIE_VALUE.test(cookieValue)) return { ok: false, reason: 'unknown' };
    const id = digestOf(cookieValue);
    const session = this.#sessions.get(id);
    if (session === undefined) return { ok: false, reason: 'unknown' };
    const now = this.#clock();
    const ended = this.#endedAt(session, now);
    if (ended !== undefined) {
      this.#sessions.delete(id);
      return { ok: false, reason: ended };
    }
    const used: ConsoleSession = { ...session, idleExpiresAt: Math.min(now + this.#idleMs, session.expiresAt) };
    this.#sessions.set(id, used);
    return { ok: true, session: used };
  }

  /** Ends a session (sign-out, or its token no longer valid); true when there was one. */
  end(id: string): boolean {
    return this.#sessions.delete(id);
  }

  /** Live and not yet swept sessions. */
  get size(): number {
    return this.#sessions.size;
  }

  #endedAt(session: ConsoleSession, now: number): 'idle' | 'expired' | undefined {
    if (now >= session.expiresAt) return 'expired';
    if (now >= session.idleExpiresAt) return 'idle';
    return undefined;
  }

  /** Drops ended sessions when full, then the oldest sign-ins until there is room for one more. */
  #makeRoom(now: number): void {
    if (this.#sessions.size < this.#capacity) return;
    for (const [id, s] of this.#sessions) if (this.#endedAt(s, now) !== undefined) this.#sessions.delete(id);
    // A Map iterates in insertion order and a use re-sets an existing key in place: the first is the oldest sign-in.
    for (const id of this.#sessions.keys()) {
      if (this.#sessions.size < this.#capacity) break;
      this.#sessions.delete(id);
    }
  }
}

/** Constant-time comparison of the CSRF token a request sent with its session's. */
export function csrfMatches(session: ConsoleSession, sent: string | string[] | undefined): boolean {
  if (typeof sent !== 'string') return false;
  const a = createHash('sha256').update(sent, 'utf8').digest();
  const b = createHash('sha256').update(session.csrfToken, 'utf8').digest();
  return timingSafeEqual(a, b);
}
