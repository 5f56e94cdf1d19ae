import { webhookBody } from '../handover/handover-loop.js';
import type { InboxItem, InboxStore } from '../inbox/inbox-store.js';
import { tombstoneSchema } from '../inbox/tombstone-json.js';

/**
 * An inbox item as the integrator API shows it: the webhook body with its hand-over state,
 * and for a RecordWithdrawal the tombstone it left (what the agent erased).
 */
export function inboxItemJson(item: InboxItem, inbox: Pick<InboxStore, 'withdrawals'>): Record<string, unknown> {
  return {
    ...webhookBody(item, inbox.withdrawals),
    seq: item.seq,
    state: item.state,
    attempts: item.attempts,
    lastError: item.lastError,
    deliveredAt: item.deliveredAt === null ? null : new Date(item.deliveredAt).toISOString(),
    channel: item.channel,
  };
}

const any = {} as const;
const openObject = { type: 'object', additionalProperties: true } as const;

/** Response schema of {@link inboxItemJson}: every property it has, the record and header as sent. */
export const inboxItemSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    sender: { type: 'string' },
    payloadType: { type: 'string' },
    receivedAt: { type: 'string' },
    exercise: { type: 'boolean' },
    verification: { type: 'string' },
    header: openObject,
    record: openObject,
    seq: { type: 'integer' },
    state: { type: 'string' },
    attempts: { type: 'integer' },
    lastError: any,
    deliveredAt: any,
    channel: any,
    tombstone: { ...tombstoneSchema, description: 'RecordWithdrawal items only: what the agent erased' },
  },
} as const;
