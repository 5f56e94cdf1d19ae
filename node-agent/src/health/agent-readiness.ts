import type { NatsConnection } from '@nats-io/transport-node';
import type { StorageHealth } from '@atc/shared';
import type { TrustStore } from '../inbox/trust-store.js';
import type { Witness } from '../witness/witness.js';

/** One readiness check of the agent: a name and whether it currently holds (and, when not, why). */
export interface AgentReadinessCheck {
  readonly name: string;
  readonly check: () => boolean | Promise<boolean | { readonly ok: boolean; readonly reason?: string | undefined }>;
}

/**
 * What `/readyz` asks: NATS connected, a trust list in force, the archive log checked without
 * alarm, and the agent database taking writes.
 */
export function agentReadiness(parts: {
  readonly nc: NatsConnection;
  readonly trust: Pick<TrustStore, 'trustList'>;
  readonly witness: Pick<Witness, 'healthy'>;
  readonly storage: Pick<StorageHealth, 'state'>;
}): AgentReadinessCheck[] {
  const { nc, trust, witness, storage } = parts;
  return [
    { name: 'nats', check: () => !nc.isClosed() && nc.info !== undefined },
    { name: 'trust-list', check: () => trust.trustList !== undefined },
    { name: 'log', check: () => witness.healthy() },
    {
      name: 'storage',
      check: async () => {
        const state = await storage.state();
        return { ok: state.writable, reason: state.reason };
      },
    },
  ];
}
