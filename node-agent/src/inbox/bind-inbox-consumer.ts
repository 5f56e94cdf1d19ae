import {
  AckPolicy,
  DeliverPolicy,
  ReplayPolicy,
  type Consumer,
  type ConsumerInfo,
  type JetStreamClient,
} from '@nats-io/jetstream';
import { inboxConsumer, inboxSubject, Streams } from '@atc/shared';

/**
 * The member's durable inbox consumer `inbox-<MEMBER>`, bound without asking the server
 * about it. A member's NATS user may pull from its consumer and ack what it pulled, but may
 * not call `CONSUMER.INFO` (nor create consumers), so the consumer info is built here from
 * what the gateway provisions: a durable pull consumer with explicit acks. Consume it with
 * `bind: true`, so that the client never falls back to an info call either.
 */
export function bindInboxConsumer(js: JetStreamClient, member: string): Consumer {
  const name = inboxConsumer(member);
  const never = { consumer_seq: 0, stream_seq: 0, last_active: 0 };
  const info: ConsumerInfo = {
    stream_name: Streams.inbox,
    name,
    created: new Date(0).toISOString(),
    config: {
      durable_name: name,
      filter_subject: inboxSubject(member),
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
    },
    delivered: never,
    ack_floor: never,
    num_ack_pending: 0,
    num_redelivered: 0,
    num_waiting: 0,
    num_pending: 0,
    push_bound: false,
    pause_remaining: 0,
    ts: new Date(0).toISOString(),
  };
  return js.consumers.getConsumerFromInfo(info);
}
