import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { inboxConsumer, inboxSubject, Streams, Subjects } from '@atc/shared';

/** The durable consumer through which gateway replicas share the submissions. */
export const GATEWAY_CONSUMER = 'gateway';

/**
 * How long a fetched submission may stay unacknowledged before JetStream redelivers it, unless
 * configured (ATC_SUBMIT_ACK_WAIT).
 */
export const SUBMIT_ACK_WAIT_MS = 15_000;

/** Lifetime of each pull request of the submit loop. */
export const SUBMIT_PULL_EXPIRES_MS = 5_000;

/** How long routed copies and receipts wait in ATC_INBOX for an offline member, unless configured. */
export const DEFAULT_INBOX_MAX_AGE_MS = 90 * 86_400_000;

/** Stream settings the gateway provisions. */
export interface ProvisionOptions {
  readonly replicas: number;
  readonly duplicateWindowMs: number;
  readonly maxEnvelopeBytes: number;
  /** Submissions older than this are dropped from ATC_SUBMIT (they would be refused anyway). */
  readonly acceptWindowMs: number;
  /**
   * How long routed copies and receipts wait in ATC_INBOX for an offline member
   * (ATC_INBOX_MAX_AGE); default {@link DEFAULT_INBOX_MAX_AGE_MS}.
   */
  readonly inboxMaxAgeMs?: number;
  /**
   * The ack wait of the gateway's consumer on ATC_SUBMIT (ATC_SUBMIT_ACK_WAIT); default
   * {@link SUBMIT_ACK_WAIT_MS}. The consumer is shared: the replica provisioning last sets it.
   */
  readonly submitAckWaitMs?: number;
}

function isNotFound(e: unknown): boolean {
  const text = String((e as { message?: unknown }).message ?? e);
  return /not found/i.test(text);
}

async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await jsm.streams.add(config);
    return;
  }
  await jsm.streams.update(config.name, config);
}

/**
 * Creates the consumer, or updates one that exists to `config` unless `update` is false (then
 * one that exists, made by another replica meanwhile too, is left as it is).
 */
async function ensureConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & { durable_name: string },
  update = true,
): Promise<void> {
  try {
    await jsm.consumers.info(stream, config.durable_name);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    try {
      await jsm.consumers.add(stream, config);
      return;
    } catch (added) {
      // Another replica created it between the two calls (a server that refuses a second add).
      if (!/already exists/i.test((added as Error).message)) throw added;
    }
  }
  if (update) await jsm.consumers.update(stream, config.durable_name, config);
}

/**
 * Creates or updates, idempotently, the streams ATC_SUBMIT and ATC_INBOX and the gateway's
 * durable consumer on ATC_SUBMIT. Works on nats-server 2.9 (no filter_subjects, no metadata).
 */
export async function provisionStreams(jsm: JetStreamManager, options: ProvisionOptions): Promise<void> {
  const common = {
    storage: StorageType.File,
    num_replicas: options.replicas,
    duplicate_window: nanos(options.duplicateWindowMs),
    // A NATS message holds the envelope plus headers; the gateway refuses oversize envelopes itself.
    max_msg_size: options.maxEnvelopeBytes + 64 * 1024,
    discard: DiscardPolicy.New,
  };
  await ensureStream(jsm, {
    name: Streams.submit,
    subjects: [Subjects.submitAll],
    // Each submission is deleted once the gateway has archived it and acknowledged.
    retention: RetentionPolicy.Workqueue,
    max_age: nanos(options.acceptWindowMs),
    ...common,
  });
  const inboxMaxAgeMs = options.inboxMaxAgeMs ?? DEFAULT_INBOX_MAX_AGE_MS;
  await ensureStream(jsm, {
    name: Streams.inbox,
    subjects: [Subjects.inboxAll],
    retention: RetentionPolicy.Limits,
    max_age: nanos(inboxMaxAgeMs),
    ...common,
    // JetStream refuses a de-duplication window longer than the stream's max age.
    duplicate_window: nanos(Math.min(options.duplicateWindowMs, inboxMaxAgeMs)),
  });
  await ensureConsumer(jsm, Streams.submit, {
    durable_name: GATEWAY_CONSUMER,
    filter_subject: Subjects.submitAll,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    // Messages a crashed replica held come back after this; pull requests of a dead client
    // live at most as long as the `expires` the loop asks for (see SUBMIT_PULL_EXPIRES_MS).
    ack_wait: nanos(options.submitAckWaitMs ?? SUBMIT_ACK_WAIT_MS),
    max_ack_pending: 20_000,
    max_deliver: -1,
  });
}

/** How long an inbox item handed to an agent waits for its acknowledgement by default (ATC_INBOX_ACK_WAIT). */
export const INBOX_ACK_WAIT_MS = 30_000;

/**
 * Creates the durable pull consumer `inbox-<MEMBER>` filtered to the member's inbox subject,
 * with an ack wait of `ackWaitMs`, or, with `update`, brings one that exists to these settings.
 * The member's agent only pulls from it; it can never create consumers.
 */
export async function provisionInboxConsumer(
  jsm: JetStreamManager,
  member: string,
  ackWaitMs: number = INBOX_ACK_WAIT_MS,
  update = true,
): Promise<void> {
  const config = {
    durable_name: inboxConsumer(member),
    filter_subject: inboxSubject(member),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(ackWaitMs),
    max_ack_pending: 1_000,
    max_deliver: -1,
  };
  await ensureConsumer(jsm, Streams.inbox, config, update);
}
