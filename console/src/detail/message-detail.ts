/** A delivery of a message to one recipient, as GET /v1/messages/:id lists it. */
export interface DeliveryJson {
  readonly recipient: string;
  readonly state: 'pending' | 'routed' | 'delivered';
  readonly routedAt: string | null;
  readonly deliveredAt: string | null;
  readonly ackMessageId: string | null;
}

/** A receipt the gateway issued about a message. */
export interface ReceiptJson {
  readonly receiptId: string;
  readonly member: string;
  readonly status: string;
  /** The recipient it concerns; null for the archive's own receipt. */
  readonly recipient: string | null;
  readonly reason: string | null;
  readonly createdAt: string;
}

/** A message in the archive with its routing and receipts (GET /v1/messages/:id). */
export interface MessageDetailJson {
  readonly messageId: string;
  readonly sender: string;
  readonly payloadType: string;
  readonly createdAt: string;
  readonly archivedAt: string;
  readonly tlp: number;
  readonly urgency: number;
  readonly broadcast: boolean;
  readonly exercise: boolean;
  readonly correlationId: string | null;
  readonly inReplyTo: string | null;
  readonly senderSequence: number;
  readonly kid: string;
  readonly reviewBy?: number | null;
  readonly envelopeSha256: string;
  readonly size: number;
  readonly leafIndex: number | null;
  readonly payloadErasedAt: string | null;
  readonly deliveries: readonly DeliveryJson[];
  readonly receipts: readonly ReceiptJson[];
}

/** Receipts grouped by the recipient they concern (null: the archive's), each group oldest first. */
export function receiptsByRecipient(receipts: readonly ReceiptJson[]): [string | null, ReceiptJson[]][] {
  const groups = new Map<string | null, ReceiptJson[]>();
  for (const r of receipts) groups.set(r.recipient, [...(groups.get(r.recipient) ?? []), r]);
  for (const list of groups.values()) list.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return [...groups].sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a.localeCompare(b)));
}
