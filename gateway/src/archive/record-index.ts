import {
  atc,
  decodePayload,
  isRefusal,
  payloadKind,
  PayloadType,
  type Logger,
  type PayloadType as PayloadTypeName,
} from '@atc/shared';
import type { ArchivedMessageRow, BatchWrite, RecordKey } from '../domain/batch-write.js';
import { insertRows, marks } from '../db/insert-rows.js';
import type { SqlDb } from '../db/sql-db.js';

/**
 * Payload types the record index holds: every record a member sends under its own
 * (record_id, version), which a RecordWithdrawal may withdraw. A withdrawal's own record id
 * names the withdrawal, not a record it could be asked to erase, so it is left out; a data
 * bank query has no record id.
 */
export const INDEXED_RECORD_TYPES: readonly string[] = Object.values(PayloadType).filter(
  (t) => payloadKind(t) === 'record' && t !== PayloadType.RecordWithdrawal && t !== PayloadType.DataBankQuery,
);

/** One recipient's copy of one archived version of a record. */
export interface RecordDelivery {
  readonly recipient: string;
  readonly messageId: string;
  readonly version: number;
  readonly leafIndex: number;
}

/** The record id and version an archived envelope carries, or `undefined` for other types or bytes that do not decode. */
export function recordKeyOf(payloadType: string, envelope: Uint8Array): RecordKey | undefined {
  if (!INDEXED_RECORD_TYPES.includes(payloadType)) return undefined;
  try {
    const payload = decodePayload(payloadType as PayloadTypeName, atc.v1.Envelope.decode(envelope).payload) as {
      readonly recordId?: string;
      readonly version?: number;
    };
    return { recordId: payload.recordId ?? '', version: payload.version ?? 0 };
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
    if (!INDEXED_RECORD_TYPES.includes(m.payloadType)) return;
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
  leaves: `SELECT message_id, sender, payload_type, exercise, leaf_index, envelope FROM messages
    WHERE leaf_index >= ? AND leaf_index < ? AND payload_erased_at IS NULL ORDER BY leaf_index`,
  setNext: "UPDATE gateway_state SET value = ? WHERE key = 'record_index_next'",
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
  const withdrawn = new Set<string>();
  if (originators.length === 0) return withdrawn;
  const rows = await db.all<{ sender: string; envelope: Uint8Array }>(
    `SELECT sender, envelope FROM messages WHERE exercise = ? AND payload_type = ? AND payload_erased_at IS NULL
       AND sender IN (${marks(originators.length)})`,
    [exercise ? 1 : 0, PayloadType.RecordWithdrawal, ...originators],
  );
  for (const r of rows) {
    const recordId = withdrawalTargetOf(r.envelope);
    if (recordId !== undefined) withdrawn.add(`${r.sender}/${recordId}`);
  }
  return withdrawn;
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

/** Leaves indexed per transaction by {@link backfillRecordIndex}. */
const BACKFILL_CHUNK = 2_000;

/**
 * Indexes the records of an archive written before the index existed (the leaves below
 * `record_index_end`, which the migration set to the log's size), chunk by chunk, each chunk
 * with its progress in one write transaction: an interrupted backfill resumes, and two
 * processes opening the archive at once never index a leaf twice. Payloads that retention
 * erased before can no longer be read, so those versions stay out of the index. Resolves to
 * the number of index rows written.
 */
export async function backfillRecordIndex(db: SqlDb, logger?: Logger): Promise<number> {
  let written = 0;
  let reported = 0;
  for (;;) {
    const step = await db.transaction(
      async () => {
        const state = await db.all<{ key: string; value: number }>(SQL.state, [
          'record_index_next',
          'record_index_end',
        ]);
        const next = state.find((s) => s.key === 'record_index_next')?.value ?? 0;
        const end = state.find((s) => s.key === 'record_index_end')?.value ?? 0;
        if (next >= end) return undefined;
        const to = Math.min(end, next + BACKFILL_CHUNK);
        const rows = await db.all<{
          message_id: string;
          sender: string;
          payload_type: string;
          exercise: number;
          leaf_index: number;
          envelope: Uint8Array;
        }>(SQL.leaves, [next, to]);
        const index: (string | number)[][] = [];
        for (const row of rows) {
          const key = recordKeyOf(row.payload_type, row.envelope);
          if (key === undefined) continue;
          index.push([row.message_id, row.sender, key.recordId, row.exercise, key.version, row.leaf_index]);
        }
        await insertRows(db, 'record_messages', COLUMNS, index, ' ON CONFLICT DO NOTHING');
        await db.run(SQL.setNext, [to]);
        return { to, end, indexed: index.length };
      },
      { write: true },
    );
    if (step === undefined) break;
    written += step.indexed;
    if (step.to === step.end || Date.now() - reported >= 1_000) {
      reported = Date.now();
      logger?.info(
        { indexed: step.to, of: step.end, records: written },
        'record index: archived records indexed for withdrawals',
      );
    }
  }
  return written;
}
