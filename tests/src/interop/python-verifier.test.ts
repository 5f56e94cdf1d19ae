// The Python reference verifier (interop/python/atc_verify.py) against every interop vector:
// an implementation in another language, with only the standard library and `cryptography`,
// reaches the same verdict and the same code as the TypeScript code on each one.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atc, encodeEnvelope, envelopeParts } from '@atc/shared';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(root, 'interop/python/atc_verify.py');
const vectors = join(root, 'proto/vectors');

function pythonProblem(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import cryptography.hazmat.primitives.asymmetric.ed25519'], {
    encoding: 'utf8',
  });
  if (probe.error !== undefined) return 'python3 is not installed (Debian: apt-get install python3)';
  if (probe.status !== 0)
    return 'the Python package cryptography is missing (Debian: apt-get install python3-cryptography)';
  return undefined;
}

const missing = pythonProblem();
if (missing !== undefined) console.warn(`skipping the Python reference verifier tests: ${missing}`);

interface Result {
  file: string;
  name: string;
  expect: string;
  got: string;
}

const run = (args: string[]) => spawnSync('python3', [script, ...args], { encoding: 'utf8', timeout: 60_000 });

describe.skipIf(missing !== undefined)('the Python reference verifier', () => {
  let results: Result[] = [];
  let status: number | null = null;

  beforeAll(() => {
    const out = run(['vectors', vectors]);
    status = out.status;
    results = out.stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Result);
  });

  it('checks every vector of every file', async () => {
    const count = async (name: string): Promise<number> => {
      const data = JSON.parse(await readFile(join(vectors, name), 'utf8')) as unknown[] | Record<string, unknown[]>;
      return Array.isArray(data) ? data.length : Object.values(data).reduce((n, list) => n + list.length, 0);
    };
    let total = 0;
    for (const name of ['envelopes.json', 'trust-lists.json', 'receipts.json', 'checkpoints.json', 'proofs.json']) {
      total += await count(name);
    }
    expect(results).toHaveLength(total);
    expect(new Set(results.map((r) => r.file.split(' ')[0]))).toEqual(
      new Set(['envelopes.json', 'trust-lists.json', 'receipts.json', 'checkpoints.json', 'proofs.json']),
    );
    // Positive and negative cases of each file.
    for (const file of new Set(results.map((r) => r.file))) {
      const mine = results.filter((r) => r.file === file);
      expect(mine.some((r) => r.expect === 'valid')).toBe(true);
      expect(mine.some((r) => r.expect !== 'valid')).toBe(true);
    }
  });

  it('gives each vector its expected result and code, and exits 0', () => {
    expect(results.filter((r) => r.got !== r.expect)).toEqual([]);
    expect(status).toBe(0);
  });

  describe('as a command on one envelope', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'atc-python-verify-'));
      const [valid] = JSON.parse(await readFile(join(vectors, 'envelopes.json'), 'utf8')) as {
        envelope_hex: string;
        public_jwk: unknown;
      }[];
      const bytes = Buffer.from(valid!.envelope_hex, 'hex');
      await writeFile(join(dir, 'good.bin'), bytes);
      const parts = envelopeParts(atc.v1.Envelope.decode(bytes));
      const payload = Buffer.from(parts.payload);
      payload[0] = payload[0]! ^ 0x01;
      await writeFile(join(dir, 'tampered.bin'), encodeEnvelope({ ...parts, payload }));
      await writeFile(join(dir, 'key.json'), JSON.stringify(valid!.public_jwk));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('accepts a valid envelope', () => {
      const out = run(['envelope', join(dir, 'good.bin'), join(dir, 'key.json')]);
      expect(out.stdout).toMatch(/^valid: atc\.v1\.PersonRecord .* from KZ/);
      expect(out.status).toBe(0);
    });

    it('refuses one with an altered payload with its code, exit status 1', () => {
      const out = run(['envelope', join(dir, 'tampered.bin'), join(dir, 'key.json')]);
      expect(out.stderr).toMatch(/^refused: ERR_PAYLOAD_DIGEST_MISMATCH: /);
      expect(out.status).toBe(1);
    });

    it('refuses an envelope whose sender does not own the key', () => {
      const out = run(['envelope', join(dir, 'good.bin'), join(dir, 'key.json'), 'BY']);
      expect(out.stderr).toContain('ERR_KEY_OWNER_MISMATCH');
      expect(out.status).toBe(1);
    });
  });
});
