import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@atc/shared';
import { addToken, revokeToken } from './token-admin.js';
import { readTokenFile, tokenDigest, writeTokenFile } from './token-file.js';
import { TokenBook } from './token-book.js';

const dir = await mkdtemp(join(tmpdir(), 'atc-token-book-'));
const logger = createLogger({ name: 'atc-token-book-test', level: 'silent' });

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A token of the fixed test shape and its record (same length for every `n`). */
function token(n: number): { token: string; record: { name: string; role: 'operator'; sha256: string } } {
  const value = `atc_test-token-${String(n).padStart(4, '0')}`;
  return {
    token: value,
    record: { name: `op-${String(n).padStart(4, '0')}`, role: 'operator', sha256: tokenDigest(value).toString('hex') },
  };
}

describe('the gateway token book', () => {
  // File times are only as fine as the kernel's tick, so a file rewritten in place with the same
  // size right after it was read looks unchanged to its metadata: only its content tells.
  it('sees every rewrite of the file at its next check, also one of the same size in place', () => {
    const file = join(dir, 'tokens.json');
    const scratch = join(dir, 'next.json');
    let now = 1_000_000;
    for (let n = 0; n < 20; n++) {
      const first = token(2 * n);
      const second = token(2 * n + 1);
      writeTokenFile(file, [{ ...first.record, createdAt: 0, expiresAt: null }]);
      const book = new TokenBook(file, logger, () => now);
      expect(book.authenticate(`Bearer ${first.token}`).ok).toBe(true);
      // Same inode, same size, written at once: as two `tokens` edits within a millisecond can.
      writeTokenFile(scratch, [{ ...second.record, createdAt: 0, expiresAt: null }]);
      writeFileSync(file, readFileSync(scratch));
      expect(readTokenFile(file)[0]!.name).toBe(second.record.name);
      now += 1_000;
      expect(book.authenticate(`Bearer ${second.token}`)).toMatchObject({ ok: true });
      expect(book.authenticate(`Bearer ${first.token}`)).toMatchObject({ ok: false, reason: 'unknown' });
    }
  });

  it('accepts a token added a moment after it last looked at the file, without waiting for its next check', () => {
    const file = join(dir, 'added.json');
    let now = 2_000_000;
    const first = addToken(file, { name: 'first-operator', role: 'operator' }, now).token;
    const book = new TokenBook(file, logger, () => now);
    expect(book.authenticate(`Bearer ${first}`).ok).toBe(true);
    // The clock does not move: the book's periodic check is not due.
    const added = addToken(file, { name: 'added-operator', role: 'operator' }, now).token;
    expect(book.authenticate(`Bearer ${added}`)).toMatchObject({ ok: true, principal: { name: 'added-operator' } });
    expect(book.authenticate('Bearer atc_never-issued-token')).toMatchObject({ ok: false, reason: 'unknown' });
    // A revocation applies at the next check (at most 250 ms later).
    revokeToken(file, 'added-operator');
    now += 250;
    expect(book.authenticate(`Bearer ${added}`)).toMatchObject({ ok: false, reason: 'unknown' });
  });
});
