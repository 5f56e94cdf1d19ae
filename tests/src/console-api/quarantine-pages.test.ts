// The quarantine's pages: newest first by the time received (two gateway replicas' clocks
// interleave with the ids), each row exactly once across pages with every filter, and each
// page read along an index from its cursor, never sorting the window it lists. Both engines.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { batchWrite, listQuarantine, quarantinePageQuery, type QuarantineFilter } from '@atc/gateway';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';

const T0 = Date.UTC(2026, 11, 1);
const SENDERS = ['KZ', 'BY', 'RU'] as const;

/** Row `i`: ids follow `i`, times do not (a replica whose clock is 7 s behind writes every third). */
function refusal(i: number) {
  const sender = SENDERS[i % 3]!;
  return {
    receivedAt: T0 + i * 1_000 - (i % 3 === 2 ? 7_000 : 0),
    subject: `atc.submit.${sender}`,
    transportSender: sender,
    claimedSender: sender,
    messageId: null,
    reason: i % 2 === 0 ? 'ERR_SIGNATURE_INVALID' : 'ERR_KEY_UNKNOWN',
    detail: `test refusal ${i}`,
    envelopeSha256: new Uint8Array(32).fill(i % 256),
    size: 100 + i,
    head: new Uint8Array(4),
    securityEvent: false,
    receiptId: null,
    exercise: i % 4 === 0,
    streamSeq: null,
  };
}

const ROWS = 120;

describe.each(ARCHIVE_BACKENDS)('quarantine pages on $name', (backend) => {
  const open = bankArchives(backend);

  /** Every row of `filter`, page by page (`limit` + 1 read, as the API does), and the pages' count. */
  async function pages(
    db: Parameters<typeof listQuarantine>[0],
    filter: Omit<QuarantineFilter, 'limit'>,
    limit: number,
  ) {
    const seen: { id: number; receivedAt: number }[] = [];
    let after: QuarantineFilter['after'];
    for (let n = 1; ; n++) {
      const rows = await listQuarantine(db, { ...filter, ...(after === undefined ? {} : { after }), limit: limit + 1 });
      const page = rows.slice(0, limit);
      seen.push(...page.map((r) => ({ id: r.id, receivedAt: r.receivedAt })));
      if (rows.length <= limit) return { seen, pages: n };
      after = { receivedAt: page.at(-1)!.receivedAt, id: page.at(-1)!.id };
    }
  }

  it('lists every row once, newest first by time then id, with each filter and a window', async () => {
    const archive = await open();
    // Two rows at the same time (ties broken by id): rows 0 and 7 are both at T0.
    const rows = Array.from({ length: ROWS }, (_, i) => refusal(i));
    rows[7] = { ...rows[7]!, receivedAt: rows[0]!.receivedAt };
    await archive.committer.commit(batchWrite({ quarantine: rows }));
    const all = await archive.db.all<{
      id: number;
      received_at: number;
      transport_sender: string;
      reason: string;
      exercise: number;
    }>('SELECT id, received_at, transport_sender, reason, exercise FROM quarantine');
    expect(all).toHaveLength(ROWS);
    const order = (a: { id: number; received_at: number }, b: { id: number; received_at: number }) =>
      b.received_at - a.received_at || b.id - a.id;
    const filters: [Omit<QuarantineFilter, 'limit'>, (r: (typeof all)[number]) => boolean][] = [
      [{}, () => true],
      [{ sender: 'BY' }, (r) => r.transport_sender === 'BY'],
      [{ exercise: true }, (r) => r.exercise === 1],
      [{ code: 'ERR_KEY_UNKNOWN' }, (r) => r.reason === 'ERR_KEY_UNKNOWN'],
      [
        { sender: 'RU', from: T0 + 20_000, to: T0 + 90_000 },
        (r) => r.transport_sender === 'RU' && r.received_at >= T0 + 20_000 && r.received_at < T0 + 90_000,
      ],
    ];
    for (const [filter, keep] of filters) {
      const expected = all
        .filter(keep)
        .sort(order)
        .map((r) => r.id);
      expect(expected.length).toBeGreaterThan(10);
      const { seen, pages: count } = await pages(archive.db, filter, 7);
      expect(seen.map((r) => r.id)).toEqual(expected);
      expect(count).toBe(Math.ceil(expected.length / 7));
    }
    // A last page exactly full ends the list: 120 rows in 15 pages of 8, no empty sixteenth.
    expect(await pages(archive.db, {}, 8)).toMatchObject({ pages: 15 });
    // The clocks interleave: time order is not id order.
    const byTime = (await pages(archive.db, {}, 1_000)).seen.map((r) => r.id);
    expect(byTime).not.toEqual([...byTime].sort((a, b) => b - a));
  });

  it.runIf(backend.name === 'sqlite')(
    'reads each page along an index, without sorting the window (SQLite plan)',
    async () => {
      const archive = await open();
      await archive.committer.commit(batchWrite({ quarantine: [refusal(0)] }));
      const db = new Database(archive.db.location, { readonly: true });
      try {
        const after = { receivedAt: T0, id: 5 };
        for (const filter of [
          {},
          { sender: 'KZ' },
          { exercise: false },
          { code: 'ERR_KEY_UNKNOWN' },
          { from: T0, to: T0 + 1 },
          { sender: 'KZ', after },
          { exercise: true, from: T0, after },
        ] as Omit<QuarantineFilter, 'limit'>[]) {
          const { sql, params } = quarantinePageQuery({ ...filter, limit: 51 });
          const plan = db
            .prepare(`EXPLAIN QUERY PLAN ${sql}`)
            .all(...params)
            .map((r) => (r as { detail: string }).detail)
            .join('; ');
          expect(plan, JSON.stringify(filter)).not.toContain('TEMP B-TREE');
        }
      } finally {
        db.close();
      }
    },
  );
});
