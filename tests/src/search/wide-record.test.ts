// A PersonRecord may carry 100 names and 100 aliases (payload rules): linking one at those
// bounds, its month of birth unknown (every month read, 40 dates per token, thousands of token
// reads), runs in statements within SQLite's limit on parameters and does not stall the bank.
import { describe, expect, it } from 'vitest';
import { batchWrite, DatabankProjection } from '@atc/gateway';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';
import { searchPersonRow, typedName } from './search-rows.js';

const sqlite = ARCHIVE_BACKENDS.find((b) => b.name === 'sqlite') ?? ARCHIVE_BACKENDS[0]!;

/** A fictitious syllable name per number: distinct letters, so that each part is a token of its own. */
function syllables(n: number): string {
  const letters = 'bdfgklmnprstvz';
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor(i / letters.length)) out += `${letters[i % letters.length]!}a`;
  return `Te${out}`;
}

describe('linking a record with the most names a record may carry', () => {
  const open = bankArchives(sqlite);

  it('projects it and links its namesake, every token read in statements within the limits', async () => {
    const archive = await open();
    const names = Array.from({ length: 200 }, (_, i) => typedName('Latn', `f:${syllables(i)} g:Ivan`));
    const wide = searchPersonRow('KZ', 1, 'KZ-P-WIDE', 1, {
      names: names.slice(0, 100),
      aliases: names.slice(100),
      dateOfBirth: { year: 1980 },
    });
    const namesake = searchPersonRow('RU', 2, 'RU-P-NAMESAKE', 1, {
      names: [typedName('Latn', `f:${syllables(199)} g:Ivan`)],
      dateOfBirth: { year: 1980, month: 7 },
    });
    await archive.committer.commit(batchWrite({ messages: [wide, namesake] }));
    const projection = new DatabankProjection(archive.db, archive.reader);
    expect(await projection.catchUp()).toBe(2);
    const candidates = await archive.db.all<{ a_record_id: string; b_record_id: string }>(
      'SELECT a_record_id, b_record_id FROM databank_candidates',
    );
    expect(candidates).toEqual([{ a_record_id: 'KZ-P-WIDE', b_record_id: 'RU-P-NAMESAKE' }]);
  }, 120_000);
});
