import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { verifyConsistency, verifyInclusion } from '../index.js';
import { rootFromInclusionProof } from './verify-proof.js';

// Proof vectors of transparency-dev/merkle (see testdata/README.md): every file is a case.
const root = fileURLToPath(new URL('./testdata/', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? jsonFiles(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
    )
    .sort();
}

const b64 = (text: string | null): Buffer => Buffer.from(text ?? '', 'base64');
const proofOf = (proof: string[] | null): Buffer[] => (proof ?? []).map(b64);

interface InclusionCase {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyCase {
  size1: number;
  size2: number;
  root1: string | null;
  root2: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const inclusion = jsonFiles(join(root, 'inclusion')).map(
  (f) => [relative(root, f), JSON.parse(readFileSync(f, 'utf8')) as InclusionCase] as const,
);
const consistency = jsonFiles(join(root, 'consistency')).map(
  (f) => [relative(root, f), JSON.parse(readFileSync(f, 'utf8')) as ConsistencyCase] as const,
);

describe('transparency-dev/merkle proof vectors', () => {
  it('are all present (a missing folder must not pass silently)', () => {
    expect(inclusion).toHaveLength(98);
    expect(consistency).toHaveLength(98);
  });

  describe('inclusion', () => {
    it.each(inclusion)('%s', (_name, v) => {
      const leaf = b64(v.leafHash);
      const proof = proofOf(v.proof);
      expect(verifyInclusion(v.leafIdx, v.treeSize, leaf, proof, b64(v.root))).toBe(!v.wantErr);
      if (!v.wantErr) expect(rootFromInclusionProof(v.leafIdx, v.treeSize, leaf, proof)).toEqual(b64(v.root));
    });
  });

  describe('consistency', () => {
    it.each(consistency)('%s', (_name, v) => {
      expect(verifyConsistency(v.size1, v.size2, proofOf(v.proof), b64(v.root1), b64(v.root2))).toBe(!v.wantErr);
    });
  });
});
