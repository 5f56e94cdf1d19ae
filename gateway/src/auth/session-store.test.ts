import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csrfMatches, SessionStore } from './session-store.js';
import type { Principal } from './token-book.js';

const operator: Principal = { name: 'ops-test', role: 'operator' };
const digest = createHash('sha256').update('atc_fictitious-token', 'utf8').digest();

function storeAt(start: number, options: { idleMs?: number; maxMs?: number; capacity?: number } = {}) {
  const clock = { now: start };
  const store = new SessionStore({
    idleMs: options.idleMs ?? 1_000,
    maxMs: options.maxMs ?? 10_000,
    ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
    clock: () => clock.now,
  });
  return { store, clock };
}

describe('SessionStore', () => {
  it('hands out a 32-byte base64url cookie once and keeps only its SHA-256', () => {
    const { store } = storeAt(0);
    const { cookie, session } = store.create(operator, digest);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(cookie, 'base64url')).toHaveLength(32);
    expect(session.id).toBe(createHash('sha256').update(cookie).digest('hex'));
    expect(JSON.stringify(session)).not.toContain(cookie);
    expect(session.csrfToken).not.toBe(cookie);
    const again = store.find(cookie);
    expect(again.ok && again.session.principal).toEqual(operator);
    expect(store.create(operator, digest).cookie).not.toBe(cookie);
  });

  it('refuses what is not a live session: nothing, a malformed or unknown value', () => {
    const { store } = storeAt(0);
    expect(store.find(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(store.find('')).toEqual({ ok: false, reason: 'missing' });
    expect(store.find('short')).toEqual({ ok: false, reason: 'unknown' });
    expect(store.find('A'.repeat(43))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('ends a session unused for the idle time; each use pushes the idle expiry on', () => {
    const { store, clock } = storeAt(1_000_000);
    const { cookie, session } = store.create(operator, digest);
    expect(session.idleExpiresAt).toBe(1_001_000);
    expect(session.expiresAt).toBe(1_010_000);
    clock.now += 999;
    const used = store.find(cookie);
    expect(used.ok && used.session.idleExpiresAt).toBe(1_001_999);
    clock.now += 999;
    expect(store.find(cookie).ok).toBe(true);
    clock.now += 1_000;
    expect(store.find(cookie)).toEqual({ ok: false, reason: 'idle' });
    // Removed: not found again, even as idle.
    expect(store.find(cookie)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.size).toBe(0);
  });

  it('ends a session at its longest life however often it is used', () => {
    const { store, clock } = storeAt(0, { idleMs: 1_000, maxMs: 2_500 });
    const { cookie } = store.create(operator, digest);
    clock.now = 900;
    expect(store.find(cookie).ok).toBe(true);
    clock.now = 1_800;
    const late = store.find(cookie);
    // The idle expiry never goes past the absolute one.
    expect(late.ok && late.session.idleExpiresAt).toBe(2_500);
    clock.now = 2_500;
    expect(store.find(cookie)).toEqual({ ok: false, reason: 'expired' });
  });

  it('ends a session on sign-out', () => {
    const { store } = storeAt(0);
    const { cookie, session } = store.create(operator, digest);
    expect(store.end(session.id)).toBe(true);
    expect(store.end(session.id)).toBe(false);
    expect(store.find(cookie).ok).toBe(false);
  });

  it('keeps at most its capacity, forgetting ended sessions first, then the oldest sign-in', () => {
    const { store, clock } = storeAt(0, { capacity: 3, idleMs: 1_000 });
    const first = store.create(operator, digest);
    clock.now = 600;
    const second = store.create(operator, digest);
    const third = store.create(operator, digest);
    clock.now = 1_200;
    // The first has idled out: it makes the room.
    const fourth = store.create(operator, digest);
    expect(store.size).toBe(3);
    expect(store.find(first.cookie).ok).toBe(false);
    for (const s of [second, third, fourth]) expect(store.find(s.cookie).ok).toBe(true);
    // All live: the oldest sign-in (second) goes, although it was just used.
    const fifth = store.create(operator, digest);
    expect(store.size).toBe(3);
    expect(store.find(second.cookie)).toEqual({ ok: false, reason: 'unknown' });
    for (const s of [third, fourth, fifth]) expect(store.find(s.cookie).ok).toBe(true);
  });

  it('compares the CSRF token exactly', () => {
    const { store } = storeAt(0);
    const { session } = store.create(operator, digest);
    expect(csrfMatches(session, session.csrfToken)).toBe(true);
    expect(csrfMatches(session, `${session.csrfToken}x`)).toBe(false);
    expect(csrfMatches(session, session.csrfToken.toUpperCase())).toBe(false);
    expect(csrfMatches(session, undefined)).toBe(false);
    expect(csrfMatches(session, [session.csrfToken])).toBe(false);
    expect(csrfMatches(session, '')).toBe(false);
  });
});
