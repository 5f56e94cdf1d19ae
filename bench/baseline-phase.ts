import type { BaselineInput, BaselineReport } from './baseline-consumer.js';
import type { BenchContext } from './bench-context.js';
import { publicKeyEntries } from './hand-verify.js';
import { drainCopy, type DrainFigures, type DrainInput } from './copy-drain.js';
import { BASELINE_COPY } from './gateway-phase.js';

/** How the baseline was measured, said in the output. */
export const BASELINE_METHOD =
  'backlog drain of the same envelopes on the same nats-server: a hand-written JetStream pull consumer (consume, batches of 1,000) that decodes, verifies the Ed25519 signature with node:crypto on its main thread, and acks';

/** What the baseline phase measured. */
export interface BaselinePhaseResult extends DrainFigures {
  readonly method: string;
  readonly invalid: number;
}

/** Drains the baseline's stream (filled by the gateway phase) with the hand-written consumer. */
export async function runBaselinePhase(ctx: BenchContext): Promise<BaselinePhaseResult> {
  const { last, ...drain } = await drainCopy<BaselineReport>(ctx, {
    phase: 'baseline',
    script: 'baseline-consumer.ts',
    copy: BASELINE_COPY,
    input: {
      keys: publicKeyEntries(ctx.federation.memberKeys.values()),
    } satisfies Omit<BaselineInput, keyof DrainInput>,
  });
  return { method: BASELINE_METHOD, ...drain, invalid: last.invalid };
}
