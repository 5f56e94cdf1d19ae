import {
  atc,
  PayloadType,
  signEnvelope,
  toTimestamp,
  uuidv7,
  type HeaderInput,
  type KeyPair,
  type PayloadInput,
  type PayloadType as PayloadTypeName,
  type SignedEnvelope,
} from '@atc/shared';
import { fixtureKey, fixtureRequest } from '@atc/shared/testing';

/** What a test message is made of. */
export interface MessageSpec<T extends PayloadTypeName = PayloadTypeName> {
  readonly from: string;
  readonly to?: readonly string[];
  readonly broadcast?: boolean;
  readonly type?: T;
  readonly sequence: number;
  readonly createdAt?: number;
  readonly tlp?: atc.v1.TlpLevel;
  readonly key?: KeyPair;
  readonly header?: Partial<HeaderInput>;
  readonly payload?: PayloadInput<T>;
}

/** A signed, valid message from a fixture member (fresh id, created now unless told). */
export function makeMessage<T extends PayloadTypeName = 'atc.v1.PersonRecord'>(spec: MessageSpec<T>): SignedEnvelope {
  const type = (spec.type ?? PayloadType.PersonRecord) as T;
  const base = fixtureRequest(type, spec.sequence);
  const payload = spec.payload ?? base.payload;
  // An ack answers the message it acknowledges (a DeliveryAck) or the withdrawal it confirms
  // (a PurgeAck), unless the test says otherwise.
  const answered =
    type === PayloadType.DeliveryAck
      ? (payload as { messageId?: string }).messageId
      : type === PayloadType.PurgeAck
        ? (payload as { withdrawalMessageId?: string }).withdrawalMessageId
        : undefined;
  const header: HeaderInput = {
    ...base.header,
    messageId: uuidv7(),
    sender: spec.from,
    recipients: spec.broadcast === true ? [] : [...(spec.to ?? [])],
    broadcast: spec.broadcast ?? false,
    createdAt: toTimestamp(spec.createdAt ?? Date.now()),
    senderSequence: spec.sequence,
    handling: { tlp: spec.tlp ?? atc.v1.TlpLevel.TLP_LEVEL_AMBER },
    ...(answered === undefined ? {} : { inReplyTo: answered }),
    ...spec.header,
  };
  return signEnvelope(spec.key ?? fixtureKey(spec.from), {
    header,
    payloadType: type,
    payload,
  });
}
