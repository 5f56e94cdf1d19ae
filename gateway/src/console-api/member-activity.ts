import type { SqlDb } from '../db/sql-db.js';
import { lastArchivedAt } from '../archive/last-archived.js';

/** The latest sequence anomaly of a member (a gap or a regression in its sender_sequence). */
export interface AnomalyView {
  readonly messageId: string;
  readonly kind: 'gap' | 'regression';
  readonly expected: number;
  readonly got: number;
  /** Unix milliseconds. */
  readonly at: number;
}

/** What the archive says about a member's traffic. */
export interface MemberActivity {
  /** When the last message it sent was archived (Unix ms), or null when none was. */
  readonly lastArchivedAt: number | null;
  readonly anomalies: { readonly count: number; readonly latest: AnomalyView | null };
  /** The newest checkpoint its witness cosigned and when the cosignature arrived (Unix ms), or null. */
  readonly witness: { readonly treeSize: number; readonly receivedAt: number } | null;
}

interface AnomalyRow {
  message_id: string;
  kind: 'gap' | 'regression';
  expected: number;
  got: number;
  at: number;
}

function anomalyView(row: AnomalyRow): AnomalyView {
  return { messageId: row.message_id, kind: row.kind, expected: row.expected, got: row.got, at: row.at };
}

/**
 * A member's activity as the archive holds it: index lookups for the last archived message
 * (messages_sender_archived) and its witness's last cosignature (cosignatures_witness), and the
 * member's sequence anomalies (a small table).
 */
export async function memberActivity(db: SqlDb, member: string): Promise<MemberActivity> {
  const last = await lastArchivedAt(db, member);
  const count = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM sequence_anomalies WHERE member = ?', [member]);
  const latest = await db.get<AnomalyRow>(
    'SELECT message_id, kind, expected, got, at FROM sequence_anomalies WHERE member = ? ORDER BY id DESC LIMIT 1',
    [member],
  );
  const cosigned = await db.get<{ tree_size: number; received_at: number }>(
    'SELECT tree_size, received_at FROM cosignatures WHERE witness = ? ORDER BY tree_size DESC LIMIT 1',
    [member],
  );
  return {
    lastArchivedAt: last,
    witness: cosigned === undefined ? null : { treeSize: cosigned.tree_size, receivedAt: cosigned.received_at },
    anomalies: {
      count: count?.n ?? 0,
      latest: latest === undefined ? null : anomalyView(latest),
    },
  };
}

/** The newest tree size a witness cosigned, and the oldest checkpoint beyond it still waiting for its cosignature. */
export interface WitnessWait {
  /** Null when the witness never cosigned. */
  readonly cosignedSize: number | null;
  /** The oldest checkpoint signed beyond `cosignedSize`; undefined when the witness is up to date. */
  readonly waiting: { readonly treeSize: number; readonly createdAt: number } | undefined;
}

/**
 * What `witness` has cosigned and what waits for it (index cosignatures_witness, then the
 * checkpoints' primary key). With traffic the log signs a checkpoint per batch, so the age of
 * the oldest waiting checkpoint, not whether the latest is cosigned, says a witness is late.
 */
export async function witnessWait(db: SqlDb, witness: string): Promise<WitnessWait> {
  const cosigned = await db.get<{ size: number | null }>(
    'SELECT MAX(tree_size) AS size FROM cosignatures WHERE witness = ?',
    [witness],
  );
  const size = cosigned?.size ?? null;
  const waiting = await db.get<{ tree_size: number; created_at: number }>(
    'SELECT tree_size, created_at FROM checkpoints WHERE tree_size > ? ORDER BY tree_size LIMIT 1',
    [size ?? 0],
  );
  return {
    cosignedSize: size,
    waiting: waiting === undefined ? undefined : { treeSize: waiting.tree_size, createdAt: waiting.created_at },
  };
}

/** Sequence anomalies at or after `since` (Unix ms) per member: how many, the first and the latest. */
export async function recentAnomalies(
  db: SqlDb,
  since: number,
): Promise<{ member: string; count: number; first: number; latest: AnomalyView }[]> {
  const groups = await db.all<{ member: string; n: number; first: number; last_id: number }>(
    'SELECT member, COUNT(*) AS n, MIN(at) AS first, MAX(id) AS last_id FROM sequence_anomalies WHERE at >= ? ' +
      'GROUP BY member ORDER BY member',
    [since],
  );
  const out: { member: string; count: number; first: number; latest: AnomalyView }[] = [];
  for (const g of groups) {
    const row = await db.get<AnomalyRow>(
      'SELECT message_id, kind, expected, got, at FROM sequence_anomalies WHERE id = ?',
      [g.last_id],
    );
    if (row === undefined) continue;
    out.push({
      member: g.member,
      count: g.n,
      first: g.first,
      latest: anomalyView(row),
    });
  }
  return out;
}
