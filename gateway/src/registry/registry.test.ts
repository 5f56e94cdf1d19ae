import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtcError, generateKeyPair, type KeyPair, type KeyResolver, type ResolvedKey } from '@atc/shared';
import { openDatabase } from '../db/open-database.js';
import { SqliteDb } from '../db/sqlite-db.js';
import { Registry } from './registry.js';
import { registryKeyResolver } from './registry-key-resolver.js';
import type { Actor } from './registry-types.js';

const dir = await mkdtemp(join(tmpdir(), 'atc-registry-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);
const alice: Actor = { who: 'cli:alice', why: 'ticket 42' };
let now = T0;
let file = 0;
let db: SqliteDb;
let registry: Registry;

const open: SqliteDb[] = [];

/** Opens a connection to the test database at `path`, closed after the test. */
function connect(path: string): SqliteDb {
  const connection = new SqliteDb(openDatabase(path), path);
  open.push(connection);
  return connection;
}

/** Another connection to the current test's database, as the CLI process would open. */
function otherRegistry(): Registry {
  return new Registry(connect(join(dir, `registry-${file}.db`)), () => now);
}

beforeEach(() => {
  now = T0;
  db = connect(join(dir, `registry-${++file}.db`));
  registry = new Registry(db, () => now);
});

afterEach(async () => {
  for (const connection of open.splice(0)) await connection.close();
});

async function codeOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AtcError);
    expect((e as AtcError).message.length).toBeGreaterThan(20);
    return (e as AtcError).code;
  }
  throw new Error('expected a refusal');
}

async function addKz(): Promise<void> {
  await registry.addMember({ id: 'KZ', name: 'Anti-Terrorist Centre of Kazakhstan', kind: 'national' }, alice);
}

describe('Registry members', () => {
  it('adds, gets and lists members, auditing who and why and bumping the version', async () => {
    expect(await registry.version()).toBe(0);
    expect(await registry.listMembers()).toEqual([]);
    const kz = await registry.addMember(
      { id: 'KZ', name: '  Anti-Terrorist Centre of Kazakhstan ', kind: 'national' },
      alice,
    );
    expect(kz).toEqual({
      id: 'KZ',
      name: 'Anti-Terrorist Centre of Kazakhstan',
      kind: 'national',
      status: 'active',
      createdAt: T0,
      updatedAt: T0,
    });
    now += 1000;
    await registry.addMember(
      { id: 'CISEC', name: 'CIS Executive Committee', kind: 'sectorial' },
      { who: 'cli:bob', why: 'charter' },
    );
    expect(await registry.version()).toBe(2);
    expect(await registry.getMember('KZ')).toEqual(kz);
    expect(await registry.getMember('BY')).toBeUndefined();
    expect((await registry.listMembers()).map((m) => m.id)).toEqual(['CISEC', 'KZ']);
    expect(await registry.auditLog()).toEqual([
      {
        id: 2,
        at: T0 + 1000,
        actor: 'cli:bob',
        action: 'member.add',
        subject: 'CISEC',
        reason: 'charter',
        details: { name: 'CIS Executive Committee', kind: 'sectorial' },
      },
      {
        id: 1,
        at: T0,
        actor: 'cli:alice',
        action: 'member.add',
        subject: 'KZ',
        reason: 'ticket 42',
        details: { name: 'Anti-Terrorist Centre of Kazakhstan', kind: 'national' },
      },
    ]);
  });

  it('suspends and reinstates a member', async () => {
    await addKz();
    now += 5000;
    const suspended = await registry.setMemberStatus('KZ', 'suspended', { who: 'cli:carol', why: 'incident 7' });
    expect(suspended).toMatchObject({ status: 'suspended', createdAt: T0, updatedAt: T0 + 5000 });
    expect((await registry.setMemberStatus('KZ', 'active', alice)).status).toBe('active');
    expect(await registry.version()).toBe(3);
    const [reinstate, suspend] = await registry.auditLog({ limit: 2 });
    expect(suspend).toMatchObject({
      action: 'member.suspend',
      subject: 'KZ',
      actor: 'cli:carol',
      reason: 'incident 7',
      details: { from: 'active', to: 'suspended' },
    });
    expect(reinstate).toMatchObject({ action: 'member.reinstate', details: { from: 'suspended', to: 'active' } });
  });

  it('refuses bad member input with a code each, writing nothing', async () => {
    await addKz();
    const add =
      (id: string, name: string, kind: string, actor: Actor = alice) =>
      () =>
        registry.addMember({ id, name, kind: kind as 'national' }, actor);
    expect(await codeOf(add('kz', 'x', 'national'))).toBe('ERR_MEMBER_ID_INVALID');
    expect(await codeOf(add('K', 'x', 'national'))).toBe('ERR_MEMBER_ID_INVALID');
    expect(await codeOf(add('BY', '  ', 'national'))).toBe('ERR_MEMBER_NAME_INVALID');
    expect(await codeOf(add('BY', 'a\u0007b', 'national'))).toBe('ERR_MEMBER_NAME_INVALID');
    expect(await codeOf(add('BY', 'Belarus', 'ally'))).toBe('ERR_MEMBER_KIND_INVALID');
    expect(await codeOf(add('KZ', 'Kazakhstan again', 'national'))).toBe('ERR_MEMBER_EXISTS');
    const reserving = new Registry(db, () => now, { reservedIds: ['ATC'] });
    expect(await codeOf(() => reserving.addMember({ id: 'ATC', name: 'Impostor', kind: 'observer' }, alice))).toBe(
      'ERR_MEMBER_EXISTS',
    );
    expect(await codeOf(add('BY', 'Belarus', 'national', { who: 'cli:alice', why: ' ' }))).toBe('ERR_REASON_REQUIRED');
    expect(await codeOf(add('BY', 'Belarus', 'national', { who: '', why: 'x' }))).toBe('ERR_ACTOR_REQUIRED');
    expect(await codeOf(() => registry.setMemberStatus('BY', 'suspended', alice))).toBe('ERR_MEMBER_UNKNOWN');
    expect(await codeOf(() => registry.setMemberStatus('KZ', 'active', alice))).toBe('ERR_MEMBER_STATUS_UNCHANGED');
    expect(await codeOf(() => registry.setMemberStatus('KZ', 'gone' as 'active', alice))).toBe(
      'ERR_MEMBER_STATUS_INVALID',
    );
    expect(await codeOf(() => registry.setMemberStatus('KZ', 'suspended', { who: 'x', why: '' }))).toBe(
      'ERR_REASON_REQUIRED',
    );
    expect(await registry.listMembers()).toHaveLength(1);
    expect((await registry.getMember('KZ'))?.status).toBe('active');
    expect(await registry.auditLog()).toHaveLength(1);
    expect(await registry.version()).toBe(1);
  });
});

describe('Registry keys', () => {
  it('adds, gets and lists keys, keeping only the public part', async () => {
    await addKz();
    await registry.addMember({ id: 'BY', name: 'Belarus', kind: 'national' }, alice);
    const k1 = generateKeyPair();
    const k2 = generateKeyPair();
    const k3 = generateKeyPair();
    const key = await registry.addKey('KZ', k1.privateJwk, {}, alice);
    expect(key).toEqual({
      kid: k1.kid,
      memberId: 'KZ',
      publicJwk: k1.publicJwk,
      validFrom: T0,
      status: 'active',
      createdAt: T0,
    });
    expect(JSON.stringify(await registry.getKey(k1.kid))).not.toContain('"d"');
    now += 1;
    await registry.addKey(
      'KZ',
      { kty: 'OKP', crv: 'Ed25519', x: k2.publicJwk.x },
      { validFrom: T0 + 100, validUntil: T0 + 200 },
      alice,
    );
    await registry.addKey('BY', k3.publicJwk, {}, alice);
    expect(await registry.getKey(k2.kid)).toMatchObject({ validFrom: T0 + 100, validUntil: T0 + 200 });
    expect(await registry.getKey('nope')).toBeUndefined();
    expect((await registry.listKeys('KZ')).map((k) => k.kid)).toEqual([k1.kid, k2.kid]);
    expect((await registry.listKeys()).map((k) => k.memberId)).toEqual(['BY', 'KZ', 'KZ']);
    expect(await registry.version()).toBe(5);
    expect(await registry.auditLog({ subject: k2.kid })).toEqual([
      {
        id: 4,
        at: T0 + 1,
        actor: 'cli:alice',
        action: 'key.add',
        subject: k2.kid,
        reason: 'ticket 42',
        details: { memberId: 'KZ', jwk: k2.publicJwk, validFrom: T0 + 100, validUntil: T0 + 200 },
      },
    ]);
  });

  it('revokes a key once, now or at a given time', async () => {
    await addKz();
    const k1 = generateKeyPair();
    const k2 = generateKeyPair();
    await registry.addKey('KZ', k1.publicJwk, {}, alice);
    await registry.addKey('KZ', k2.publicJwk, {}, alice);
    now += 60_000;
    expect(await registry.revokeKey(k1.kid, { reason: 'superseded' }, alice)).toMatchObject({
      status: 'revoked',
      revokedAt: T0 + 60_000,
      revocationReason: 'superseded',
    });
    await registry.revokeKey(k2.kid, { reason: 'compromised', at: T0 + 10 }, { who: 'cli:sec', why: 'laptop stolen' });
    expect(await registry.getKey(k2.kid)).toMatchObject({ revokedAt: T0 + 10, revocationReason: 'compromised' });
    expect((await registry.auditLog({ limit: 1 }))[0]).toMatchObject({
      action: 'key.revoke',
      subject: k2.kid,
      actor: 'cli:sec',
      reason: 'laptop stolen',
      details: { memberId: 'KZ', revokedAt: T0 + 10, reason: 'compromised' },
    });
    expect(await codeOf(() => registry.revokeKey(k1.kid, { reason: 'cessation' }, alice))).toBe(
      'ERR_KEY_ALREADY_REVOKED',
    );
    expect(await registry.version()).toBe(5);
  });

  it('refuses bad key input with a code each, writing nothing', async () => {
    await addKz();
    const k = generateKeyPair();
    await registry.addKey('KZ', k.publicJwk, {}, alice);
    const add =
      (member: string, jwk: unknown, validity: { validFrom?: number; validUntil?: number } = {}) =>
      () =>
        registry.addKey(member, jwk, validity, alice);
    const fresh = generateKeyPair();
    expect(await codeOf(add('KZ', { kty: 'RSA', n: 'x', e: 'AQAB' }))).toBe('ERR_KEY_INVALID');
    expect(await codeOf(add('KZ', 'text'))).toBe('ERR_KEY_INVALID');
    expect(await codeOf(add('KZ', k.publicJwk))).toBe('ERR_KEY_EXISTS');
    expect(await codeOf(add('BY', fresh.publicJwk))).toBe('ERR_MEMBER_UNKNOWN');
    expect(await codeOf(add('KZ', fresh.publicJwk, { validFrom: T0, validUntil: T0 }))).toBe(
      'ERR_KEY_VALIDITY_INVALID',
    );
    expect(await codeOf(add('KZ', fresh.publicJwk, { validUntil: T0 - 1 }))).toBe('ERR_KEY_VALIDITY_INVALID');
    expect(await codeOf(add('KZ', fresh.publicJwk, { validFrom: Number.NaN }))).toBe('ERR_KEY_VALIDITY_INVALID');
    expect(await codeOf(() => registry.addKey('KZ', fresh.publicJwk, {}, { who: 'x', why: '' }))).toBe(
      'ERR_REASON_REQUIRED',
    );
    expect(await codeOf(() => registry.revokeKey('unknown-kid', { reason: 'superseded' }, alice))).toBe(
      'ERR_KEY_UNKNOWN',
    );
    expect(await codeOf(() => registry.revokeKey(k.kid, { reason: 'lost' as 'superseded' }, alice))).toBe(
      'ERR_REVOCATION_REASON_INVALID',
    );
    expect(await codeOf(() => registry.revokeKey(k.kid, { reason: 'superseded' }, { who: 'x', why: '' }))).toBe(
      'ERR_REASON_REQUIRED',
    );
    expect(await codeOf(() => registry.listKeys('BY'))).toBe('ERR_MEMBER_UNKNOWN');
    expect(await registry.listKeys()).toHaveLength(1);
    expect((await registry.getKey(k.kid))?.status).toBe('active');
    expect(await registry.version()).toBe(2);
  });

  it('snapshots members, keys and version together', async () => {
    await addKz();
    const k = generateKeyPair();
    await registry.addKey('KZ', k.publicJwk, {}, alice);
    const snap = await registry.snapshot();
    expect(snap.version).toBe(2);
    expect(snap.members.map((m) => m.id)).toEqual(['KZ']);
    expect(snap.keys.map((x) => x.kid)).toEqual([k.kid]);
  });

  it('sees changes another connection (the CLI) makes', async () => {
    await addKz();
    await otherRegistry().setMemberStatus('KZ', 'suspended', alice);
    expect((await registry.getMember('KZ'))?.status).toBe('suspended');
    expect(await registry.version()).toBe(2);
  });

  it('refuses a bad audit limit', async () => {
    await expect(registry.auditLog({ limit: 0 })).rejects.toThrow(RangeError);
  });
});

describe('registryKeyResolver', () => {
  let kz: KeyPair;
  let resolver: KeyResolver;

  beforeEach(async () => {
    await addKz();
    kz = generateKeyPair();
    await registry.addKey('KZ', kz.publicJwk, { validFrom: T0 - 1000, validUntil: T0 + 1000 }, alice);
    resolver = registryKeyResolver(registry);
  });

  it('maps a registered key and answers undefined for an unknown kid', async () => {
    const key = (await resolver.resolveKey(kz.kid))!;
    expect(key).toMatchObject({ kid: kz.kid, owner: 'KZ', validFrom: T0 - 1000, validUntil: T0 + 1000 });
    expect(key).not.toHaveProperty('revokedAt');
    expect(key.publicKey.export({ format: 'jwk' }).x).toBe(kz.publicJwk.x);
    expect(await resolver.resolveKey('unknown')).toBeUndefined();
  });

  it('reads revocation fresh while reusing the key object', async () => {
    const before = (await resolver.resolveKey(kz.kid))!;
    // Revoked through another connection, as the CLI does while the gateway runs.
    await otherRegistry().revokeKey(kz.kid, { reason: 'compromised', at: T0 }, alice);
    const after: ResolvedKey = (await resolver.resolveKey(kz.kid))!;
    expect(after).toMatchObject({ revokedAt: T0, revocationReason: 'compromised' });
    expect(after.publicKey).toBe(before.publicKey);
  });
});
