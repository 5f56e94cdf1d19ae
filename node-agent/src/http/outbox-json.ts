import type { OutboxMessage } from '../store/outbox-records.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A sent message as the integrator API shows it: lifecycle, receipts, delivery per recipient. */
export function outboxMessageJson(m: OutboxMessage, withDetail = true): Record<string, unknown> {
  return {
    messageId: m.messageId,
    sequence: m.sequence,
    payloadType: m.payloadType,
    recipients: m.recipients,
    broadcast: m.broadcast,
    status: m.status,
    reason: m.reasonCode === null ? null : { code: m.reasonCode, detail: m.reasonDetail },
    createdAt: iso(m.createdAt),
    publishedAt: iso(m.publishedAt),
    acceptedAt: iso(m.acceptedAt),
    attempts: m.attempts,
    lastError: m.lastError,
    // Set once the settled message's envelope, receipts and deliveries were pruned (ATC_OUTBOX_RETENTION).
    prunedAt: iso(m.prunedAt),
    ...(withDetail
      ? {
          deliveries: m.deliveries.map((d) => ({
            recipient: d.recipient,
            state: d.state,
            deliveredAt: iso(d.deliveredAt),
          })),
          receipts: m.receipts.map((r) => ({
            receiptId: r.receiptId,
            status: r.status,
            recipient: r.recipient,
            reasonCode: r.reasonCode,
            detail: r.detail,
            receivedAt: iso(r.receivedAt),
          })),
        }
      : {}),
  };
}
