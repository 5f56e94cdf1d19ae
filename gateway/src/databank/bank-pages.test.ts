import { describe, expect, it } from 'vitest';
import { ARCHIVE_BACKENDS, type ArchiveBackend } from '@atc/harness';
import { SqlArchiveReader } from '../archive/archive-reader.js';
import { insertRows } from '../db/insert-rows.js';
import { openArchiveDb } from '../db/open-database.js';
import type { SqlDb } from '../db/sql-db.js';
import { DatabankProjection } from './databank-projector.js';
import { DatabankRecords } from './databank-records.js';
import { listRequests, SLA_DEFAULTS } from './information-requests.js';
import { DatabankSubjects, type DecisionAudit } from './subjects.js';

const T0 = 1_767_000_000_000;

/** The subjects' audit, for lists, which decide nothing: refuses, should a decision reach it. */
const NO_DECISIONS: DecisionAudit = {
  audited: () => Promise.reject(new Error('a list takes no decision')),
};

/** One page of a keyset list: its items and the key of its last item when more follow. */
interface Page<T, K> {
  readonly items: readonly T[];
  readonly next: K | undefined;
}

/** Every page of a list, each read after the key of the page before; fails past 100 pages. */
async function walk<T, K>(page: (after: K | undefined) => Promise<Page<T, K>>): Promise<T[]> {
  const items: T[] = [];
  let after: K | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const p = await page(after);
    items.push(...p.items);
    if (p.next === undefined) return items;
    after = p.next;
  }
  throw new Error('the list did not end within 100 pages');
}

/** Orders rows by their keys, column after column (numbers as numbers, text by code unit, like the engines' C collation). */
function byKey<T>(key: (row: T) => readonly (number | string)[]): (a: T, b: T) => number {
  return (a, b) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) {
      if (x[i]! < y[i]!) return -1;
      if (x[i]! > y[i]!) return 1;
    }
    return 0;
  };
}

/** Runs `test` on a fresh, migrated archive of `backend`, closed and disposed after it. */
async function withBank(backend: ArchiveBackend, test: (db: SqlDb) => Promise<void>): Promise<void> {
  await using at = await backend.create();
  const db = await openArchiveDb(at.location);
  try {
    await test(db);
  } finally {
    await db.close();
  }
}

// Each list is read in pages whose boundaries fall inside a run of rows sharing the key's
// leading column(s): every row comes once, in the list's order, whatever the page size.
describe.each(ARCHIVE_BACKENDS)('the data bank keyset pages on $name, ties straddling pages', (backend) => {
  it('lists the tracked requests of a namespace by (leaf, recipient), each once', async () => {
    await withBank(backend, async (db) => {
      // Seven requests to three members each (recipients not in insertion order), every fourth
      // copy answered; the exercise namespace has one of its own.
      const rows: (string | number | null)[][] = [];
      for (let leaf = 0; leaf < 7; leaf++) {
        ['UZ', 'BY', 'RU'].forEach((recipient, k) => {
          const answered = (3 * leaf + k) % 4 === 0;
          rows.push([
            `q-${leaf}`,
            recipient,
            0,
            'KZ',
            `KZ-R-${leaf}`,
            3,
            T0 + leaf,
            null,
            10 + leaf,
            answered ? 'answered' : 'open',
            answered ? 1 : 0,
            answered ? T0 + 99 : null,
          ]);
        });
      }
      rows.push(['q-x', 'BY', 1, 'KZ', 'KZ-R-X', 3, T0, null, 12, 'open', 0, null]);
      await insertRows(
        db,
        'databank_requests',
        [
          'request_message_id',
          'recipient',
          'exercise',
          'requester',
          'record_id',
          'urgency',
          'requested_at',
          'reply_due_at',
          'leaf_index',
          'state',
          'responses',
          'answered_at',
        ],
        rows,
      );
      const key = (r: readonly (string | number | null)[]): [number, string] => [r[8] as number, r[1] as string];
      for (const state of ['open', 'answered'] as const) {
        const expected = rows
          .filter((r) => r[2] === 0 && (r[9] === 'answered') === (state === 'answered'))
          .sort(byKey(key))
          .map(key);
        for (const limit of [2, 4]) {
          const listed = await walk<readonly [number, string], readonly [number, string]>(async (after) => {
            const found = await listRequests(db, {
              state,
              exercise: false,
              now: T0,
              defaults: SLA_DEFAULTS,
              limit: limit + 1,
              ...(after === undefined ? {} : { after }),
            });
            const items = found.slice(0, limit).map((r) => [r.leafIndex, r.recipient] as const);
            return { items, next: found.length > limit ? items.at(-1) : undefined };
          });
          expect(listed, `${state}, ${limit} a page`).toEqual(expected);
        }
      }
    });
  });

  it("lists a record's versions by (version, leaf) and the flags of a namespace by (leaf, code), each once", async () => {
    await withBank(backend, async (db) => {
      await insertRows(
        db,
        'databank_records',
        [
          'exercise',
          'originator',
          'record_id',
          'record_type',
          'current_version',
          'current_message_id',
          'updated_at',
          'withdrawn',
        ],
        [
          [0, 'KZ', 'KZ-P-1', 'person', 4, 'v-4-0', T0, 0],
          [0, 'KZ', 'KZ-P-2', 'person', 1, 'w-1', T0, 0],
        ],
      );
      // Versions 1 to 4, each archived three times (a repeat, a conflict); another record's version between them.
      const versions: (string | number | Uint8Array)[][] = [];
      for (let v = 1; v <= 4; v++) {
        for (const leaf of [30 - v, 40 + v, 10 + v]) {
          versions.push([0, 'KZ', 'KZ-P-1', v, `v-${v}-${leaf}`, leaf, T0 + leaf, Buffer.alloc(32), '{}', '{}']);
        }
      }
      versions.push([0, 'KZ', 'KZ-P-2', 1, 'w-1', 20, T0 + 20, Buffer.alloc(32), '{}', '{}']);
      await insertRows(
        db,
        'databank_versions',
        [
          'exercise',
          'originator',
          'record_id',
          'version',
          'message_id',
          'leaf_index',
          'archived_at',
          'content_sha256',
          'handling',
          'evaluation',
        ],
        versions,
      );
      const records = new DatabankRecords(
        db,
        new SqlArchiveReader(db),
        new DatabankProjection(db, new SqlArchiveReader(db)),
      );
      const ref = { exercise: false, originator: 'KZ', recordId: 'KZ-P-1' };
      const expectedVersions = versions
        .filter((r) => r[2] === 'KZ-P-1')
        .map((r) => [r[3] as number, r[5] as number] as const)
        .sort(byKey((k) => k));
      for (const limit of [2, 4]) {
        const listed = await walk(async (after: readonly [number, number] | undefined) => {
          const found = await records.versions(ref, { after, limit });
          return { items: found!.page.items.map((v) => [v.version, v.leafIndex] as const), next: found!.page.next };
        });
        expect(listed, `${limit} a page`).toEqual(expectedVersions);
      }

      // Three codes on some entries, one on others; an exercise entry's flag between them.
      const flags: (string | number)[][] = [];
      for (let leaf = 100; leaf < 106; leaf++) {
        for (const code of leaf % 2 === 0 ? ['ERR_Z', 'ERR_A', 'ERR_M'] : ['ERR_B']) {
          flags.push([0, `f-${leaf}`, code, leaf, `${leaf}/${code}`]);
        }
      }
      flags.push([1, 'f-x', 'ERR_A', 102, 'exercise']);
      await insertRows(db, 'databank_flags', ['exercise', 'message_id', 'code', 'leaf_index', 'detail'], flags);
      const expectedFlags = flags
        .filter((f) => f[0] === 0)
        .map((f) => [f[3] as number, f[2] as string] as const)
        .sort(byKey((k) => k));
      for (const limit of [2, 4]) {
        const listed = await walk(async (after: readonly [number, string] | undefined) => {
          const found = await records.flags(false, { after, limit });
          return { items: found.items.map((f) => [f.leafIndex, f.code] as const), next: found.next };
        });
        expect(listed, `${limit} a page`).toEqual(expectedFlags);
      }
    });
  });

  it('lists subjects by (update time, id), with and without updated_since, each once', async () => {
    await withBank(backend, async (db) => {
      // Nine subjects, three per update time, persons and organizations mixed (two index ranges merged).
      const ids = ['s-e', 's-a', 's-i', 's-c', 's-g', 's-b', 's-h', 's-d', 's-f'];
      const subjects = ids.map((id, i) => ({
        id,
        at: T0 + Math.floor(i / 3) * 1000,
        category: i % 2 === 0 ? 'person' : 'organization',
      }));
      await insertRows(
        db,
        'databank_subjects',
        [
          'subject_id',
          'exercise',
          'category',
          'founder_leaf',
          'founder_originator',
          'founder_record_id',
          'records',
          'listed_at',
          'list_keys',
        ],
        subjects.map((s, i) => [s.id, 0, s.category, i, 'KZ', `KZ-${i}`, 1, s.at, JSON.stringify([`${s.category}|*`])]),
      );
      await insertRows(
        db,
        'databank_subject_list',
        ['exercise', 'list_key', 'updated_at', 'subject_id'],
        subjects.map((s) => [0, `${s.category}|*`, s.at, s.id]),
      );
      const list = new DatabankSubjects({ db, reader: new SqlArchiveReader(db), audit: NO_DECISIONS });
      for (const since of [undefined, T0 + 1000]) {
        const expected = subjects
          .filter((s) => since === undefined || s.at >= since)
          .sort(byKey((s) => [s.at, s.id]))
          .map((s) => s.id);
        for (const limit of [2, 4]) {
          const listed = await walk(async (cursor: string | undefined) => {
            const page = await list.listSubjects({
              limit,
              ...(since === undefined ? {} : { updatedSince: since }),
              ...(cursor === undefined ? {} : { cursor }),
            });
            return { items: page.subjects.map((s) => s.subjectId), next: page.nextCursor ?? undefined };
          });
          expect(listed, `since ${String(since)}, ${limit} a page`).toEqual(expected);
        }
      }
    });
  });

  it('relinks every person of both namespaces once, in chunks that end inside a namespace and an originator', async () => {
    await withBank(backend, async (db) => {
      const rows: (string | number)[][] = [];
      for (const exercise of [0, 1]) {
        for (const originator of ['UZ', 'BY', 'KZ']) {
          for (let i = 0; i < 3; i++) {
            const id = `${originator}-P-${i}`;
            rows.push([exercise, originator, id, `s-${exercise}-${id}`, i === 1 ? 'organization' : 'person', i, '[]']);
          }
        }
      }
      await insertRows(
        db,
        'databank_subject_records',
        ['exercise', 'originator', 'record_id', 'subject_id', 'category', 'first_leaf', 'nationalities'],
        rows,
      );
      const persons = rows.filter((r) => r[4] === 'person').length;
      const projection = new DatabankProjection(db, new SqlArchiveReader(db));
      for (const chunk of [1, 4, 5, 100]) {
        const progress: number[] = [];
        expect(await projection.relink(chunk, (done) => progress.push(done)), `${chunk} a chunk`).toBe(persons);
        expect(progress.at(-1)).toBe(persons);
      }
    });
  });
});
