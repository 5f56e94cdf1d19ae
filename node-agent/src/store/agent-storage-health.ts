import { dirname } from 'node:path';
import { StorageHealth, type Logger } from '@atc/shared';
import type { AgentMetrics } from '../metrics/agent-metrics.js';
import type { AgentDb } from './open-agent-database.js';

/**
 * The health of the agent database's storage: refused writes are counted, and a synced
 * write of one unchanging row is the probe that shows storage is back when no record comes
 * to show it.
 */
export function agentStorageHealth(deps: {
  readonly db: AgentDb;
  readonly databasePath: string;
  readonly maxEnvelopeBytes: number;
  readonly metrics: Pick<AgentMetrics, 'storageFailures'>;
  readonly logger: Logger;
}): StorageHealth {
  const { db, metrics, logger } = deps;
  return new StorageHealth({
    name: 'the agent database',
    folder: dirname(deps.databasePath),
    // Room for the largest record the agent signs, its outbox row and WAL frames.
    reserveBytes: 2 * deps.maxEnvelopeBytes,
    probe: () => {
      db.prepare("UPDATE agent_state SET value = value WHERE key = 'sender_sequence'").run();
    },
    onFailure: (failure) => {
      metrics.storageFailures.inc({ code: failure.code });
    },
    onRecovery: (downMs) => {
      logger.info({ downMs }, 'the agent database takes writes again');
    },
  });
}
