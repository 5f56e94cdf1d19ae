import { atc, PayloadType, toIso } from '@atc/shared';
import type { Db } from '../archive/open-database.js';
import type { FlowEvent } from '../pipeline/flow-event.js';

interface AcceptedRow {
  message_id: string;
  sender: string;
  archived_at: number;
  exercise: number;
  payload_type: string;
  recipient: string | null;
}

interface AckRow {
  message_id: string;
  sender: string;
  archived_at: number;
  exercise: number;
  original_id: string | null;
  original_sender: string | null;
}

interface RefusedRow {
  received_at: number;
  transport_sender: string | null;
  message_id: string | null;
  reason: string;
  head: Buffer;
}

interface AnomalyRow {
  at: number;
  member: string;
  message_id: string;
}

/** Whether a refused submission claimed to be exercise traffic, read as the pipeline reads it. */
function claimedExercise(head: Uint8Array): boolean {
  try {
    return atc.v1.Header.decode(atc.v1.Envelope.decode(head).header).exercise;
  } catch {
    return false;
  }
}

/**
 * The flow events the pipeline published for what the archive holds in [`since`, `until`),
 * rebuilt from its rows and streamed (never all in memory): accepted records with their
 * recipients, DeliveryAcks with the delivery they confirmed, refusals and sequence
 * anomalies. Replays are not archived and do not appear. The gateway's own envelopes
 * (sender `gatewayId`) are not submissions and are left out.
 */
export function* archivedFlowEvents(db: Db, since: number, until: number, gatewayId: string): Generator<FlowEvent> {
  const accepted = db
    .prepare<[number, number, string, string], AcceptedRow>(
      `SELECT m.message_id, m.sender, m.archived_at, m.exercise, m.payload_type, d.recipient
         FROM messages m LEFT JOIN deliveries d ON d.message_id = m.message_id
        WHERE m.archived_at >= ? AND m.archived_at < ? AND m.payload_type != ? AND m.sender != ?
        ORDER BY m.archived_at, m.message_id`,
    )
    .iterate(since, until, PayloadType.DeliveryAck, gatewayId);
  let pending: { row: AcceptedRow; recipients: string[] } | undefined;
  const acceptedEvent = (p: { row: AcceptedRow; recipients: string[] }): FlowEvent => ({
    kind: 'accepted',
    at: toIso(p.row.archived_at),
    messageId: p.row.message_id,
    sender: p.row.sender,
    recipients: p.recipients,
    payloadType: p.row.payload_type,
    exercise: p.row.exercise === 1,
  });
  for (const row of accepted) {
    if (pending !== undefined && pending.row.message_id !== row.message_id) {
      yield acceptedEvent(pending);
      pending = undefined;
    }
    pending ??= { row, recipients: [] };
    if (row.recipient !== null) pending.recipients.push(row.recipient);
  }
  if (pending !== undefined) yield acceptedEvent(pending);

  // Only the first ack of a delivery is linked from its delivery row; a repeated one is not.
  const acks = db
    .prepare<[number, number, string], AckRow>(
      `SELECT a.message_id, a.sender, a.archived_at, a.exercise, d.message_id AS original_id, m.sender AS original_sender
         FROM messages a
         LEFT JOIN deliveries d ON d.ack_message_id = a.message_id
         LEFT JOIN messages m ON m.message_id = d.message_id
        WHERE a.archived_at >= ? AND a.archived_at < ? AND a.payload_type = ?`,
    )
    .iterate(since, until, PayloadType.DeliveryAck);
  for (const row of acks) {
    yield {
      kind: 'delivered',
      at: toIso(row.archived_at),
      messageId: row.message_id,
      sender: row.sender,
      recipients: [row.sender],
      payloadType: PayloadType.DeliveryAck,
      exercise: row.exercise === 1,
      ...(row.original_id === null || row.original_sender === null
        ? { delivery: { messageId: '', sender: '', first: false } }
        : { delivery: { messageId: row.original_id, sender: row.original_sender, first: true } }),
    };
  }

  const refused = db
    .prepare<[number, number], RefusedRow>(
      `SELECT received_at, transport_sender, message_id, reason, head FROM quarantine
        WHERE received_at >= ? AND received_at < ?`,
    )
    .iterate(since, until);
  for (const row of refused) {
    yield {
      kind: 'rejected',
      at: toIso(row.received_at),
      messageId: row.message_id,
      sender: row.transport_sender,
      code: row.reason,
      exercise: claimedExercise(row.head),
    };
  }

  const anomalies = db
    .prepare<[number, number], AnomalyRow>(
      'SELECT at, member, message_id FROM sequence_anomalies WHERE at >= ? AND at < ?',
    )
    .iterate(since, until);
  for (const row of anomalies) {
    yield { kind: 'sequence-anomaly', at: toIso(row.at), messageId: row.message_id, sender: row.member };
  }
}

/**
 * The time of each member's last submission the archive holds (accepted, or refused as
 * coming from its subject), for the members asked about.
 */
export function archivedLastSeen(db: Db, members: readonly string[]): Map<string, number> {
  const accepted = db.prepare<[string], { t: number | null }>(
    'SELECT max(archived_at) AS t FROM messages WHERE sender = ?',
  );
  const refused = db.prepare<[string], { t: number | null }>(
    'SELECT max(received_at) AS t FROM quarantine WHERE transport_sender = ?',
  );
  const out = new Map<string, number>();
  for (const m of members) {
    const t = Math.max(accepted.get(m)?.t ?? -1, refused.get(m)?.t ?? -1);
    if (t >= 0) out.set(m, t);
  }
  return out;
}
