import type { SqlDb, SqlValue } from './sql-db.js';

/** Parameters per statement: below SQLite's limit (32766) and PostgreSQL's (65535). */
const MAX_PARAMETERS = 30_000;

/**
 * The only lengths a statement's list of rows or values has, largest first: a list of any
 * length is written or read with statements of these few shapes, so the prepared-statement
 * caches hold at most nine statements per table and shape instead of one per length. Each
 * connection keeps what it prepared: SQLite a bounded cache (one statement driven out per new
 * length), PostgreSQL every named statement until the connection ends (the server's memory).
 */
export const STATEMENT_LENGTHS = [256, 128, 64, 32, 16, 8, 4, 2, 1] as const;

/** The longest list a statement carries. */
export const MAX_STATEMENT_LENGTH = STATEMENT_LENGTHS[0];

/**
 * `items` in runs of {@link STATEMENT_LENGTHS} (at most `limit` each), largest first and none
 * padded: for statements that must see each item once (an upsert, an insert without a conflict
 * clause, an added count).
 */
export function fixedChunks<T>(items: readonly T[], limit: number = MAX_STATEMENT_LENGTH): T[][] {
  const out: T[][] = [];
  let i = 0;
  while (i < items.length) {
    const left = items.length - i;
    const size = STATEMENT_LENGTHS.find((c) => c <= left && c <= limit) ?? 1;
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

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
  let inserted = 0;
  for (const chunk of fixedChunks(rows, limit)) {
    inserted += await db.run(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples(chunk.length, columns.length)}${suffix}`,
      chunk.flat(),
    );
  }
  return inserted;
}

/**
 * Splits `values` into lists of at most {@link MAX_STATEMENT_LENGTH}, the last one padded to the
 * next of {@link STATEMENT_LENGTHS} (less than twice its length): with `pad` when given (a
 * value that matches nothing, for a `VALUES` list joined to a table, where a repeated value
 * would repeat its rows), else by repeating its last value (which changes no result of an
 * `IN (...)` list, an `OR` of conditions, or an `INSERT ... ON CONFLICT DO NOTHING`).
 */
export function inLists<T>(values: readonly T[], pad?: T): T[][] {
  const lists: T[][] = [];
  for (let i = 0; i < values.length; i += MAX_STATEMENT_LENGTH) {
    lists.push(padded(values.slice(i, i + MAX_STATEMENT_LENGTH), pad));
  }
  return lists;
}

/**
 * `list` (not empty) padded as {@link inLists} pads, to the smallest power of two at least its
 * length, with no upper bound: for a list that must stay one statement (a `NOT IN`), whose
 * length its caller bounds.
 */
export function padded<T>(list: readonly T[], pad?: T): T[] {
  let size = 1;
  while (size < list.length) size *= 2;
  const out = [...list];
  const filler = pad === undefined ? list[list.length - 1]! : pad;
  while (out.length < size) out.push(filler);
  return out;
}

/** `count` placeholders for a list: `?, ?, ?`. */
export function marks(count: number): string {
  return Array(count).fill('?').join(', ');
}

/** `count` tuples of `width` placeholders each: `(?, ?), (?, ?)`. */
export function tuples(count: number, width: number): string {
  const tuple = `(${marks(width)})`;
  return Array(count).fill(tuple).join(', ');
}
