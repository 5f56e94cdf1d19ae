import type { AuditLog } from '../audit/audit-log.js';
import type { SqlDb } from '../db/sql-db.js';
import { AuditAction, type Actor } from '../registry/registry-types.js';

/** What {@link resendUnconfirmedCopies} does. */
export interface ResendRequest {
  readonly member: string;
  /** Copies routed at or after `now - olderThanMs` are left alone. */
  readonly olderThanMs: number;
  readonly now: number;
  readonly actor: Actor;
}

/**
 * Puts the copies routed to `member` longer than `olderThanMs` ago that it never confirmed
 * (no DeliveryAck) back to `pending`, and records who did it and why in the audit log, in one
 * transaction. Every running gateway publishes pending copies again (see
 * InboxPublisher.routePending): the member's agent takes those it lacks and drops, by message
 * id, those it already holds. Resolves with the number of copies put back.
 */
export async function resendUnconfirmedCopies(db: SqlDb, audit: AuditLog, request: ResendRequest): Promise<number> {
  const before = request.now - request.olderThanMs;
  return db.transaction(
    async () => {
      const count = await db.run(
        `UPDATE deliveries SET state = 'pending', routed_at = NULL
         WHERE recipient = ? AND state = 'routed' AND routed_at < ?`,
        [request.member, before],
      );
      await audit.append({
        actor: request.actor.who,
        role: request.actor.role,
        action: AuditAction.DELIVERIES_RESEND,
        subject: `member:${request.member}`,
        reason: request.actor.why,
        details: { copies: count, routedBefore: new Date(before).toISOString() },
      });
      return count;
    },
    { write: true },
  );
}
