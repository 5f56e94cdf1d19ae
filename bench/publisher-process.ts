// A simulated group of members (forked by the gateway phase): signs realistic envelopes and
// publishes each to the members' submit subjects and, for the baseline, to a second stream.
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { keyPairFromJwk, submitSubject } from '@atc/shared';
import { helperInput, toParent } from './bench-service.js';
import { signPersonEnvelope } from './person-envelopes.js';
import { PublishPipeline } from './publish-pipeline.js';

/** What the parent asks a publisher process to do. */
export interface PublisherInput {
  readonly natsUrl: string;
  /** The members this process speaks for, with their private keys. */
  readonly members: readonly { readonly id: string; readonly privateJwk: unknown }[];
  /** Every member of the federation (possible recipients). */
  readonly federation: readonly string[];
  /** Envelopes per member; sender_sequence runs from `firstSequence`. */
  readonly perMember: number;
  readonly firstSequence: number;
  /** Also publish each envelope to `<prefix>.<member>` for each prefix (the baseline's and the floor's streams). */
  readonly copySubjectPrefixes: readonly string[];
  readonly inFlight: number;
  /** `publish`: publish as signed; `return`: only sign, and send the envelopes back for a paced run. */
  readonly mode: 'publish' | 'return';
  /** In `publish` mode, sign this many more per member and send them back unpublished. */
  readonly extraPerMember: number;
}

/** A signed envelope handed back in `return` mode. */
export interface ReturnedEnvelope {
  readonly member: string;
  readonly messageId: string;
  readonly recipients: readonly string[];
  readonly bytes: Uint8Array;
}

/** What a publisher process reports. */
export type PublisherReport =
  | { readonly kind: 'progress'; readonly envelopes: number }
  | { readonly kind: 'envelopes'; readonly items: readonly ReturnedEnvelope[] }
  | { readonly kind: 'done'; readonly envelopes: number; readonly bytes: number; readonly ms: number };

const input = await helperInput<PublisherInput>();
const nc = await connect({ servers: input.natsUrl, name: 'atc-bench-publisher' });
const pipeline = new PublishPipeline(jetstream(nc), input.inFlight);
const keys = input.members.map((m) => ({ id: m.id, key: keyPairFromJwk(m.privateJwk) }));
const started = performance.now();
let envelopes = 0;
let bytes = 0;
let batch: ReturnedEnvelope[] = [];
for (let i = 0; i < input.perMember + input.extraPerMember; i++) {
  // Members take turns, each in its own sequence order, as concurrent agents would.
  for (const { id, key } of keys) {
    const signed = signPersonEnvelope(key, id, input.firstSequence + i, input.federation);
    envelopes++;
    bytes += signed.bytes.length;
    if (input.mode === 'return' || i >= input.perMember) {
      batch.push({
        member: id,
        messageId: signed.messageId,
        recipients: signed.header.recipients,
        bytes: signed.bytes,
      });
      if (batch.length === 1_000) {
        await toParent({ kind: 'envelopes', items: batch } satisfies PublisherReport);
        batch = [];
      }
      continue;
    }
    await pipeline.publish(submitSubject(id), signed.bytes, signed.messageId);
    for (const prefix of input.copySubjectPrefixes) {
      await pipeline.publish(`${prefix}.${id}`, signed.bytes, signed.messageId);
    }
    if (envelopes % 2_000 === 0) await toParent({ kind: 'progress', envelopes } satisfies PublisherReport);
  }
}
if (batch.length > 0) await toParent({ kind: 'envelopes', items: batch } satisfies PublisherReport);
await pipeline.flush();
await toParent({ kind: 'done', envelopes, bytes, ms: performance.now() - started } satisfies PublisherReport);
await nc.drain();
process.disconnect();
