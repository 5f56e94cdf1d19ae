import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DiscardPolicy, RetentionPolicy } from '@nats-io/jetstream';
import { Streams } from '@atc/shared';
import { BenchError, BenchErrorCode } from './bench-error.js';
import type { BenchContext } from './bench-context.js';
import { publicKeyEntries } from './hand-verify.js';
import { drainCopy, type DrainFigures, type DrainInput } from './copy-drain.js';
import type { FloorInput, FloorReport } from './floor-consumer.js';
import { FLOOR_COPY } from './gateway-phase.js';

/** Where the floor publishes its copies and receipts: stored as ATC_INBOX stores the gateway's. */
const FLOOR_OUT_STREAM = 'BENCH_FLOOR_OUT';
const FLOOR_OUT_PREFIX = 'bench.floor-out';
/** The gateway's default ATC_BATCH_SIZE. */
const FLOOR_BATCH = 256;

/** How the floor was measured, said in the output. */
export const FLOOR_METHOD =
  "backlog drain of the same envelopes on the same nats-server by a hand-written consumer doing only the steps no gateway design can leave out, on one thread: per batch of up to 256, decode, check the payload digest and the Ed25519 signature (node:crypto), SHA-256 and Merkle leaf of each envelope, one SQLite transaction with fsync (envelopes, the tree's completed nodes, one signed checkpoint, one signed receipt per envelope), then a copy to each recipient and the receipt to the sender published through JetStream into a file-stored stream (each acknowledged by the server), then the submissions acknowledged; no policy, idempotency look-up, data bank, metrics or events, and receipts without inclusion proofs";

/** What the floor phase measured (nats-server's CPU, here, is storing the copies and receipts). */
export interface FloorPhaseResult extends DrainFigures {
  readonly method: string;
  /**
   * The most messages per second this machine's cores could carry through the unavoidable
   * steps, were every core busy with them and nothing else: cores / (the floor's CPU per
   * message + nats-server's); null when the server's share was not measured.
   */
  readonly ceilingPerSecond: number | null;
  /** Copies and receipts the server stored, per message archived. */
  readonly publishedPerMessage: number;
}

/**
 * The floor, a pipeline that does nothing but the unavoidable steps: drains the
 * floor's copy of the gateway phase's envelopes with {@link FLOOR_METHOD}, so that the
 * gateway's figures can be set beside what its unavoidable work costs on this machine.
 */
export async function runFloorPhase(ctx: BenchContext): Promise<FloorPhaseResult> {
  const inbox = await ctx.jsm.streams.info(Streams.inbox);
  await ctx.jsm.streams.add({
    name: FLOOR_OUT_STREAM,
    subjects: [`${FLOOR_OUT_PREFIX}.>`],
    retention: RetentionPolicy.Limits,
    storage: inbox.config.storage,
    num_replicas: inbox.config.num_replicas,
    duplicate_window: inbox.config.duplicate_window,
    max_msg_size: inbox.config.max_msg_size,
    discard: DiscardPolicy.New,
  });
  try {
    const { last, ...drain } = await drainCopy<FloorReport>(ctx, {
      phase: 'floor',
      script: 'floor-consumer.ts',
      copy: FLOOR_COPY,
      input: {
        keys: publicKeyEntries(ctx.federation.memberKeys.values()),
        gatewayJwk: { ...ctx.federation.gatewayKey.privateJwk },
        dbPath: join(ctx.workDir, 'floor-archive.db'),
        outSubjectPrefix: FLOOR_OUT_PREFIX,
        batchSize: FLOOR_BATCH,
      } satisfies Omit<FloorInput, keyof DrainInput>,
    });
    const stored = (await ctx.jsm.streams.info(FLOOR_OUT_STREAM)).state.messages;
    if (stored !== last.published) {
      throw new BenchError(
        BenchErrorCode.Stalled,
        `the floor published ${last.published} copies and receipts, but its stream holds ${stored}; see ${ctx.logDir}`,
      );
    }
    const perMessage = drain.natsCpuMsPerMessage === null ? null : drain.cpuMsPerMessage + drain.natsCpuMsPerMessage;
    return {
      method: FLOOR_METHOD,
      ...drain,
      ceilingPerSecond: perMessage === null || perMessage <= 0 ? null : (availableParallelism() * 1000) / perMessage,
      publishedPerMessage: last.done > 0 ? last.published / last.done : Number.NaN,
    };
  } finally {
    await ctx.jsm.streams.delete(FLOOR_OUT_STREAM);
  }
}
