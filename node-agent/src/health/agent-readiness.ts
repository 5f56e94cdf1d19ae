import type { NatsLinkWatch, StorageHealth } from '@atc/shared';
import type { ReadinessResult } from '@atc/shared/http';
import type { TrustStore } from '../inbox/trust-store.js';
import type { ClockWatch } from '../clock/clock-watch.js';
import type { Witness } from '../witness/witness.js';

/** One readiness check of the agent: a name and whether it currently holds (and, when not, why). */
export interface AgentReadinessCheck {
  readonly name: string;
  readonly check: () => ReadinessResult | Promise<ReadinessResult>;
}

/**
 * What `/readyz` asks: NATS connected, a trust list in force, the archive log checked without
 * alarm, the agent database taking writes, and the clock agreeing with the centre's.
 */
export function agentReadiness(parts: {
  readonly natsLink: Pick<NatsLinkWatch, 'state'>;
  readonly trust: Pick<TrustStore, 'trustList'>;
  readonly witness: Pick<Witness, 'healthy'>;
  readonly storage: Pick<StorageHealth, 'state'>;
  readonly clock: Pick<ClockWatch, 'state'>;
}): AgentReadinessCheck[] {
  const { natsLink, trust, witness, storage, clock } = parts;
  return [
    {
      name: 'nats',
      check: () => {
        const state = natsLink.state();
        return { ok: state.connected, reason: state.reason };
      },
    },
    { name: 'trust-list', check: () => trust.trustList !== undefined },
    { name: 'log', check: () => witness.healthy() },
    {
      name: 'storage',
      check: async () => {
        const state = await storage.state({ fresh: true });
        return { ok: state.writable, reason: state.reason };
      },
    },
    {
      name: 'clock',
      check: () => {
        const state = clock.state();
        return { ok: !state.skewed, reason: state.reason };
      },
    },
  ];
}
