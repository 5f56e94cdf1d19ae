import type Database from 'better-sqlite3';

/** One data bank search this agent sent, and the result that answered it once one came. */
export interface SearchRow {
  readonly queryId: string;
  readonly createdAt: number;
  readonly resultMessageId: string | null;
  readonly answeredAt: number | null;
}

interface DbRow {
  query_id: string;
  created_at: number;
  result_message_id: string | null;
  answered_at: number | null;
}

/**
 * The searches this agent sent (`databank_searches`): which DataBankQuery message ids are its
 * own, so that only a result answering one of them is taken, and which inbox item answered each.
 * Waiters of `POST /v1/databank/search` are woken when their answer is stored.
 */
export class SearchStore {
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #insert: Database.Statement;
  readonly #answer: Database.Statement;
  readonly #get: Database.Statement;

  constructor(db: Database.Database) {
    this.#insert = db.prepare('INSERT OR IGNORE INTO databank_searches (query_id, created_at) VALUES (?, ?)');
    this.#answer = db.prepare(
      `UPDATE databank_searches SET result_message_id = ?, answered_at = ?
        WHERE query_id = ? AND result_message_id IS NULL`,
    );
    this.#get = db.prepare('SELECT * FROM databank_searches WHERE query_id = ?');
  }

  /** Records a query this agent signed and queued. */
  record(queryId: string, createdAt: number): void {
    this.#insert.run(queryId, createdAt);
  }

  /** The search `queryId`, if this agent sent it. */
  get(queryId: string): SearchRow | undefined {
    const row = this.#get.get(queryId) as DbRow | undefined;
    if (row === undefined) return undefined;
    return {
      queryId: row.query_id,
      createdAt: row.created_at,
      resultMessageId: row.result_message_id,
      answeredAt: row.answered_at,
    };
  }

  /** Notes the inbox item that answers `queryId` (the first one only) and wakes its waiters. */
  answer(queryId: string, resultMessageId: string, at: number): boolean {
    const changed = this.#answer.run(resultMessageId, at, queryId).changes > 0;
    if (changed) this.wake(queryId);
    return changed;
  }

  /** Wakes the waiters of `queryId` without an answer: the centre refused the query itself (its REJECTED receipt). */
  wake(queryId: string): void {
    for (const wake of this.#waiters.get(queryId) ?? []) wake();
  }

  /** Resolves when `queryId` is answered or refused, or after `timeoutMs`, whichever comes first. */
  async waitFor(queryId: string, timeoutMs: number): Promise<SearchRow | undefined> {
    const answered = (): SearchRow | undefined => {
      const row = this.get(queryId);
      return row?.resultMessageId === null ? undefined : row;
    };
    const now = answered();
    if (now !== undefined || timeoutMs <= 0) return now;
    await new Promise<void>((resolve) => {
      const set = this.#waiters.get(queryId) ?? new Set();
      this.#waiters.set(queryId, set);
      const done = (): void => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) this.#waiters.delete(queryId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      set.add(done);
    });
    return answered();
  }
}
