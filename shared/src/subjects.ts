import { isMemberId } from './util/member-id.js';

/**
 * NATS subjects, streams, consumers and buckets of protocol v1 (DESIGN.md section 3).
 * Every other module takes these names from here; no subject string is written elsewhere.
 */
export const Subjects = {
  /** Prefix of every subject of this protocol version. */
  root: 'atc.v1',
  /** Wildcard over every member's submit subject (the ATC_SUBMIT stream's subjects). */
  submitAll: 'atc.v1.submit.*',
  /** Wildcard over every member's inbox subject (the ATC_INBOX stream's subjects). */
  inboxAll: 'atc.v1.inbox.*',
  /** Flow events of the gateway replicas (core NATS, live monitoring only). */
  events: 'atc.v1.events',
  /** Wildcard over every member's log service subject (witness requests). */
  logAll: 'atc.v1.log.*',
} as const;

/** Stream, consumer and bucket names. */
export const Streams = {
  /** Submissions from member agents. */
  submit: 'ATC_SUBMIT',
  /** Routed envelopes and receipts, one subject per member. */
  inbox: 'ATC_INBOX',
  /** Key-value bucket holding the signed trust list. */
  trustBucket: 'ATC_TRUST',
  /** Key of the signed trust list in the bucket. */
  trustKey: 'trustlist',
} as const;

function assertMember(member: string): string {
  if (!isMemberId(member)) throw new TypeError(`not a member id: ${JSON.stringify(member)}`);
  return member;
}

/** The subject a member's agent publishes submissions to. */
export function submitSubject(member: string): string {
  return `${Subjects.root}.submit.${assertMember(member)}`;
}

/** The subject the gateway publishes a member's routed envelopes and receipts to. */
export function inboxSubject(member: string): string {
  return `${Subjects.root}.inbox.${assertMember(member)}`;
}

/** The durable pull consumer of a member's inbox. */
export function inboxConsumer(member: string): string {
  return `inbox-${assertMember(member)}`;
}

/** The subject a member's agent sends log requests to (checkpoints, consistency proofs, cosignatures). */
export function logSubject(member: string): string {
  return `${Subjects.root}.log.${assertMember(member)}`;
}

/** The key name a member's agent cosigns the log's checkpoints under (C2SP tlog-cosignature). */
export function witnessKeyName(member: string): string {
  return `atc-exchange/witness/${assertMember(member)}`;
}

/**
 * The member a submit subject belongs to, or `undefined` when the subject is not a
 * well-formed submit subject. The gateway compares it with header.sender.
 */
export function memberOfSubmitSubject(subject: string): string | undefined {
  const prefix = `${Subjects.root}.submit.`;
  if (!subject.startsWith(prefix)) return undefined;
  const member = subject.slice(prefix.length);
  return isMemberId(member) ? member : undefined;
}

/** The message-id for JetStream de-duplication of one routed copy (`<message_id>:<R>`). */
export function inboxDedupeId(messageId: string, recipient: string): string {
  return `${messageId}:${assertMember(recipient)}`;
}

/**
 * The JetStream API subject through which a member pulls its inbox consumer. A member's
 * NATS user may publish here but may never create, inspect or delete consumers.
 */
export function inboxPullSubject(member: string): string {
  return `$JS.API.CONSUMER.MSG.NEXT.${Streams.inbox}.${inboxConsumer(member)}`;
}

/** Wildcard over the reply subjects of the messages a member pulled: its acks and naks go there. */
export function inboxAckSubjects(member: string): string {
  return `$JS.ACK.${Streams.inbox}.${inboxConsumer(member)}.>`;
}

/**
 * The JetStream direct-get subject answering with the latest signed trust list (nats-server
 * 2.9+, last message by subject). It names one key of one bucket, so a member allowed to
 * request it can read nothing else, and it needs no consumer.
 */
export const trustListGetSubject = `$JS.API.DIRECT.GET.KV_${Streams.trustBucket}.$KV.${Streams.trustBucket}.${Streams.trustKey}`;

/**
 * The inbox prefix (reply subjects) of a member's NATS connections. Its credentials may
 * subscribe below this prefix and nowhere else, so a member never listens on `_INBOX.>`.
 */
export function memberInboxPrefix(member: string): string {
  return `_INBOX_${assertMember(member)}`;
}
