import type { SqlDb, SqlValue } from './sql-db.js';

/** Parameters per statement: below SQLite's limit (32766) and PostgreSQL's (65535). */
const MAX_PARAMETERS = 30_000;
/**
 * Rows per statement, largest first: a batch of any size is written with a few statements
 * of these few shapes, so the prepared-statement caches (per connection, on both engines)
 * hold a handful of statements per table instead of one per batch size.
 */
const CHUNKS = [256, 64, 16, 4, 1] as const;

/**
 * Inserts rows with as few statements as the engines allow (multi-row INSERTs of fixed
 * sizes) instead of one round trip per row. `suffix` is appended to each statement (e.g. an
 * `ON CONFLICT` clause). Resolves to the number of rows inserted.
 */
export async function insertRows(
  db: SqlDb,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  suffix = '',
): Promise<number> {
  const limit = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  let inserted = 0;
  let i = 0;
  while (i < rows.length) {
    const left = rows.length - i;
    const size = CHUNKS.find((c) => c <= left && c <= limit) ?? 1;
    const chunk = rows.slice(i, i + size);
    inserted += await db.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(size).fill(tuple).join(', ')}${suffix}`,
      chunk.flat(),
    );
    i += size;
  }
  return inserted;
}

/**
 * Splits `values` into lists for `IN (...)` of a few fixed lengths (the last one padded by
 * repeating its last value, which changes no result), for the same reason as above.
 */
export function inLists<T>(values: readonly T[]): T[][] {
  const lists: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNKS[0]) {
    const list = values.slice(i, i + CHUNKS[0]);
    const size = [...CHUNKS].reverse().find((c) => c >= list.length)!;
    while (list.length < size) list.push(list[list.length - 1]!);
    lists.push(list);
  }
  return lists;
}
