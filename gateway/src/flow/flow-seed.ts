import { PayloadType, toIso } from '@atc/shared';
import { lastArchivedAt } from '../archive/last-archived.js';
import type { SqlDb, SqlValue } from '../db/sql-db.js';
import type { FlowEvent } from '../domain/flow-event.js';

/** Rows read per query while the archive is streamed. */
const PAGE = 2_000;

interface MessageRow {
  message_id: string;
  sender: string;
  archived_at: number;
  exercise: number;
  payload_type: string;
}

interface AcceptedRow extends MessageRow {
  recipients: string[];
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
  id: number;
  received_at: number;
  transport_sender: string | null;
  message_id: string | null;
  reason: string;
  exercise: number | null;
}

interface AnomalyRow {
  id: number;
  at: number;
  member: string;
  message_id: string;
}

/**
 * Reads a query page by page (keyset pagination): `query` gets the last row of the previous
 * page (or `undefined`) and returns the next page of at most {@link PAGE} rows.
 */
async function* paged<T>(query: (after: T | undefined) => Promise<T[]>): AsyncGenerator<T> {
  let after: T | undefined;
  for (;;) {
    const rows = await query(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1];
  }
}

/**
 * Where the next page starts: the range's lower bound moved up to the last row's time (so
 * that the index range starts there; with only an OR over (time, id) every page would walk
 * the range from its start again, quadratic in the rows of the day), and the condition
 * `(time, id) > (last.time, last.id)` within it. The first page: `since`, no condition.
 */
function after(
  time: string,
  id: string,
  since: number,
  last: readonly [number, SqlValue] | undefined,
): [number, string, SqlValue[]] {
  return last === undefined
    ? [since, '', []]
    : [Math.max(since, last[0]), ` AND (${time} > ? OR ${id} > ?)`, [last[0], last[1]]];
}

/**
 * The flow events the pipeline published for what the archive holds in [`since`, `until`),
 * rebuilt from its rows and streamed page by page (never all in memory): accepted records
 * with their recipients, DeliveryAcks with the delivery they confirmed, refusals and
 * sequence anomalies. Replays are not archived and do not appear. The gateway's own
 * envelopes (sender `gatewayId`) are not submissions and are left out.
 */
export async function* archivedFlowEvents(
  db: SqlDb,
  since: number,
  until: number,
  gatewayId: string,
): AsyncGenerator<FlowEvent> {
  // A page of messages, then their deliveries: a message's recipients never straddle pages.
  const accepted = paged<AcceptedRow>(async (last) => {
    const [from, cond, params] = after('archived_at', 'message_id', since, last && [last.archived_at, last.message_id]);
    const messages = await db.all<MessageRow>(
      `SELECT message_id, sender, archived_at, exercise, payload_type FROM messages
        WHERE archived_at >= ? AND archived_at < ? AND payload_type != ? AND sender != ?${cond}
        ORDER BY archived_at, message_id LIMIT ?`,
      [from, until, PayloadType.DeliveryAck, gatewayId, ...params, PAGE],
    );
    if (messages.length === 0) return [];
    const first = messages[0]!;
    const lastMessage = messages[messages.length - 1]!;
    const deliveries = await db.all<{ message_id: string; recipient: string }>(
      `SELECT d.message_id, d.recipient FROM deliveries d JOIN messages m ON m.message_id = d.message_id
        WHERE m.archived_at >= ? AND m.archived_at <= ?`,
      [first.archived_at, lastMessage.archived_at],
    );
    const recipients = new Map<string, string[]>();
    for (const d of deliveries) recipients.set(d.message_id, [...(recipients.get(d.message_id) ?? []), d.recipient]);
    return messages.map((m) => ({ ...m, recipients: (recipients.get(m.message_id) ?? []).sort() }));
  });
  for await (const row of accepted) {
    yield {
      kind: 'accepted',
      at: toIso(row.archived_at),
      messageId: row.message_id,
      sender: row.sender,
      recipients: row.recipients,
      payloadType: row.payload_type,
      exercise: row.exercise === 1,
    };
  }

  // Only the first ack of a delivery is linked from its delivery row; a repeated one is not.
  const acks = paged<AckRow>((last) => {
    const [from, cond, params] = after(
      'a.archived_at',
      'a.message_id',
      since,
      last && [last.archived_at, last.message_id],
    );
    return db.all<AckRow>(
      `SELECT a.message_id, a.sender, a.archived_at, a.exercise, d.message_id AS original_id, m.sender AS original_sender
         FROM messages a
         LEFT JOIN deliveries d ON d.ack_message_id = a.message_id
         LEFT JOIN messages m ON m.message_id = d.message_id
        WHERE a.archived_at >= ? AND a.archived_at < ? AND a.payload_type = ?${cond}
        ORDER BY a.archived_at, a.message_id LIMIT ?`,
      [from, until, PayloadType.DeliveryAck, ...params, PAGE],
    );
  });
  for await (const row of acks) {
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

  const refused = paged<RefusedRow>((last) =>
    db.all<RefusedRow>(
      `SELECT id, received_at, transport_sender, message_id, reason, exercise FROM quarantine
        WHERE received_at >= ? AND received_at < ? AND id > ? ORDER BY id LIMIT ?`,
      [since, until, last?.id ?? 0, PAGE],
    ),
  );
  for await (const row of refused) {
    yield {
      kind: 'rejected',
      at: toIso(row.received_at),
      messageId: row.message_id,
      sender: row.transport_sender,
      code: row.reason,
      // The namespace the pipeline recorded (exercise only after the signature verified); a
      // row from before migration 12 (NULL) counts as operational.
      exercise: row.exercise === 1,
    };
  }

  const anomalies = paged<AnomalyRow>((last) =>
    db.all<AnomalyRow>(
      'SELECT id, at, member, message_id FROM sequence_anomalies WHERE at >= ? AND at < ? AND id > ? ORDER BY id LIMIT ?',
      [since, until, last?.id ?? 0, PAGE],
    ),
  );
  for await (const row of anomalies) {
    yield { kind: 'sequence-anomaly', at: toIso(row.at), messageId: row.message_id, sender: row.member };
  }
}

/**
 * The time of each member's last submission the archive holds (accepted, or refused as
 * coming from its subject), for the members asked about.
 */
export async function archivedLastSeen(db: SqlDb, members: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const m of members) {
    const accepted = await lastArchivedAt(db, m);
    const refused = await db.get<{ t: number | null }>(
      'SELECT max(received_at) AS t FROM quarantine WHERE transport_sender = ?',
      [m],
    );
    const t = Math.max(accepted ?? -1, refused?.t ?? -1);
    if (t >= 0) out.set(m, t);
  }
  return out;
}
