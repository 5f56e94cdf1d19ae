import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../db/postgres-schema.js';
import { MIGRATIONS } from '../db/schema.js';
import { SEARCH_DUMP_ORDER } from '../search/search-index.js';
import { DATABANK_TABLES } from './databank-projector.js';

describe('the data bank migrations that rebuild the bank', () => {
  // Migrations 11 (subject linking) and 13 (person search) change what the projection keeps, so
  // each empties the projection's tables of its time and sets its cursor to leaf 0: a table it
  // forgot would keep rows the rebuilt bank then holds twice.
  const searchTables = Object.keys(SEARCH_DUMP_ORDER);
  it.each([
    ['SQLite', 11, MIGRATIONS],
    ['PostgreSQL', 11, POSTGRES_MIGRATIONS],
    ['SQLite', 13, MIGRATIONS],
    ['PostgreSQL', 13, POSTGRES_MIGRATIONS],
  ])('empties every table of the projection and rewinds its cursor on %s (migration %i)', (_name, n, migrations) => {
    const rebuild = migrations[n - 1];
    expect(rebuild).toBeDefined();
    // The search's tables are created (empty) by migration 13.
    const tables = DATABANK_TABLES.filter((t) => !searchTables.includes(t));
    expect(tables.length).toBeGreaterThan(10);
    for (const table of tables) expect(rebuild).toContain(`DELETE FROM ${table};`);
    for (const table of searchTables) expect(rebuild).toContain(n < 13 ? '' : `CREATE TABLE ${table} (`);
    expect(rebuild).toContain('UPDATE databank_cursor SET next_leaf = 0');
    expect(rebuild).not.toContain('DELETE FROM databank_decisions;');
  });
});
