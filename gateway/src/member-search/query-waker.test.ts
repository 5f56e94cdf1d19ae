import { describe, expect, it } from 'vitest';
import { PayloadType } from '@atc/shared';
import type { FlowEvent } from '../domain/flow-event.js';
import type { FeedEvent } from '../flow/flow-feed.js';
import { QueryWaker } from './query-waker.js';

/** A feed the test pushes events into, and a record of the runs in order. */
function world() {
  const listeners = new Set<(e: FeedEvent) => void>();
  const runs: string[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const runner = (name: string) => ({
    runNow: async () => {
      runs.push(name);
      if (hold && name === 'projector') await new Promise<void>((r) => (release = r));
    },
  });
  let seq = 0;
  return {
    runs,
    feed: {
      subscribe(l: (e: FeedEvent) => void) {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    projector: runner('projector'),
    answerer: runner('answerer'),
    emit(event: Partial<FlowEvent>) {
      const full: FlowEvent = {
        kind: 'accepted',
        at: new Date().toISOString(),
        messageId: null,
        sender: 'KZ',
        ...event,
      };
      for (const l of listeners) l({ seq: ++seq, event: full });
    },
    holdProjector() {
      hold = true;
    },
    releaseProjector() {
      hold = false;
      release?.();
    },
    listeners,
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('QueryWaker', () => {
  it('runs the projection then the answerer for an accepted query, and nothing for other events', async () => {
    const w = world();
    const waker = new QueryWaker(w);
    waker.start();
    w.emit({ payloadType: PayloadType.PersonRecord });
    w.emit({ kind: 'rejected', payloadType: PayloadType.DataBankQuery });
    await settle();
    expect(w.runs).toEqual([]);
    w.emit({ payloadType: PayloadType.DataBankQuery });
    await settle();
    expect(w.runs).toEqual(['projector', 'answerer']);
    await waker.stop();
    expect(w.listeners.size).toBe(0);
  });

  it('gives queries accepted during a run one more run together, not one each', async () => {
    const w = world();
    const waker = new QueryWaker(w);
    waker.start();
    w.holdProjector();
    w.emit({ payloadType: PayloadType.DataBankQuery });
    await settle();
    for (let i = 0; i < 5; i++) w.emit({ payloadType: PayloadType.DataBankQuery });
    w.releaseProjector();
    await settle();
    await settle();
    expect(w.runs).toEqual(['projector', 'answerer', 'projector', 'answerer']);
    await waker.stop();
  });
});
