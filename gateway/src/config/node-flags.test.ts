import { getHeapStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_FLAGS, heapLimitWarning } from './node-flags.js';

const MIB = 2 ** 20;

describe('heapLimitWarning', () => {
  it("warns when the heap limit is V8's default, naming the flags to start node with", () => {
    const warning = heapLimitWarning(4144 * MIB);
    expect(warning).toContain('4144 MiB');
    // tests/src/federation/start.test.ts looks for these words in the demo gateway's log.
    expect(warning).toContain('heap limit');
    expect(warning).toContain('--max-old-space-size=512');
  });

  it('says nothing when a limit was set', () => {
    // What --max-old-space-size=512 gives: the old generation plus the young one.
    expect(heapLimitWarning(560 * MIB)).toBeUndefined();
    expect(heapLimitWarning(2048 * MIB)).toBeUndefined();
  });

  it("the flags' limit is one the warning accepts, and this process's own limit is read by default", () => {
    const oldSpaceMb = Number(/^--max-old-space-size=(\d+)$/.exec(GATEWAY_NODE_FLAGS[0])?.[1]);
    expect(oldSpaceMb).toBeGreaterThan(0);
    // V8 adds the young generation (at most 3 x 16 MiB semi-spaces) to the old one.
    expect(heapLimitWarning((oldSpaceMb + 48) * MIB)).toBeUndefined();
    expect(heapLimitWarning()).toBe(heapLimitWarning(getHeapStatistics().heap_size_limit));
  });
});
