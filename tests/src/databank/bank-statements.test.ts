// The data bank's statements come in a few shapes whatever the records hold. On PostgreSQL a
// connection keeps every statement it prepared until it ends, in the server's memory: a statement
// text per list length (a record's tokens, its partners, a batch's rows) would pile up there
// for the life of the connection.
import { describe, expect, it } from 'vitest';
import { batchWrite, DatabankProjection, DatabankSubjects, openArchive, type ArchivedMessageRow } from '@atc/gateway';
import { atc, generateKeyPair } from '@atc/shared';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { searchPersonRow, typedName } from '../search/search-rows.js';
import { withdrawalRow } from './subject-rows.js';

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

/**
 * A statement's text with its lists and numbers collapsed (`$1, $2` and `($1, $2), ($3, $4)`
 * alike): the statements that differ only by the length of a list share a shape.
 */
function shapeOf(statement: string): string {
  return (
    statement
      .replace(/\s+/g, ' ')
      .replace(/\$\d+/g, '?')
      // A number written into the text (a page's LIMIT) is a list's length too.
      .replace(/\b\d+\b/g, 'N')
      .replace(/\(\?(?:, \?)*\)(?:, \(\?(?:, \?)*\))*/g, '(T)')
      .replace(/\?(?:, \?)+/g, 'L')
  );
}

describe('the data bank on PostgreSQL', () => {
  const backend = ARCHIVE_BACKENDS.find((b) => b.name === 'postgres')!;

  it('prepares a few statements per connection however many tokens, partners, entries and rows its lists carry', async () => {
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
      const persons = variedPersons(90);
      // Later versions with other aliases (tokens replaced), and withdrawals (profiles removed).
      const later = persons.slice(0, 30).map((_, i) =>
        searchPersonRow(MEMBERS[i % 10]!, 100 + i, `${MEMBERS[i % 10]}-P-${i}`, 2, {
          names: [typedName('Latn', 'f:Testov g:Ivan')],
          aliases: Array.from({ length: (i * 7) % 19 }, (_, j) =>
            typedName('Latn', `f:${family(5_000 + i * 19 + j)} g:Ivan`),
          ),
          dateOfBirth: { year: 1984, month: 5, day: 17 },
          sex: atc.v1.Sex.SEX_MALE,
        }),
      );
      // (Not AM's: these rows are addressed to AM.)
      const withdrawn = Array.from({ length: 15 }, (_, i) => 30 + i)
        .filter((i) => MEMBERS[i % 10] !== 'AM')
        .map((i) => withdrawalRow(MEMBERS[i % 10]!, 200 + i, `${MEMBERS[i % 10]}-P-${i}`));
      const rows = [...persons, ...later, ...withdrawn];
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
      // Pages of every size an operator may ask for.
      const subjects = new DatabankSubjects({ db: archive.db, reader: archive.reader, audit: archive.registry });
      for (let limit = 1; limit <= 40; limit++) {
        expect((await subjects.listSubjects({ limit })).subjects.length).toBeGreaterThan(0);
        expect((await subjects.candidates({ limit })).candidates.length).toBeGreaterThan(0);
      }
      const prepared = await archive.db.all<{ statement: string }>('SELECT statement FROM pg_prepared_statements');
      const byShape = new Map<string, number>();
      for (const { statement } of prepared) byShape.set(shapeOf(statement), (byShape.get(shapeOf(statement)) ?? 0) + 1);
      // Each shape at a few lengths (1, 2, 4 ... 256). With a text per length: 575 statements,
      // up to 89 of one shape; with a text per page size, 40 more of each listing.
      const crowded = [...byShape].filter(([, n]) => n > 9);
      expect(crowded).toEqual([]);
      expect(prepared.length).toBeLessThan(200);
    } finally {
      await archive.close();
    }
    // About 15 s on an idle 2-core machine; over 30 s beside another test file.
  }, 120_000);
});
