import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../db/postgres-schema.js';
import { MIGRATIONS } from '../db/schema.js';
import { DATABANK_TABLES } from './databank-projector.js';

/** Projection tables a later migration creates (empty), so that an earlier rebuild cannot name them. */
const CREATED_LATER: Readonly<Record<string, readonly string[]>> = {
  'ADD COLUMN identifiers': ['databank_requests'],
  'CREATE TABLE databank_requests': ['databank_requests'],
};

describe('the data bank migrations that rebuild the bank', () => {
  // Migration 11 changes what the subject linking keeps, and migration 15 adds the request
  // tracking, so each empties the projection and sets its cursor to leaf 0: a table it forgot
  // would keep rows the rebuilt bank then holds twice.
  it.each([
    ['SQLite', 'ADD COLUMN identifiers', MIGRATIONS],
    ['PostgreSQL', 'ADD COLUMN identifiers', POSTGRES_MIGRATIONS],
    ['SQLite', 'CREATE TABLE databank_requests', MIGRATIONS],
    ['PostgreSQL', 'CREATE TABLE databank_requests', POSTGRES_MIGRATIONS],
  ])('empties every table of the projection and rewinds its cursor on %s (%s)', (_name, marker, migrations) => {
    const rebuild = migrations.find((m) => m.includes(marker));
    expect(rebuild).toBeDefined();
    for (const table of DATABANK_TABLES) {
      if (!CREATED_LATER[marker]!.includes(table)) expect(rebuild).toContain(`DELETE FROM ${table};`);
    }
    expect(rebuild).toContain('UPDATE databank_cursor SET next_leaf = 0');
    expect(rebuild).not.toContain('DELETE FROM databank_decisions;');
    // The Notices sent are no projection: a rebuild keeps them.
    expect(rebuild).not.toContain('DELETE FROM databank_review_notices;');
    expect(rebuild).not.toContain('DELETE FROM databank_request_notices;');
  });

  it('numbers the request tracking 15 on both engines', () => {
    expect(MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE databank_requests')) + 1).toBe(15);
    expect(POSTGRES_MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE databank_requests')) + 1).toBe(15);
  });
});
