import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '@atc/shared';
import { AGENT_MIGRATIONS } from '../store/agent-schema.js';
import { openAgentDatabase, type AgentDb } from '../store/open-agent-database.js';
import { InboxStore, orderKeyOf, type NewInboxItem } from './inbox-store.js';

const T0 = 1_767_000_000_000;

let dir: string;
let path: string;
let db: AgentDb | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-agent-inbox-'));
  path = join(dir, 'agent.db');
});

afterEach(async () => {
  if (db?.open === true) db.close();
  db = undefined;
  await rm(dir, { recursive: true, force: true });
});

function item(payload: Record<string, unknown>, sender = 'KZ'): NewInboxItem {
  return {
    messageId: uuidv7(),
    sender,
    payloadType: 'atc.v1.PersonRecord',
    createdAt: T0,
    receivedAt: T0,
    tlp: 2,
    exercise: true,
    header: {},
    payload,
    envelope: new Uint8Array([1]),
  };
}

const withdrawal = item({ recordId: 'KZ-W-1', version: 1, target: { originator: 'KZ', recordId: 'KZ-P-1' } });
const samples = [
  item({ recordId: 'KZ-P-1', version: 1 }),
  item({ recordId: 'KZ-P-1', version: 2 }),
  withdrawal,
  item({ recordId: 'KZ-P-1', version: 1 }, 'BY'), // another originator's record of the same id
  item({ recordId: 'KZ-P-2', version: 1 }),
  item({ recordId: '' }),
];

describe('inbox hand-over order', () => {
  it('keys an item by originator and record, a withdrawal by the record it withdraws', () => {
    expect(samples.map((s) => orderKeyOf(s))).toEqual([
      'KZ/KZ-P-1',
      'KZ/KZ-P-1',
      'KZ/KZ-P-1',
      'BY/KZ-P-1',
      'KZ/KZ-P-2',
      `KZ/${samples[5]!.messageId}`,
    ]);
  });

  it('offers only the oldest pending item of each record, leaving out those in flight', () => {
    const opened = openAgentDatabase(path);
    db = opened;
    const inbox = new InboxStore(opened);
    for (const s of samples) inbox.add(s);
    const ids = (skip: Set<string>): string[] => inbox.dueHeads(T0, 10, skip).map((i) => i.messageId);
    const [v1, v2, , other, p2, bare] = samples.map((s) => s.messageId);
    expect(ids(new Set())).toEqual([v1, other, p2, bare]);
    // In flight: still the head of its record, so version 2 waits.
    expect(ids(new Set([v1!]))).toEqual([other, p2, bare]);
    // Waiting for a retry: not due, and version 2 still waits behind it.
    inbox.markRetry(v1!, T0 + 60_000, 'HTTP 503');
    expect(ids(new Set())).toEqual([other, p2, bare]);
    inbox.markDelivered(v1!, T0, 'webhook', true);
    expect(ids(new Set())).toEqual([v2, other, p2, bare]);
    // A failed item no longer holds its record back.
    inbox.markFailed(v2!, 'HTTP 400');
    expect(ids(new Set())).toEqual([withdrawal.messageId, other, p2, bare]);
  });

  it('computes the same keys for items stored before the upgrade', () => {
    const old = new Database(path);
    for (const m of AGENT_MIGRATIONS.slice(0, 3)) old.exec(m);
    old.pragma('user_version = 3');
    const insert = old.prepare(
      `INSERT INTO inbox (message_id, sender, payload_type, created_at, received_at, tlp, exercise, header_json, payload_json, envelope, state, next_attempt_at)
       VALUES (?, ?, 'atc.v1.PersonRecord', 0, 0, 0, 1, '{}', ?, x'01', 'pending', 0)`,
    );
    for (const s of samples) insert.run(s.messageId, s.sender, JSON.stringify(s.payload));
    old.close();
    const upgraded = openAgentDatabase(path);
    db = upgraded;
    const keys = upgraded.prepare<[], { order_key: string }>('SELECT order_key FROM inbox ORDER BY seq').all();
    expect(keys.map((k) => k.order_key)).toEqual(samples.map((s) => orderKeyOf(s)));
  });
});

describe('inbox items stored as a group', () => {
  it('stores a burst in one transaction, in order: a repeat within it is a duplicate, a withdrawal erases what came before it', () => {
    const opened = openAgentDatabase(path);
    db = opened;
    const inbox = new InboxStore(opened);
    const [v1, v2] = samples;
    const w = { ...withdrawal, messageId: uuidv7(), payloadType: 'atc.v1.RecordWithdrawal' };
    expect(inbox.addMany([v1!, v2!, v1!, w])).toEqual([true, true, false, true]);
    expect(inbox.get(v1!.messageId)?.state).toBe('erased');
    expect(inbox.get(v2!.messageId)?.state).toBe('erased');
    expect(inbox.get(w.messageId)?.state).toBe('pending');
    // Already stored: each again is a duplicate, alone or in a group.
    expect(inbox.addMany([w])).toEqual([false]);
    expect(inbox.add(v1!)).toBe(false);
  });

  it('stores nothing of a group when one of its items cannot be stored', () => {
    const opened = openAgentDatabase(path);
    db = opened;
    const inbox = new InboxStore(opened);
    const first = item({ recordId: 'KZ-G-1', version: 1 });
    // A payload that cannot be written as JSON fails the third item, after two were inserted.
    const broken = { ...item({ recordId: 'KZ-G-3', version: 1 }), payload: { n: 1n } };
    expect(() => inbox.addMany([first, item({ recordId: 'KZ-G-2', version: 1 }), broken])).toThrow(/BigInt/);
    expect(inbox.list({ limit: 10 })).toEqual([]);
    // The same items again, the broken one left out: stored once each.
    expect(inbox.addMany([first])).toEqual([true]);
    expect(inbox.list({ limit: 10 }).map((i) => i.messageId)).toEqual([first.messageId]);
  });
});
