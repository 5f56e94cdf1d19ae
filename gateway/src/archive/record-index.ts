import {
  atc,
  decodePayload,
  isRefusal,
  isVersionedRecordType,
  PayloadType,
  recordVersionOf,
  VERSIONED_RECORD_TYPES,
  type Logger,
} from '@atc/shared';
import type { ArchivedMessageRow, BatchWrite, RecordKey } from '../domain/batch-write.js';
import { inLists, insertRows, marks } from '../db/insert-rows.js';
import type { SqlDb } from '../db/sql-db.js';

/** One recipient's copy of one archived version of a record. */
export interface RecordDelivery {
  readonly recipient: string;
  readonly messageId: string;
  readonly version: number;
  readonly leafIndex: number;
}

/** The record id and version an archived envelope carries, or `undefined` for other types or bytes that do not decode. */
export function recordKeyOf(payloadType: string, envelope: Uint8Array): RecordKey | undefined {
  if (!isVersionedRecordType(payloadType)) return undefined;
  try {
    return recordVersionOf(payloadType, decodePayload(payloadType, atc.v1.Envelope.decode(envelope).payload));
  } catch (e) {
    if (isRefusal(e) || e instanceof Error) return undefined;
    throw e;
  }
}

const COLUMNS = ['message_id', 'originator', 'record_id', 'exercise', 'version', 'leaf_index'] as const;

/**
 * Writes the index rows of archived messages (leaf `firstLeaf + i` for `messages[i]`), inside
 * the caller's transaction: the batch commit, so that the index never lags the archive. A row
 * that carries its record key (the pipeline decoded it already) is not decoded again.
 */
export async function indexRecords(
  db: SqlDb,
  messages: readonly ArchivedMessageRow[],
  firstLeaf: number,
): Promise<void> {
  const rows: (string | number)[][] = [];
  messages.forEach((m, i) => {
    if (!isVersionedRecordType(m.payloadType)) return;
    const key = m.record ?? recordKeyOf(m.payloadType, m.envelope);
    if (key === undefined) return;
    rows.push([m.messageId, m.sender, key.recordId, m.exercise ? 1 : 0, key.version, firstLeaf + i]);
  });
  await insertRows(db, 'record_messages', COLUMNS, rows);
}

const SQL = {
  // The copies routed to members, and those quoted to a member in a DataBankResult.
  deliveries: `SELECT d.recipient, r.message_id, r.version, r.leaf_index FROM record_messages r
    JOIN deliveries d ON d.message_id = r.message_id
    WHERE r.originator = ? AND r.record_id = ? AND r.exercise = ? AND r.leaf_index < ?
    UNION
    SELECT q.recipient, r.message_id, r.version, r.leaf_index FROM record_messages r
    JOIN record_quotes q ON q.message_id = r.message_id
    WHERE r.originator = ? AND r.record_id = ? AND r.exercise = ? AND r.leaf_index < ?
    ORDER BY leaf_index, recipient`,
  state: 'SELECT key, value FROM gateway_state WHERE key IN (?, ?)',
  setState: 'UPDATE gateway_state SET value = ? WHERE key = ?',
} as const;

/**
 * Every copy of the record (originator, recordId) in the namespace `exercise` that the
 * centre routed before leaf `beforeLeaf`, or quoted to a member in the answer to its search:
 * one row per version and recipient, in log order.
 */
export async function recordDeliveries(
  db: SqlDb,
  record: { readonly originator: string; readonly recordId: string; readonly exercise: boolean },
  beforeLeaf = Number.MAX_SAFE_INTEGER,
): Promise<RecordDelivery[]> {
  const params = [record.originator, record.recordId, record.exercise ? 1 : 0, beforeLeaf];
  const rows = await db.all<{ recipient: string; message_id: string; version: number; leaf_index: number }>(
    SQL.deliveries,
    [...params, ...params],
  );
  return rows.map((r) => ({
    recipient: r.recipient,
    messageId: r.message_id,
    version: r.version,
    leafIndex: r.leaf_index,
  }));
}

/** A withdrawal's target record id: from the row, or decoded from its envelope. */
function withdrawnRecordIdOf(m: ArchivedMessageRow): string | undefined {
  return m.withdrawnRecordId ?? withdrawalTargetOf(m.envelope);
}

/** The target record id of the RecordWithdrawal `envelope`, or undefined for bytes that do not decode as one. */
function withdrawalTargetOf(envelope: Uint8Array): string | undefined {
  try {
    const payload = atc.v1.Envelope.decode(envelope).payload;
    return decodePayload(PayloadType.RecordWithdrawal, payload).target?.recordId ?? '';
  } catch (e) {
    if (isRefusal(e) || e instanceof Error) return undefined;
    throw e;
  }
}

/**
 * The records of `originators` in the namespace `exercise` that an archived RecordWithdrawal
 * withdraws, as `originator/recordId`: from the archive itself, which the data bank may lag.
 * Withdrawals are few; only those of `originators` are decoded.
 */
export async function withdrawnRecords(
  db: SqlDb,
  exercise: boolean,
  originators: readonly string[],
): Promise<Set<string>> {
  return new Set((await archivedWithdrawals(db, exercise, originators)).map((w) => `${w.originator}/${w.recordId}`));
}

/** An archived RecordWithdrawal and the record it withdraws. */
interface ArchivedWithdrawal {
  readonly messageId: string;
  readonly originator: string;
  readonly recordId: string;
  readonly exercise: boolean;
  readonly leafIndex: number;
  readonly archivedAt: number;
}

/** The columns of a {@link WithdrawalRow}, from `messages`. */
const WITHDRAWAL_COLUMNS = 'message_id, sender, exercise, leaf_index, archived_at, envelope';

interface WithdrawalRow {
  message_id: string;
  sender: string;
  exercise: number;
  leaf_index: number;
  archived_at: number;
  envelope: Uint8Array;
}

/** The withdrawals among archived rows (bytes that do not decode are skipped). */
function withdrawalsOf(rows: readonly WithdrawalRow[]): ArchivedWithdrawal[] {
  return rows.flatMap((r) => {
    const recordId = withdrawalTargetOf(r.envelope);
    if (recordId === undefined) return [];
    const { message_id: messageId, sender: originator, leaf_index: leafIndex, archived_at: archivedAt } = r;
    return [{ messageId, originator, recordId, exercise: r.exercise === 1, leafIndex, archivedAt }];
  });
}

/** The RecordWithdrawals of `originators` archived in the namespace `exercise`. */
async function archivedWithdrawals(
  db: SqlDb,
  exercise: boolean,
  originators: readonly string[],
): Promise<ArchivedWithdrawal[]> {
  if (originators.length === 0) return [];
  const rows = await db.all<WithdrawalRow>(
    `SELECT ${WITHDRAWAL_COLUMNS} FROM messages WHERE exercise = ?
       AND payload_type = ? AND payload_erased_at IS NULL AND sender IN (${marks(originators.length)})`,
    [exercise ? 1 : 0, PayloadType.RecordWithdrawal, ...originators],
  );
  return withdrawalsOf(rows);
}

/**
 * Completes the routing of a batch's withdrawals under the archive's write lock, before the
 * batch is written: every member the archive has routed a version of the withdrawn record to
 * gets the withdrawal, also one whose version another gateway replica committed after this
 * batch's pipeline read the index. Adds their routing rows and names them in the sender's
 * ACCEPTED receipt; resolves to the batch so completed and the members added per withdrawal.
 */
export async function completeWithdrawalRoutes(
  db: SqlDb,
  batch: BatchWrite,
): Promise<{ readonly batch: BatchWrite; readonly added: ReadonlyMap<string, readonly string[]> }> {
  const added = new Map<string, string[]>();
  for (const m of batch.messages) {
    if (m.payloadType !== PayloadType.RecordWithdrawal) continue;
    const recordId = withdrawnRecordIdOf(m);
    if (recordId === undefined) continue;
    const routed = new Set(batch.deliveries.filter((d) => d.messageId === m.messageId).map((d) => d.recipient));
    const holders = await recordDeliveries(db, { originator: m.sender, recordId, exercise: m.exercise });
    const missing = [...new Set(holders.map((h) => h.recipient))].filter((r) => !routed.has(r) && r !== m.sender);
    if (missing.length > 0) added.set(m.messageId, missing.sort());
  }
  if (added.size === 0) return { batch, added };
  return {
    added,
    batch: {
      ...batch,
      deliveries: [
        ...batch.deliveries,
        ...[...added].flatMap(([messageId, recipients]) => recipients.map((recipient) => ({ messageId, recipient }))),
      ],
      receipts: batch.receipts.map((r) => {
        const more = r.status === 'accepted' ? added.get(r.messageId) : undefined;
        return more === undefined ? r : { ...r, recipients: [...(r.recipients ?? []), ...more].sort() };
      }),
    },
  };
}

/** Leaves of the payload types it reads that a backfill reads per transaction, by default. */
const BACKFILL_CHUNK = 2_000;

/** The most leaves a backfill's transaction looks through for them. */
const BACKFILL_SPAN = 50_000;

/** An archived leaf as a backfill reads it. */
interface BackfillLeaf {
  readonly message_id: string;
  readonly sender: string;
  readonly payload_type: string;
  readonly exercise: number;
  readonly leaf_index: number;
  readonly envelope: Uint8Array;
}

/** A table written from the leaves archived before it existed, and where its progress is kept. */
interface Backfill {
  /** The gateway_state keys of the next leaf to read and of the end (the log's size at the migration). */
  readonly nextKey: string;
  readonly endKey: string;
  /** Only leaves of these payload types are read. */
  readonly payloadTypes: readonly string[];
  /** Leaves read per transaction (default {@link BACKFILL_CHUNK}); fewer for large envelopes. */
  readonly chunk?: number;
  /** With `write`, the write locks the chunks' transactions take (SqlTransactionOptions). */
  readonly writes?: 'both';
  readonly table: string;
  readonly columns: readonly string[];
  /** The rows a leaf gives (none for one whose bytes do not decode). */
  readonly rowsOf: (leaf: BackfillLeaf) => (string | number)[][];
  /** Runs after a chunk's rows are written, in the chunk's transaction. */
  readonly afterChunk?: (rows: readonly (string | number)[][]) => Promise<void>;
  /** The progress line. */
  readonly message: string;
}

/**
 * Writes `backfill.table` from the leaves below its end key, chunk by chunk (at most
 * `backfill.chunk` leaves of its payload types, or {@link BACKFILL_SPAN} leaves), each chunk with
 * its progress in one write transaction: an interrupted backfill resumes, and two processes
 * opening the archive at once never write a row twice. Payloads that retention erased before
 * can no longer be read, so they give no rows. Resolves to the number of rows written.
 */
async function runBackfill(db: SqlDb, backfill: Backfill, logger?: Logger): Promise<number> {
  const types = backfill.payloadTypes;
  // Along the leaf index: the type is compared as an expression, which no index serves, so
  // that neither engine reads every leaf of the types through their index and sorts them.
  const leaves = `SELECT message_id, sender, payload_type, exercise, leaf_index, envelope FROM messages
    WHERE leaf_index >= ? AND leaf_index < ? AND payload_erased_at IS NULL
      AND (payload_type || '') IN (${marks(types.length)}) ORDER BY leaf_index LIMIT ?`;
  const limit = backfill.chunk ?? BACKFILL_CHUNK;
  let written = 0;
  let reported = 0;
  for (;;) {
    const step = await db.transaction(
      async () => {
        const state = await db.all<{ key: string; value: number }>(SQL.state, [backfill.nextKey, backfill.endKey]);
        const next = state.find((s) => s.key === backfill.nextKey)?.value ?? 0;
        const end = state.find((s) => s.key === backfill.endKey)?.value ?? 0;
        if (next >= end) return undefined;
        const span = Math.min(end, next + BACKFILL_SPAN);
        const read = await db.all<BackfillLeaf>(leaves, [next, span, ...types, limit]);
        // A full chunk ends after its last leaf; a shorter one read every leaf of the span.
        const to = read.length === limit ? read[read.length - 1]!.leaf_index + 1 : span;
        const rows = read.flatMap(backfill.rowsOf);
        await insertRows(db, backfill.table, backfill.columns, rows, ' ON CONFLICT DO NOTHING');
        await backfill.afterChunk?.(rows);
        await db.run(SQL.setState, [to, backfill.nextKey]);
        return { to, end, rows: rows.length };
      },
      backfill.writes === undefined ? { write: true } : { write: true, writes: backfill.writes },
    );
    if (step === undefined) break;
    written += step.rows;
    if (step.to === step.end || Date.now() - reported >= 1_000) {
      reported = Date.now();
      logger?.info({ read: step.to, of: step.end, rows: written }, backfill.message);
    }
  }
  return written;
}

/**
 * Indexes the records of an archive written before the index existed (the leaves below
 * `record_index_end`, which migration 7 set to the log's size). Resolves to the number of
 * index rows written.
 */
export async function backfillRecordIndex(db: SqlDb, logger?: Logger): Promise<number> {
  return runBackfill(
    db,
    {
      nextKey: 'record_index_next',
      endKey: 'record_index_end',
      payloadTypes: VERSIONED_RECORD_TYPES,
      table: 'record_messages',
      columns: COLUMNS,
      rowsOf: (leaf) => {
        const key = recordKeyOf(leaf.payload_type, leaf.envelope);
        if (key === undefined) return [];
        return [[leaf.message_id, leaf.sender, key.recordId, leaf.exercise, key.version, leaf.leaf_index]];
      },
      message: 'record index: archived records indexed for withdrawals',
    },
    logger,
  );
}

/**
 * DataBankResults read per transaction by the quotes' backfill: an answer carries the
 * envelopes it quotes, up to the envelope limit (1 MiB by default), so a chunk stays well below
 * a gigabyte even if every answer in it is that large.
 */
const QUOTE_BACKFILL_CHUNK = 200;

/**
 * The copies quoted by the DataBankResults archived before the answerer recorded its quotes
 * (migration 20); the backfill reads the leaves below `quote_index_end`, which migration 21 set
 * to the log's size, so answers archived in between are read again and change nothing. For each
 * hit that carries a record's signed envelope: that version and the answer's recipient, so that
 * a withdrawal of the record reaches the member that searched. A withdrawal of a quoted record
 * archived after the quoted version, and so routed without the asker, is routed to it now (its
 * copy is put `pending`, which every running gateway publishes: InboxPublisher.routePending),
 * and if the data bank has applied that withdrawal already, the asker's purge is tracked as the
 * bank would have (see {@link trackLatePurges}); the chunks take the bank's write lock too.
 * Resolves to the number of quotes written.
 */
export async function backfillRecordQuotes(db: SqlDb, logger?: Logger): Promise<number> {
  const withdrawals = new WithdrawalsSeen();
  const late = { routed: 0, acknowledged: 0 };
  const written = await runBackfill(
    db,
    {
      nextKey: 'quote_index_next',
      endKey: 'quote_index_end',
      payloadTypes: [PayloadType.DataBankResult],
      chunk: QUOTE_BACKFILL_CHUNK,
      writes: 'both',
      table: 'record_quotes',
      columns: ['message_id', 'recipient', 'result_message_id'],
      rowsOf: (leaf) => quotesOf(leaf.message_id, leaf.envelope),
      afterChunk: async (rows) => {
        const chunk = await routeWithdrawalsToQuotes(
          db,
          await withdrawals.read(db),
          rows.map(([messageId, recipient]) => [String(messageId), String(recipient)]),
        );
        late.routed += chunk.routed;
        late.acknowledged += chunk.acknowledged;
      },
      message: 'record quotes: the copies earlier search answers quoted recorded for withdrawals',
    },
    logger,
  );
  if (late.routed > 0) {
    logger?.warn(
      { withdrawals: late.routed },
      'record quotes: withdrawals of records that earlier search answers quoted routed to the members that searched',
    );
  }
  if (late.acknowledged > 0) {
    logger?.warn(
      { purges: late.acknowledged },
      'record quotes: purges already acknowledged do not count versions their members also received in search answers; `atc-gateway databank rebuild` counts them again',
    );
  }
  return written;
}

/** The (quoted message id, recipient, result message id) rows of an archived DataBankResult; a hit whose envelope does not decode is skipped. */
function quotesOf(resultId: string, envelope: Uint8Array): string[][] {
  let recipients: string[];
  let hits: atc.v1.DataBankHit.$Properties[];
  try {
    const archived = atc.v1.Envelope.decode(envelope);
    // Read as archived, not by today's payload rules: the answer was accepted and sent.
    hits = atc.v1.DataBankResult.decode(archived.payload).hits;
    recipients = atc.v1.Header.decode(archived.header).recipients;
  } catch (e) {
    if (e instanceof Error) return [];
    throw e;
  }
  const quoted: string[] = [];
  for (const h of hits) {
    if (h.envelope === undefined || h.envelope === null || h.envelope.length === 0) continue;
    try {
      const messageId = atc.v1.Header.decode(atc.v1.Envelope.decode(h.envelope).header).messageId;
      if (messageId !== '') quoted.push(messageId);
    } catch (e) {
      if (!(e instanceof Error)) throw e;
    }
  }
  return recipients.flatMap((recipient) => quoted.map((messageId) => [messageId, recipient, resultId]));
}

/**
 * The archived RecordWithdrawals by record (`exercise/originator/recordId`), read once and then
 * only those archived since: a backfill's chunks would otherwise decode them all again each time.
 */
class WithdrawalsSeen {
  readonly #byRecord = new Map<string, ArchivedWithdrawal[]>();
  /** The log's size at the previous read; undefined before the first. */
  #readTo: number | undefined;

  /**
   * Reads the withdrawals archived since the last call (in the caller's transaction): the
   * first time through the index of payload types, then along the leaf index, from the log's
   * size at the previous call (only another replica's commits make it longer meanwhile).
   */
  async read(db: SqlDb): Promise<ReadonlyMap<string, readonly ArchivedWithdrawal[]>> {
    const size = (await db.get<{ value: number }>("SELECT value FROM gateway_state WHERE key = 'log_size'"))?.value;
    const to = size ?? 0;
    if (this.#readTo !== undefined && this.#readTo >= to) return this.#byRecord;
    const rows = await db.all<WithdrawalRow>(
      this.#readTo === undefined
        ? `SELECT ${WITHDRAWAL_COLUMNS} FROM messages
           WHERE payload_type = ? AND payload_erased_at IS NULL AND leaf_index >= ? AND leaf_index < ?`
        : `SELECT ${WITHDRAWAL_COLUMNS} FROM messages
           WHERE (payload_type || '') = ? AND payload_erased_at IS NULL AND leaf_index >= ? AND leaf_index < ?`,
      [PayloadType.RecordWithdrawal, this.#readTo ?? 0, to],
    );
    for (const w of withdrawalsOf(rows)) {
      const key = recordKey(w.exercise, w.originator, w.recordId);
      this.#byRecord.set(key, [...(this.#byRecord.get(key) ?? []), w]);
    }
    this.#readTo = to;
    return this.#byRecord;
  }
}

function recordKey(exercise: boolean, originator: string, recordId: string): string {
  return `${exercise ? 1 : 0}/${originator}/${recordId}`;
}

/**
 * Routes to each quote's recipient the withdrawals of its record archived after the quoted
 * version (`quotes`: [quoted message id, recipient] pairs), and tracks the purges the bank
 * already applied without it. Resolves to the number of copies put `pending`, and of purges
 * acknowledged already (left as they are).
 */
async function routeWithdrawalsToQuotes(
  db: SqlDb,
  withdrawals: ReadonlyMap<string, readonly ArchivedWithdrawal[]>,
  quotes: readonly (readonly [string, string])[],
): Promise<{ routed: number; acknowledged: number }> {
  if (quotes.length === 0 || withdrawals.size === 0) return { routed: 0, acknowledged: 0 };
  const versions: {
    message_id: string;
    originator: string;
    record_id: string;
    exercise: number;
    leaf_index: number;
  }[] = [];
  for (const ids of inLists([...new Set(quotes.map(([messageId]) => messageId))])) {
    versions.push(
      ...(await db.all<(typeof versions)[number]>(
        `SELECT message_id, originator, record_id, exercise, leaf_index FROM record_messages
         WHERE message_id IN (${marks(ids.length)})`,
        ids,
      )),
    );
  }
  const byId = new Map(versions.map((v) => [v.message_id, v]));
  const late: { readonly withdrawal: ArchivedWithdrawal; readonly member: string }[] = [];
  for (const [messageId, recipient] of quotes) {
    const version = byId.get(messageId);
    if (version === undefined || recipient === version.originator) continue;
    const ofRecord = withdrawals.get(recordKey(version.exercise === 1, version.originator, version.record_id)) ?? [];
    for (const w of ofRecord) if (w.leafIndex > version.leaf_index) late.push({ withdrawal: w, member: recipient });
  }
  const routed = await insertRows(
    db,
    'deliveries',
    ['message_id', 'recipient', 'state'],
    late.map((l) => [l.withdrawal.messageId, l.member, 'pending']),
    ' ON CONFLICT DO NOTHING',
  );
  return { routed, acknowledged: await trackLatePurges(db, late) };
}

/**
 * The purge of a member a withdrawal reached late, in the bank's own terms, when the bank
 * applied that withdrawal before (purge-projection.ts, applyWithdrawalPurges, which a bank
 * that applies it later runs itself): the versions the member holds from before the withdrawal,
 * routed at the withdrawal's archiving, `pending`. A purge the member has not acknowledged yet
 * takes the versions it now holds, as a rebuild of the bank gives. One it has acknowledged is
 * left as it is (a rebuild would check its acknowledgements against the versions it now holds);
 * resolves to the number of those whose versions differ. On SQLite the bank's file commits
 * after the archive's: a crash in between loses such a purge row (the copy is still routed),
 * which a rebuild of the bank restores.
 */
async function trackLatePurges(
  db: SqlDb,
  late: readonly { readonly withdrawal: ArchivedWithdrawal; readonly member: string }[],
): Promise<number> {
  let acknowledged = 0;
  for (const { withdrawal: w, member } of late) {
    const applied = await db.get('SELECT 1 AS one FROM databank_withdrawals WHERE message_id = ?', [w.messageId]);
    if (applied === undefined) continue;
    const held = await recordDeliveries(
      db,
      { originator: w.originator, recordId: w.recordId, exercise: w.exercise },
      w.leafIndex,
    );
    const versions = JSON.stringify(
      [...new Set(held.filter((d) => d.recipient === member).map((d) => d.version))].sort((a, b) => a - b),
    );
    if (versions === '[]') continue;
    const row = await db.get<{ state: string; versions: string }>(
      'SELECT state, versions FROM databank_purges WHERE withdrawal_message_id = ? AND member = ?',
      [w.messageId, member],
    );
    if (row === undefined) {
      await db.run(
        `INSERT INTO databank_purges (withdrawal_message_id, member, exercise, routed_at, versions, state)
         VALUES (?, ?, ?, ?, ?, 'pending')`,
        [w.messageId, member, w.exercise ? 1 : 0, w.archivedAt, versions],
      );
    } else if (row.state === 'pending' || row.state === 'not_held') {
      await db.run(
        "UPDATE databank_purges SET versions = ?, state = 'pending' WHERE withdrawal_message_id = ? AND member = ?",
        [versions, w.messageId, member],
      );
    } else if (row.versions !== versions) acknowledged += 1;
  }
  return acknowledged;
}
