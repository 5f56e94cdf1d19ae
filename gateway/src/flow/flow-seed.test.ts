import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PayloadType } from '@atc/shared';
import { openDatabase } from '../db/open-database.js';
import { SqliteDb } from '../db/sqlite-db.js';
import type { FlowEvent } from '../domain/flow-event.js';
import { archivedFlowEvents } from './flow-seed.js';

const T0 = 1_767_000_000_000;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-flow-seed-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Writes `count` archived messages: every third a DeliveryAck, the rest Notices; seven share
 * each archive time, so that rows of one time straddle the pages the seed reads.
 */
function seed(path: string, count: number): { id: string; type: string; at: number }[] {
  const db = openDatabase(path);
  const rows: { id: string; type: string; at: number }[] = [];
  try {
    const insert = db.prepare(
      `INSERT INTO messages (message_id, sender, payload_type, created_at, archived_at, tlp, urgency, broadcast,
         exercise, correlation_id, in_reply_to, sender_sequence, kid, envelope, envelope_sha256)
       VALUES (?, 'KZ', ?, ?, ?, 2, 3, 0, 0, NULL, NULL, ?, 'seed-KZ', randomblob(64), randomblob(32))`,
    );
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        // Ids not in time order within a time, so that the order by id is the seed's own.
        const id = `m-${String((i * 7919) % count).padStart(6, '0')}`;
        const type = i % 3 === 2 ? PayloadType.DeliveryAck : PayloadType.Notice;
        const at = T0 + Math.floor(i / 7) * 1000;
        insert.run(id, type, at - 10, at, i + 1);
        rows.push({ id, type, at });
      }
    })();
  } finally {
    db.close();
  }
  return rows;
}

describe('archivedFlowEvents', () => {
  it('reads every message of the window once, in archive order, across pages whose rows share a time', async () => {
    const path = join(dir, 'archive.db');
    const rows = seed(path, 7_000);
    const connection = openDatabase(path);
    const db = new SqliteDb(connection, path);
    const events: FlowEvent[] = [];
    try {
      for await (const e of archivedFlowEvents(db, T0 + 1000, T0 + 2_000_000, 'ATC')) events.push(e);
    } finally {
      connection.close();
    }
    const inWindow = rows.filter((r) => r.at >= T0 + 1000 && r.at < T0 + 2_000_000);
    const order = (list: typeof rows) =>
      [...list].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).map((r) => r.id);
    const accepted = events.filter((e) => e.kind === 'accepted').map((e) => e.messageId);
    const delivered = events.filter((e) => e.kind === 'delivered').map((e) => e.messageId);
    expect(accepted).toEqual(order(inWindow.filter((r) => r.type === PayloadType.Notice)));
    expect(delivered).toEqual(order(inWindow.filter((r) => r.type === PayloadType.DeliveryAck)));
    // More than a page of each, and every row once.
    expect(accepted.length).toBeGreaterThan(2_000);
    expect(delivered.length).toBeGreaterThan(2_000);
    expect(delivered.length + accepted.length).toBe(inWindow.length);
  });
});
