import type { SqlDb } from '../db/sql-db.js';

/** A member's copies that outlived the inbox stream without a DeliveryAck. */
export interface ExpiredDeliveries {
  readonly member: string;
  readonly count: number;
  /** When the oldest of them was routed (Unix ms). */
  readonly oldestRoutedAt: number;
}

/**
 * Per recipient, the copies routed to its inbox longer ago than the inbox stream's max age
 * (ATC_INBOX_MAX_AGE) that its agent never confirmed with a DeliveryAck. JetStream has dropped
 * them from ATC_INBOX: the agent either stored them before (its national system has not taken
 * them yet) or never pulled them, and then only a resend brings them. The open copies are a
 * small partial index (deliveries_open, migration 10), so this stays cheap however big the
 * archive is.
 */
export async function expiredDeliveriesByMember(
  db: SqlDb,
  input: { readonly now: number; readonly inboxMaxAgeMs: number },
): Promise<ExpiredDeliveries[]> {
  const rows = await db.all<{ recipient: string; n: number | string; oldest: number | string }>(
    `SELECT recipient, COUNT(*) AS n, MIN(routed_at) AS oldest FROM deliveries
     WHERE state <> 'delivered' AND state = 'routed' AND routed_at < ?
     GROUP BY recipient ORDER BY recipient`,
    [input.now - input.inboxMaxAgeMs],
  );
  return rows.map((r) => ({ member: r.recipient, count: Number(r.n), oldestRoutedAt: Number(r.oldest) }));
}
