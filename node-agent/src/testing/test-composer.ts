// Test support, not part of the agent's build (tsconfig.json leaves `src/testing` out).
import { fixtureKey } from '@atc/shared/testing';
import { MessageComposer } from '../messages/message-composer.js';
import type { OutboxStore } from '../store/outbox-store.js';

/**
 * A {@link MessageComposer} for `member` (signing with its fixture key) that queues into
 * `store` at the fixed time `now`, towards gateway ATC, with a 1 MiB envelope bound and no
 * relay to wake.
 */
export function testComposer(store: OutboxStore, member: string, now: number): MessageComposer {
  return new MessageComposer({
    store,
    signer: fixtureKey(member),
    memberId: member,
    gatewayId: 'ATC',
    maxEnvelopeBytes: 1 << 20,
    clock: () => now,
    onQueued: () => undefined,
  });
}
