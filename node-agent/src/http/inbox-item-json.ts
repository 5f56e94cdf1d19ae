import { webhookBody } from '../handover/handover-loop.js';
import type { InboxItem } from '../inbox/inbox-store.js';

/** An inbox item as the integrator API shows it: the webhook body with its hand-over state. */
export function inboxItemJson(item: InboxItem): Record<string, unknown> {
  return {
    ...webhookBody(item),
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
  },
} as const;
