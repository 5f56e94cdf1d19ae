import type { JetStreamManager } from '@nats-io/jetstream';
import { storageFailureOf, Streams, type NatsLinkWatch, type StorageHealth } from '@atc/shared';
import type { SqlDb } from '../db/sql-db.js';

/** One readiness check of the gateway: a name, and whether it holds (and when not, why). */
export interface GatewayReadinessCheck {
  readonly name: string;
  check(): Promise<boolean | { readonly ok: boolean; readonly reason?: string | undefined }> | boolean;
}

/**
 * What `/readyz` checks: NATS connected, the submit stream there, the archive answering a
 * write, and the pipeline's own writes going through (a full disk, or a commit that failed
 * for a storage reason and has not succeeded since, says not ready).
 */
export function gatewayReadiness(parts: {
  readonly natsLink: Pick<NatsLinkWatch, 'state'>;
  readonly jsm: JetStreamManager;
  readonly db: SqlDb;
  readonly storage: StorageHealth;
}): GatewayReadinessCheck[] {
  const { natsLink, jsm, db, storage } = parts;
  return [
    {
      name: 'nats',
      check: () => {
        const state = natsLink.state();
        return Promise.resolve({ ok: state.connected, reason: state.reason });
      },
    },
    {
      name: 'streams',
      // Cut off from NATS, asking would only wait for the request's timeout.
      check: async () =>
        natsLink.state().connected
          ? (await jsm.streams.info(Streams.submit)).config.name === Streams.submit
          : { ok: false, reason: 'not checked while NATS is out of reach' },
    },
    {
      name: 'archive',
      check: async () => {
        try {
          await db.run('UPDATE gateway_state SET value = value WHERE key = ?', ['registry_version']);
          return true;
        } catch (e) {
          // Say why, so that an operator tells a database that is down from one that refuses writes.
          const failure = storageFailureOf(e);
          if (failure === undefined) throw e;
          return { ok: false, reason: `the archive does not answer a write (${failure.code}: ${failure.detail})` };
        }
      },
    },
    {
      name: 'archive-writes',
      check: async () => {
        const state = await storage.state({ fresh: true });
        return { ok: state.writable, reason: state.reason };
      },
    },
  ];
}
