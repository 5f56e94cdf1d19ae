import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../db/postgres-schema.js';
import { MIGRATIONS } from '../db/schema.js';
import { SEARCH_DUMP_ORDER } from '../search/search-index.js';
import { DATABANK_TABLES } from './databank-projector.js';

/** The migration that creates each projection table added after migration 11 (empty). */
const CREATED_BY: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Object.keys(SEARCH_DUMP_ORDER).map((t) => [t, 13])),
  databank_requests: 14,
};

describe('the data bank migrations that rebuild the bank', () => {
  // Migrations 11 (subject linking), 13 (person search), 14 (request tracking), 15 (candidate
  // links from the search), 17 (name tokens under the date of birth) and 18 (q folded with k in
  // the name skeleton) change what
  // the projection keeps, so each empties the projection's tables of its time and sets its
  // cursor to leaf 0: a table it forgot would keep rows the rebuilt bank then holds twice.
  it.each([
    ['SQLite', 11, MIGRATIONS],
    ['PostgreSQL', 11, POSTGRES_MIGRATIONS],
    ['SQLite', 13, MIGRATIONS],
    ['PostgreSQL', 13, POSTGRES_MIGRATIONS],
    ['SQLite', 14, MIGRATIONS],
    ['PostgreSQL', 14, POSTGRES_MIGRATIONS],
    ['SQLite', 15, MIGRATIONS],
    ['PostgreSQL', 15, POSTGRES_MIGRATIONS],
    ['SQLite', 17, MIGRATIONS],
    ['PostgreSQL', 17, POSTGRES_MIGRATIONS],
    ['SQLite', 18, MIGRATIONS],
    ['PostgreSQL', 18, POSTGRES_MIGRATIONS],
  ])('empties every table of the projection and rewinds its cursor on %s (migration %i)', (_name, n, migrations) => {
    const rebuild = migrations[n - 1];
    expect(rebuild).toBeDefined();
    const older = DATABANK_TABLES.filter((t) => (CREATED_BY[t] ?? 0) < n);
    expect(older.length).toBeGreaterThan(10);
    for (const table of older) expect(rebuild).toContain(`DELETE FROM ${table};`);
    for (const table of DATABANK_TABLES.filter((t) => CREATED_BY[t] === n)) {
      expect(rebuild).toContain(`CREATE TABLE ${table} (`);
    }
    expect(rebuild).toContain('UPDATE databank_cursor SET next_leaf = 0');
    expect(rebuild).not.toContain('DELETE FROM databank_decisions;');
    // The Notices sent are no projection: a rebuild keeps them.
    expect(rebuild).not.toContain('DELETE FROM databank_review_notices;');
    expect(rebuild).not.toContain('DELETE FROM databank_request_notices;');
  });

  it('has as many migrations on both engines: 19 moves the bank to its own file on SQLite, 20 adds the quoted copies, 21 their backfill, 22 drops two indexes of messages, 23 keeps their stream sequence, 24 drops the index of pending copies', () => {
    expect(POSTGRES_MIGRATIONS).toHaveLength(MIGRATIONS.length);
    expect(MIGRATIONS).toHaveLength(24);
    for (const migrations of [MIGRATIONS, POSTGRES_MIGRATIONS]) {
      expect(migrations[19]).toContain('record_quotes (');
      expect(migrations[20]).toContain("'quote_index_end'");
      expect(migrations[21]).toMatch(/DROP INDEX (main\.)?messages_sender;/);
      expect(migrations[21]).toMatch(/DROP INDEX (main\.)?messages_sender_archived;/);
      expect(migrations[23]).toMatch(/DROP INDEX (main\.)?deliveries_pending;/);
    }
    for (const table of [...DATABANK_TABLES, 'databank_cursor'])
      expect(MIGRATIONS[18]).toContain(`DROP TABLE main.${table};`);
    expect(MIGRATIONS[18]).not.toContain('databank_decisions;');
    expect(MIGRATIONS[18]).not.toContain('_notices;');
  });

  it('numbers the request tracking 14 on both engines', () => {
    expect(MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE databank_requests')) + 1).toBe(14);
    expect(POSTGRES_MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE databank_requests')) + 1).toBe(14);
  });

  it("numbers the candidates' scores 15 on both engines", () => {
    const adds = (m: string) => m.includes('ALTER TABLE databank_candidates ADD COLUMN score');
    expect(MIGRATIONS.findIndex(adds) + 1).toBe(15);
    expect(POSTGRES_MIGRATIONS.findIndex(adds) + 1).toBe(15);
  });
});
