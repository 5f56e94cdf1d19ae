import type Database from 'better-sqlite3';
import { atc, DATA_RECORD_TYPES, PayloadType } from '@atc/shared';

/** The record types a withdrawal erases: the data bank's records (requests, answers and notices are exchanges). */
export const WITHDRAWABLE_TYPES: ReadonlySet<string> = new Set<string>(DATA_RECORD_TYPES);

/**
 * What the agent keeps of a withdrawn record once its items are erased: which record, which
 * versions and items, who withdrew it and why, when, and the PurgeAck that answered it.
 */
export interface Tombstone {
  /** Cursor of the tombstone listing (ascending in the order withdrawals arrived). */
  readonly id: number;
  /** The RecordWithdrawal that erased the items; itself an inbox item, handed over like any other. */
  readonly withdrawalMessageId: string;
  /** Who withdrew the record: its originator (the withdrawal's sender). */
  readonly originator: string;
  readonly recordId: string;
  readonly exercise: boolean;
  /** The version the withdrawal named (0: the record as a whole); every version is erased either way. */
  readonly targetVersion: number;
  /** The withdrawal's reason, e.g. `INACCURATE`. */
  readonly reason: string;
  readonly explanation: string;
  /** When the originator created the withdrawal (its header's created_at). */
  readonly withdrawnAt: number;
  /** When the agent erased the items it held on the withdrawal's arrival. */
  readonly erasedAt: number;
  /** The record versions erased, ascending, each once; late arrivals included. */
  readonly versions: readonly number[];
  /** The inbox items erased, in arrival order; late arrivals included. */
  readonly itemIds: readonly string[];
  /** How many items were erased, late arrivals included. */
  readonly count: number;
  /** How many of them arrived after the withdrawal and were erased on arrival. */
  readonly lateCount: number;
  /** When the last late arrival was erased. */
  readonly lastErasedAt: number | null;
  /** The PurgeAck queued once the national system took the withdrawal. */
  readonly purgeAckMessageId: string | null;
  readonly purgeAckedAt: number | null;
}

/** An inbox item being stored, as the erasure reads it. */
export interface ErasableItem {
  readonly messageId: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly createdAt: number;
  readonly receivedAt: number;
  readonly exercise: boolean;
  readonly payload: Record<string, unknown>;
}

interface TombstoneRow {
  id: number;
  withdrawal_message_id: string;
  originator: string;
  record_id: string;
  exercise: number;
  target_version: number;
  reason: string;
  explanation: string;
  withdrawn_at: number;
  erased_at: number;
  versions: string;
  item_ids: string;
  count: number;
  late_count: number;
  last_erased_at: number | null;
  purge_ack_message_id: string | null;
  purge_acked_at: number | null;
}

function toTombstone(r: TombstoneRow): Tombstone {
  return {
    id: r.id,
    withdrawalMessageId: r.withdrawal_message_id,
    originator: r.originator,
    recordId: r.record_id,
    exercise: r.exercise === 1,
    targetVersion: r.target_version,
    reason: r.reason,
    explanation: r.explanation,
    withdrawnAt: r.withdrawn_at,
    erasedAt: r.erased_at,
    versions: JSON.parse(r.versions) as number[],
    itemIds: JSON.parse(r.item_ids) as string[],
    count: r.count,
    lateCount: r.late_count,
    lastErasedAt: r.last_erased_at,
    purgeAckMessageId: r.purge_ack_message_id,
    purgeAckedAt: r.purge_acked_at,
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function positiveInteger(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** Versions as a PurgeAck states them: ascending, each once. */
function sortedVersions(versions: Iterable<number>): number[] {
  return [...new Set(versions)].filter((v) => v > 0).sort((a, b) => a - b);
}

/**
 * The envelope of an erased item: the signed header and its signature, the payload removed (as
 * the archive's retention does), so the item stays provably what was received without its
 * content. Bytes that do not decode are not kept at all.
 */
export function withoutPayload(envelope: Uint8Array): Uint8Array {
  try {
    const e = atc.v1.Envelope.decode(envelope);
    return atc.v1.Envelope.encode({ header: e.header, signature: e.signature }).finish();
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * The records whose envelopes the DataBankResult `payload` (its JSON form) quotes, with their
 * versions (a restricted hit, or one whose content was left out, quotes nothing).
 */
function quotedRecords(
  payload: Record<string, unknown>,
): { readonly originator: string; readonly recordId: string; readonly version: number }[] {
  const hits = Array.isArray(payload['hits']) ? (payload['hits'] as Record<string, unknown>[]) : [];
  return hits.flatMap((hit) => {
    const record = hit['record'] as Record<string, unknown> | undefined;
    const envelope = hit['envelope'];
    if (record === undefined || typeof envelope !== 'string' || envelope === '') return [];
    return [
      {
        originator: text(record['originator']),
        recordId: text(record['recordId']),
        version: positiveInteger(record['version']),
      },
    ];
  });
}

/** What a PurgeAck says of a tombstone. */
export interface PurgeStatement {
  readonly withdrawalMessageId: string;
  readonly originator: string;
  readonly recordId: string;
  readonly versions: readonly number[];
  readonly erasedAt: number;
  readonly count: number;
  readonly exercise: boolean;
}

/**
 * Erasure of withdrawn records in the agent's inbox, and their tombstones. Every method runs
 * inside the caller's transaction (the inbox store's insert, the delivery recorder's), so an
 * item is never stored without the erasure its record calls for, and a PurgeAck is queued
 * exactly when the withdrawal's hand-over is recorded.
 */
export class WithdrawalStore {
  private readonly stmts;

  constructor(db: Database.Database) {
    const tombstoneColumns =
      'id, withdrawal_message_id, originator, record_id, exercise, target_version, reason, explanation, withdrawn_at, erased_at, versions, item_ids, count, late_count, last_erased_at, purge_ack_message_id, purge_acked_at';
    this.stmts = {
      itemsOf: db.prepare<[string, number], { message_id: string; payload_json: string; envelope: Buffer }>(
        `SELECT message_id, payload_json, envelope FROM inbox INDEXED BY inbox_record
         WHERE order_key = ? AND exercise = ? AND state != 'erased'
           AND payload_type IN ('${[...WITHDRAWABLE_TYPES].join("', '")}')
         ORDER BY seq`,
      ),
      // The answers to this agent's searches still held (those quoting the record are erased too).
      // Read only those whose JSON names the record id (as a JSON string), then parsed to be sure.
      resultsOf: db.prepare<[number, string], { message_id: string; payload_json: string; envelope: Buffer }>(
        `SELECT message_id, payload_json, envelope FROM inbox INDEXED BY inbox_results
         WHERE exercise = ? AND payload_type = 'atc.v1.DataBankResult' AND state != 'erased'
           AND instr(payload_json, ?) > 0
         ORDER BY seq`,
      ),
      erase: db.prepare<[number, string, Uint8Array, string]>(
        `UPDATE inbox SET state = 'erased', erased_at = ?, erased_by = ?, payload_json = '{}', envelope = ?
         WHERE message_id = ? AND state != 'erased'`,
      ),
      insert: db.prepare(
        `INSERT INTO inbox_withdrawals (withdrawal_message_id, originator, record_id, exercise, target_version, reason,
           explanation, withdrawn_at, erased_at, versions, item_ids, count)
         VALUES (@withdrawalMessageId, @originator, @recordId, @exercise, @targetVersion, @reason, @explanation,
           @withdrawnAt, @erasedAt, @versions, @itemIds, @count)`,
      ),
      firstOf: db.prepare<[string, string, number], TombstoneRow>(
        `SELECT ${tombstoneColumns} FROM inbox_withdrawals
         WHERE originator = ? AND record_id = ? AND exercise = ? ORDER BY id LIMIT 1`,
      ),
      versionsOf: db.prepare<[string, string, number], { versions: string }>(
        'SELECT versions FROM inbox_withdrawals WHERE originator = ? AND record_id = ? AND exercise = ? ORDER BY id',
      ),
      late: db.prepare<[string, string, number, number]>(
        `UPDATE inbox_withdrawals SET versions = ?, item_ids = ?, count = count + 1, late_count = late_count + 1,
           last_erased_at = ? WHERE id = ?`,
      ),
      get: db.prepare<[string], TombstoneRow>(
        `SELECT ${tombstoneColumns} FROM inbox_withdrawals WHERE withdrawal_message_id = ?`,
      ),
      list: db.prepare<[number, number], TombstoneRow>(
        `SELECT ${tombstoneColumns} FROM inbox_withdrawals WHERE id > ? ORDER BY id LIMIT ?`,
      ),
      awaiting: db.prepare<[], { n: number }>(
        'SELECT count(*) AS n FROM inbox_withdrawals WHERE purge_ack_message_id IS NULL',
      ),
      purged: db.prepare<[string, number, string]>(
        `UPDATE inbox_withdrawals SET purge_ack_message_id = ?, purge_acked_at = ?
         WHERE withdrawal_message_id = ? AND purge_ack_message_id IS NULL`,
      ),
    };
  }

  /**
   * Applies a RecordWithdrawal just stored in the inbox: erases every item of the withdrawn
   * record held with the same exercise marking (every version, whatever version the withdrawal
   * names) and keeps the tombstone. The caller checked that the sender is the originator.
   */
  withdraw(withdrawal: ErasableItem): Tombstone {
    const target = withdrawal.payload['target'] as Record<string, unknown> | undefined;
    const originator = text(target?.['originator']) || withdrawal.sender;
    const recordId = text(target?.['recordId']);
    const exercise = withdrawal.exercise ? 1 : 0;
    const erasedAt = withdrawal.receivedAt;
    const erased: { id: string; version: number }[] = [];
    for (const row of this.stmts.itemsOf.all(`${originator}/${recordId}`, exercise)) {
      const payload = JSON.parse(row.payload_json) as Record<string, unknown>;
      this.stmts.erase.run(erasedAt, withdrawal.messageId, withoutPayload(row.envelope), row.message_id);
      erased.push({ id: row.message_id, version: positiveInteger(payload['version']) });
    }
    // An answer to a search that quotes the record's envelope holds a copy of it too.
    for (const row of this.stmts.resultsOf.all(exercise, JSON.stringify(recordId))) {
      const quoted = quotedRecords(JSON.parse(row.payload_json) as Record<string, unknown>).find(
        (q) => q.originator === originator && q.recordId === recordId,
      );
      if (quoted === undefined) continue;
      const { version } = quoted;
      this.stmts.erase.run(erasedAt, withdrawal.messageId, withoutPayload(row.envelope), row.message_id);
      erased.push({ id: row.message_id, version });
    }
    this.stmts.insert.run({
      withdrawalMessageId: withdrawal.messageId,
      originator,
      recordId,
      exercise,
      targetVersion: positiveInteger(target?.['version']),
      reason: text(withdrawal.payload['reason']),
      explanation: text(withdrawal.payload['explanation']),
      withdrawnAt: withdrawal.createdAt,
      erasedAt,
      versions: JSON.stringify(sortedVersions(erased.map((e) => e.version))),
      itemIds: JSON.stringify(erased.map((e) => e.id)),
      count: erased.length,
    });
    return this.get(withdrawal.messageId)!;
  }

  /**
   * A version of a record that arrives after its withdrawal (a late redelivery, or one that
   * overtook nothing): erased on arrival and counted on the record's first tombstone. Returns
   * that tombstone, or undefined when the record was not withdrawn.
   */
  eraseIfWithdrawn(item: ErasableItem, envelope: Uint8Array): Tombstone | undefined {
    const late = this.#withdrawnCopy(item);
    if (late === undefined) return undefined;
    const { tombstone, version } = late;
    this.stmts.erase.run(item.receivedAt, tombstone.withdrawalMessageId, withoutPayload(envelope), item.messageId);
    this.stmts.late.run(
      JSON.stringify(sortedVersions([...tombstone.versions, version])),
      JSON.stringify([...tombstone.itemIds, item.messageId]),
      item.receivedAt,
      tombstone.id,
    );
    return this.get(tombstone.withdrawalMessageId);
  }

  /**
   * The first tombstone of a record `item` holds a copy of, and that copy's version: a version
   * of the record itself, or an answer to a search quoting the record's envelope (the centre
   * may deliver an answer after a withdrawal that was archived later).
   */
  #withdrawnCopy(item: ErasableItem): { readonly tombstone: Tombstone; readonly version: number } | undefined {
    const exercise = item.exercise ? 1 : 0;
    if (WITHDRAWABLE_TYPES.has(item.payloadType)) {
      const first = this.stmts.firstOf.get(item.sender, text(item.payload['recordId']), exercise);
      return first === undefined
        ? undefined
        : { tombstone: toTombstone(first), version: positiveInteger(item.payload['version']) };
    }
    if (item.payloadType !== PayloadType.DataBankResult) return undefined;
    for (const { originator, recordId, version } of quotedRecords(item.payload)) {
      const first = this.stmts.firstOf.get(originator, recordId, exercise);
      if (first !== undefined) return { tombstone: toTombstone(first), version };
    }
    return undefined;
  }

  /** The tombstone a withdrawal left, if this agent received it. */
  get(withdrawalMessageId: string): Tombstone | undefined {
    const r = this.stmts.get.get(withdrawalMessageId);
    return r === undefined ? undefined : toTombstone(r);
  }

  /** Tombstones after the `after` cursor, in the order the withdrawals arrived. */
  list(options: { readonly after?: number; readonly limit: number }): Tombstone[] {
    return this.stmts.list.all(options.after ?? 0, options.limit).map(toTombstone);
  }

  /**
   * What the PurgeAck of a withdrawal states, once, when the national system took it: undefined
   * when the withdrawal is unknown or its PurgeAck is already queued. The versions are those
   * this withdrawal erased; when it found nothing (an earlier withdrawal of the record erased
   * it all: count 0), those the earlier ones erased; when the record was never held, the
   * version the withdrawal named (1 when it named none), since a PurgeAck states one at least.
   */
  purgeDue(withdrawalMessageId: string): PurgeStatement | undefined {
    const t = this.get(withdrawalMessageId);
    if (t === undefined || t.purgeAckMessageId !== null) return undefined;
    let versions = t.versions;
    if (versions.length === 0) {
      const earlier = this.stmts.versionsOf
        .all(t.originator, t.recordId, t.exercise ? 1 : 0)
        .flatMap((r) => JSON.parse(r.versions) as number[]);
      versions = sortedVersions(earlier.length > 0 ? earlier : [t.targetVersion || 1]);
    }
    return {
      withdrawalMessageId: t.withdrawalMessageId,
      originator: t.originator,
      recordId: t.recordId,
      versions,
      // Late arrivals erased before the national system took the withdrawal are in the count.
      erasedAt: t.lastErasedAt ?? t.erasedAt,
      count: t.count,
      exercise: t.exercise,
    };
  }

  /** How many withdrawals wait for the national system to take them (no PurgeAck yet), for metrics. */
  awaitingPurgeAck(): number {
    return this.stmts.awaiting.get()?.n ?? 0;
  }

  /** Records the PurgeAck queued for a withdrawal; false when one was recorded before. */
  markPurgeAcked(withdrawalMessageId: string, purgeAckMessageId: string, at: number): boolean {
    return this.stmts.purged.run(purgeAckMessageId, at, withdrawalMessageId).changes === 1;
  }
}
