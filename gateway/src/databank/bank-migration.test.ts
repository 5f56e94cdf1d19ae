import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../db/postgres-schema.js';
import { MIGRATIONS } from '../db/schema.js';
import { DATABANK_TABLES } from './databank-projector.js';

describe('the data bank migration that rebuilds the bank', () => {
  // Migration 11 changes what the subject linking keeps, so it empties the projection and sets
  // its cursor to leaf 0: a table it forgot would keep rows the rebuilt bank then holds twice.
  it.each([
    ['SQLite', MIGRATIONS],
    ['PostgreSQL', POSTGRES_MIGRATIONS],
  ])('empties every table of the projection and rewinds its cursor on %s', (_name, migrations) => {
    const rebuild = migrations.find((m) => m.includes('ADD COLUMN identifiers'));
    expect(rebuild).toBeDefined();
    for (const table of DATABANK_TABLES) expect(rebuild).toContain(`DELETE FROM ${table};`);
    expect(rebuild).toContain('UPDATE databank_cursor SET next_leaf = 0');
    expect(rebuild).not.toContain('DELETE FROM databank_decisions;');
  });
});
