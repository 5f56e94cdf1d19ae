/** One flow event per accepted, refused or delivered message, published on atc.v1.events. */
export interface FlowEvent {
  readonly kind: 'accepted' | 'rejected' | 'delivered' | 'replayed' | 'sequence-anomaly';
  readonly at: string;
  readonly messageId: string | null;
  readonly sender: string | null;
  readonly recipients?: readonly string[];
  readonly payloadType?: string;
  readonly code?: string;
  readonly detail?: string;
  readonly exercise?: boolean;
  readonly securityEvent?: boolean;
  /**
   * `delivered` only: the message the DeliveryAck confirms, its sender, and whether this
   * ack is the first for this recipient (a repeated ack is archived but delivers nothing new).
   */
  readonly delivery?: { readonly messageId: string; readonly sender: string; readonly first: boolean };
}
