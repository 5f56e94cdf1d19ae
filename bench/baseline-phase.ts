import type { BaselineInput, BaselineReport } from './baseline-consumer.js';
import type { BenchContext } from './bench-context.js';
import { drainCopy, type DrainInput } from './copy-drain.js';
import { BASELINE_COPY } from './gateway-phase.js';
import type { SteadyRate } from './steady-rate.js';

/** How the baseline was measured, said in the output. */
export const BASELINE_METHOD =
  'backlog drain of the same envelopes on the same nats-server: a hand-written JetStream pull consumer (consume, batches of 1,000) that decodes, verifies the Ed25519 signature with node:crypto on its main thread, and acks';

/** What the baseline phase measured. */
export interface BaselinePhaseResult {
  readonly method: string;
  readonly messages: number;
  /** False when the drain limit ended the measurement before the backlog was empty. */
  readonly drainedAll: boolean;
  readonly rate: SteadyRate;
  readonly invalid: number;
  readonly peakRssMb: number;
  readonly cpuMsPerMessage: number;
  /** nats-server's CPU time per message over the same drain, ms; null when not measured. */
  readonly natsCpuMsPerMessage: number | null;
}

/** Drains the baseline's stream (filled by the gateway phase) with the hand-written consumer. */
export async function runBaselinePhase(ctx: BenchContext): Promise<BaselinePhaseResult> {
  const { last, ...drain } = await drainCopy<BaselineReport>(ctx, {
    phase: 'baseline',
    script: 'baseline-consumer.ts',
    copy: BASELINE_COPY,
    input: {
      keys: [...ctx.federation.memberKeys.values()].map((k) => ({ kid: k.kid, publicJwk: { ...k.publicJwk } })),
    } satisfies Omit<BaselineInput, keyof DrainInput>,
  });
  return { method: BASELINE_METHOD, ...drain, invalid: last.invalid };
}
