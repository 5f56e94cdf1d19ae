// The data bank's statements come in a few shapes whatever the records hold. On PostgreSQL a
// connection keeps every statement it prepared until it ends, in the server's memory: a statement
// text per list length (a record's tokens, its partners, a batch's rows) would pile up there
// for the life of the connection.
import { describe, expect, it } from 'vitest';
import { batchWrite, DatabankProjection, openArchive, type ArchivedMessageRow } from '@atc/gateway';
import { atc, generateKeyPair } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { searchPersonRow, typedName } from '../search/search-rows.js';

const MEMBERS = ['AZ', 'AM', 'BY', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'TM', 'UZ'];
const SYLLABLES = ['ka', 'ro', 'mi', 'te', 'su', 'na', 'lo', 'vi', 'de', 'zu'];

/** A fictitious family name of its own for each `n` (letters only). */
const family = (n: number): string =>
  `Uchebn${SYLLABLES[n % 10]}${SYLLABLES[Math.floor(n / 10) % 10]}${SYLLABLES[Math.floor(n / 100) % 10]}ov`;

/**
 * `count` persons: all namesakes of one fictitious man born the same day (each one read as the
 * partner of every later one: lists of every length up to `count`), the i-th with i % 23 aliases
 * of names of their own and i % 5 documents (token lists of every length).
 */
function variedPersons(count: number): ArchivedMessageRow[] {
  return Array.from({ length: count }, (_, i) =>
    searchPersonRow(MEMBERS[i % 10]!, i + 1, `${MEMBERS[i % 10]}-P-${i}`, 1, {
      names: [typedName('Latn', 'f:Testov g:Ivan p:Primerovich')],
      aliases: Array.from({ length: i % 23 }, (_, j) => typedName('Latn', `f:${family(i * 23 + j)} g:Ivan`)),
      dateOfBirth: { year: 1984, month: 5, day: 17 },
      sex: atc.v1.Sex.SEX_MALE,
      nationalities: ['KZ'],
      documents: Array.from({ length: i % 5 }, (_, d) => ({
        type: atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT,
        number: `N${i}X${d}`,
        issuingCountry: 'KZ',
      })),
    }),
  );
}

describe('the data bank on PostgreSQL', () => {
  const backend = ARCHIVE_BACKENDS.find((b) => b.name === 'postgres')!;

  it('prepares a few statements per connection however many tokens, partners and entries its lists carry', async () => {
    await using at = await backend.create();
    // One connection: every statement of the archive and the bank is prepared on it.
    const archive = await openArchive({
      location: { ...at.location, maxConnections: 1 },
      gatewayId: 'ATC',
      logOrigin: 'atc-exchange/test',
      key: generateKeyPair(),
      clock: () => FIXTURE_TIME + 1_000_000,
    });
    try {
      const rows = variedPersons(90);
      await archive.committer.commit(batchWrite({ messages: rows }));
      const projection = new DatabankProjection(archive.db, archive.reader);
      // Batches of 1 to 7 entries: the index's and the subjects' writes of every batch size.
      let applied = 0;
      for (let limit = 1; applied < rows.length; limit = (limit % 7) + 1) {
        const n = await projection.step(limit);
        expect(n).toBeGreaterThan(0);
        applied += n;
      }
      expect(applied).toBe(rows.length);
      // The linking read partners in lists of every length up to 89.
      const candidates = await archive.db.get<{ n: number }>(
        'SELECT count(*)::int AS n FROM databank_candidates WHERE exercise = 0',
      );
      expect(candidates!.n).toBeGreaterThan(500);
      const prepared = await archive.db.get<{ n: number }>('SELECT count(*)::int AS n FROM pg_prepared_statements');
      // Each statement at a few lengths (1, 2, 4, ... 256): 106 here. With a text per length: 580.
      expect(prepared!.n).toBeLessThan(150);
    } finally {
      await archive.close();
    }
  });
});
