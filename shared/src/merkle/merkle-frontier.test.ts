import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AtcError, EMPTY_TREE_ROOT, leafHash, MerkleFrontier, nodeKey, type NodeId } from '../index.js';
import { nodeHash } from './merkle-hash.js';

const leaves = (seed: number, n: number): Buffer[] =>
  Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`${seed}:${i}`)));
const hex = (hashes: readonly Uint8Array[]): string[] => hashes.map((h) => Buffer.from(h).toString('hex'));

/** Every perfect subtree of the first n leaves, hashed bottom-up by levels, keyed "level/index". */
function perfectNodes(hashes: readonly Buffer[]): Map<string, Buffer> {
  const map = new Map<string, Buffer>();
  let level = 0;
  let row = [...hashes];
  while (row.length > 0) {
    row.forEach((h, i) => map.set(`${level}/${i}`, h));
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < row.length; i += 2) next.push(nodeHash(row[i]!, row[i + 1]!));
    row = next;
    level++;
  }
  return map;
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(AtcError);
    return (e as AtcError).code;
  }
  return undefined;
}

describe('MerkleFrontier', () => {
  it('starts empty with the empty tree root', () => {
    const f = new MerkleFrontier();
    expect(f.size).toBe(0);
    expect(f.nodes()).toEqual([]);
    expect(f.root().equals(createHash('sha256').digest())).toBe(true);
    expect(f.root().equals(EMPTY_TREE_ROOT)).toBe(true);
  });

  it('reports exactly the perfect subtrees each append completes, with their hashes', () => {
    const hashes = leaves(1, 300);
    const all = perfectNodes(hashes);
    const f = new MerkleFrontier();
    const reported = new Map<string, string>();
    hashes.forEach((leaf, i) => {
      const completed = f.append(leaf);
      // The perfect subtrees whose last leaf is i: (0, i), then each parent while i + 1 is a multiple of 2^level.
      const expected: string[] = [];
      for (let level = 0; (i + 1) % 2 ** level === 0; level++) expected.push(`${level}/${(i + 1) / 2 ** level - 1}`);
      expect(completed.map(({ id }) => nodeKey(id))).toEqual(expected);
      for (const { id, hash } of completed) {
        expect(hash.toString('hex')).toBe(all.get(nodeKey(id))!.toString('hex'));
        reported.set(nodeKey(id), hash.toString('hex'));
      }
    });
    // Over the whole run every perfect subtree was reported once.
    expect([...reported.keys()].sort()).toEqual([...all.keys()].sort());
  });

  it('restored from stored nodes, continues exactly like the original', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 100 }),
        fc.integer(),
        (size, more, seed) => {
          const hashes = leaves(seed, size + more);
          const original = new MerkleFrontier();
          const stored = new Map<string, Buffer>();
          for (const leaf of hashes.slice(0, size)) {
            for (const { id, hash } of original.append(leaf)) stored.set(nodeKey(id), hash);
          }
          // What a gateway does at start-up: read the frontier's nodes from its node table.
          const ids: NodeId[] = MerkleFrontier.frontierIds(size);
          const restored = new MerkleFrontier(
            size,
            ids.map((id) => stored.get(nodeKey(id))!),
          );
          expect(hex(restored.nodes())).toEqual(hex(original.nodes()));
          const fromNodes = new MerkleFrontier(size, original.nodes());
          for (const leaf of hashes.slice(size)) {
            const a = original.append(leaf);
            const b = restored.append(leaf);
            const c = fromNodes.append(leaf);
            expect(b.map(({ id }) => nodeKey(id))).toEqual(a.map(({ id }) => nodeKey(id)));
            expect(hex(b.map(({ hash }) => hash))).toEqual(hex(a.map(({ hash }) => hash)));
            expect(hex(c.map(({ hash }) => hash))).toEqual(hex(a.map(({ hash }) => hash)));
            expect(restored.root().equals(original.root())).toBe(true);
          }
          expect(restored.size).toBe(size + more);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('clones are independent, and callers cannot change the tree through returned bytes', () => {
    const hashes = leaves(2, 7);
    const f = new MerkleFrontier();
    hashes.slice(0, 5).forEach((h) => f.append(h));
    const rootAt5 = f.root();
    const copy = f.clone();
    f.append(hashes[5]!);
    expect(copy.size).toBe(5);
    expect(copy.root().equals(rootAt5)).toBe(true);

    const input = Buffer.from(hashes[5]!);
    const completed = copy.append(input);
    input.fill(0);
    completed.forEach(({ hash }) => hash.fill(0));
    copy.nodes().forEach((h) => h.fill(0));
    expect(copy.root().equals(f.root())).toBe(true);
  });

  it('refuses inputs that cannot be a tree, with stable codes', () => {
    expect(codeOf(() => new MerkleFrontier(-1, []))).toBe('ERR_LOG_RANGE');
    expect(codeOf(() => new MerkleFrontier(1.5, []))).toBe('ERR_LOG_RANGE');
    expect(codeOf(() => new MerkleFrontier(2 ** 53, []))).toBe('ERR_LOG_RANGE');
    expect(codeOf(() => new MerkleFrontier(3, [leafHash(Buffer.from('a'))]))).toBe('ERR_LOG_NODE_MISSING');
    expect(codeOf(() => new MerkleFrontier(1, [Buffer.alloc(31)]))).toBe('ERR_LOG_HASH_INVALID');
    const f = new MerkleFrontier();
    expect(codeOf(() => f.append(Buffer.from('entry bytes, not a hash')))).toBe('ERR_LOG_HASH_INVALID');
    expect(f.size).toBe(0);
    const full = new MerkleFrontier(
      Number.MAX_SAFE_INTEGER,
      MerkleFrontier.frontierIds(Number.MAX_SAFE_INTEGER).map(() => Buffer.alloc(32)),
    );
    expect(codeOf(() => full.append(Buffer.alloc(32)))).toBe('ERR_LOG_RANGE');
    expect(full.size).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('names the expected nodes when restored with the wrong number of them', () => {
    expect(() => new MerkleFrontier(5, [])).toThrow(/2\/0, 0\/4/);
  });
});
