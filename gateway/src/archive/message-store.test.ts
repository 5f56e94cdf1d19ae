import { afterEach, describe, expect, it } from 'vitest';
import { ARCHIVE_BACKENDS, type TestArchiveLocation } from '@atc/harness';
import { openArchiveDb } from '../db/open-database.js';
import { MessageStore } from './message-store.js';

describe('the copies left pending', () => {
  const made: TestArchiveLocation[] = [];
  afterEach(async () => {
    for (const m of made.splice(0)) await m.dispose();
  });

  it.each(ARCHIVE_BACKENDS)(
    'are those not yet routed, read through the open copies on $name (no index of their own)',
    async (backend) => {
      const at = await backend.create();
      made.push(at);
      const db = await openArchiveDb(at.location);
      try {
        const copies: [string, string, string][] = [
          ['m1', 'BY', 'pending'],
          ['m1', 'KZ', 'routed'],
          ['m2', 'BY', 'delivered'],
          ['m3', 'RU', 'pending'],
          ['m3', 'UZ', 'delivered'],
        ];
        for (const [id, recipient, state] of copies) {
          await db.run('INSERT INTO deliveries (message_id, recipient, state) VALUES (?, ?, ?)', [
            id,
            recipient,
            state,
          ]);
        }
        const store = new MessageStore(db);
        const pending = await store.pendingDeliveries(100);
        expect(pending.sort((a, b) => a.messageId.localeCompare(b.messageId))).toEqual([
          { messageId: 'm1', recipient: 'BY' },
          { messageId: 'm3', recipient: 'RU' },
        ]);
        expect(await store.pendingDeliveries(1)).toHaveLength(1);
        await store.markPublished({ routes: [{ messageId: 'm1', recipients: ['BY'] }], receiptIds: [] }, 5);
        expect(await store.pendingDeliveries(100)).toEqual([{ messageId: 'm3', recipient: 'RU' }]);

        // Migration 24 dropped the index of pending copies: each routed copy wrote to it twice.
        const indexes =
          backend.name === 'sqlite'
            ? await db.all<{ name: string }>(
                "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'deliveries'",
              )
            : await db.all<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'deliveries'");
        expect(indexes.map((i) => i.name)).not.toContain('deliveries_pending');
        expect(indexes.map((i) => i.name)).toContain('deliveries_open');
      } finally {
        await db.close();
      }
    },
  );
});
