import { atc, ErrorCode, fromTimestamp, RefusalCode } from '@atc/shared';
import type { ArchivedEnvelope, ArchiveReader } from '../archive/archive-reader.js';
import type { SqlDb } from '../db/sql-db.js';

/** Stable codes the purge tracking flags (kept in `databank_flags` with the PurgeAck). */
export const PurgeFlag = {
  /** A PurgeAck of a withdrawal the bank did not route to its sender (the pipeline refuses these; older archives). */
  PURGE_UNKNOWN: RefusalCode.REFERENCE_UNKNOWN,
  /** A PurgeAck naming another record than the withdrawal's, once the withdrawal's payload was erased. */
  PURGE_MISMATCH: RefusalCode.REFERENCE_MISMATCH,
  /** A PurgeAck whose versions leave out some the member received: the member's purge stays open. */
  PURGE_INCOMPLETE: ErrorCode.PURGE_INCOMPLETE,
} as const;

/** What a member's purge of a withdrawn record is at. */
export type PurgeState = 'pending' | 'incomplete' | 'purged' | 'not_held';

/** Records a flag on an archived envelope (the projection's own). */
export type Flagger = (envelope: ArchivedEnvelope, code: string, detail: string) => Promise<void>;

/**
 * Applies a RecordWithdrawal of its sender's own record to the purge tracking: the
 * withdrawal, and one purge row per member it was routed to (its routing rows), with the
 * versions of the record that member received before it (the archive's record index). A
 * member that received none has nothing to erase (`not_held`). Routed at = archived at, so
 * that a rebuild gives the same rows.
 */
export async function applyWithdrawalPurges(
  db: SqlDb,
  reader: ArchiveReader,
  envelope: ArchivedEnvelope,
  withdrawal: atc.v1.RecordWithdrawal,
): Promise<void> {
  const record = {
    originator: envelope.sender,
    recordId: withdrawal.target?.recordId ?? '',
    exercise: envelope.exercise,
  };
  const exercise = envelope.exercise ? 1 : 0;
  await db.run(
    `INSERT INTO databank_withdrawals (message_id, exercise, originator, record_id, reason, leaf_index, archived_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [
      envelope.messageId,
      exercise,
      record.originator,
      record.recordId,
      atc.v1.WithdrawalReason[withdrawal.reason] ?? String(withdrawal.reason),
      envelope.leafIndex,
      envelope.archivedAt,
    ],
  );
  const received = new Map<string, Set<number>>();
  for (const d of await reader.recordDeliveries(record, envelope.leafIndex)) {
    const versions = received.get(d.recipient) ?? new Set<number>();
    versions.add(d.version);
    received.set(d.recipient, versions);
  }
  for (const member of await reader.recipientsOf(envelope.messageId)) {
    const versions = [...(received.get(member) ?? [])].sort((a, b) => a - b);
    await db.run(
      `INSERT INTO databank_purges (withdrawal_message_id, member, exercise, routed_at, versions, state)
       VALUES (?, ?, ?, ?, ?, ?)`,
      [
        envelope.messageId,
        member,
        exercise,
        envelope.archivedAt,
        JSON.stringify(versions),
        versions.length === 0 ? 'not_held' : 'pending',
      ],
    );
  }
}

interface PurgeRow {
  state: PurgeState;
  versions: string;
  originator: string;
  record_id: string;
}

/**
 * Applies a PurgeAck to its sender's purge row: `purged` when its versions cover every
 * version the member received, else `incomplete` and flagged (the purge stays open, and
 * overdue in time, until an ack that covers them arrives). The first covering ack closes
 * the row; later ones change nothing. An ack of a purge the bank does not track, or naming
 * another record than the withdrawal's, is flagged and changes nothing.
 */
export async function applyPurgeAck(
  db: SqlDb,
  envelope: ArchivedEnvelope,
  ack: atc.v1.PurgeAck,
  flag: Flagger,
): Promise<void> {
  const row = await db.get<PurgeRow>(
    `SELECT p.state, p.versions, w.originator, w.record_id FROM databank_purges p
     JOIN databank_withdrawals w ON w.message_id = p.withdrawal_message_id
     WHERE p.withdrawal_message_id = ? AND p.member = ?`,
    [ack.withdrawalMessageId, envelope.sender],
  );
  if (row === undefined) {
    await flag(envelope, PurgeFlag.PURGE_UNKNOWN, `no purge of ${envelope.sender} for ${ack.withdrawalMessageId}`);
    return;
  }
  if (ack.originator !== row.originator || ack.recordId !== row.record_id) {
    await flag(
      envelope,
      PurgeFlag.PURGE_MISMATCH,
      `acks ${ack.originator}/${ack.recordId}, the withdrawal withdraws ${row.originator}/${row.record_id}`,
    );
    return;
  }
  if (row.state === 'purged') return;
  const acked = new Set(ack.versions);
  const missing = (JSON.parse(row.versions) as number[]).filter((v) => !acked.has(v));
  if (missing.length > 0) {
    await flag(envelope, PurgeFlag.PURGE_INCOMPLETE, `versions ${missing.join(', ')} received, not acknowledged`);
  }
  await db.run(
    `UPDATE databank_purges SET state = ?, ack_message_id = ?, acked_at = ?, erased_at = ?, erased_count = ?,
       acked_versions = ? WHERE withdrawal_message_id = ? AND member = ?`,
    [
      missing.length === 0 ? 'purged' : 'incomplete',
      envelope.messageId,
      envelope.archivedAt,
      fromTimestamp(ack.erasedAt) ?? envelope.archivedAt,
      ack.count,
      JSON.stringify([...acked].sort((a, b) => a - b)),
      ack.withdrawalMessageId,
      envelope.sender,
    ],
  );
}
