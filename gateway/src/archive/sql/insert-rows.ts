import type { SqlDb, SqlValue } from './sql-db.js';

/** Parameters per statement: below SQLite's limit (32766) and PostgreSQL's (65535). */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows with as few statements as the engines allow (one multi-row INSERT per chunk)
 * instead of one round trip per row. `suffix` is appended to each statement (e.g. an
 * `ON CONFLICT` clause). Resolves to the number of rows inserted.
 */
export async function insertRows(
  db: SqlDb,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  suffix = '',
): Promise<number> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let inserted = 0;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    inserted += await db.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(chunk.length).fill(tuple).join(', ')}${suffix}`,
      chunk.flat(),
    );
  }
  return inserted;
}
