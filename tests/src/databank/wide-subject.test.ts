// A record lists at most 100 names, documents, countries... (payload rules), but an organisation
// still has one name key per name and country it operates in, 10,000 at the bounds: the subject
// linking writes and drops them in statements within both engines' limits on parameters (SQLite
// 32,766, PostgreSQL 65,535), so that one wide record cannot stall the bank (its batch would fail
// again on every retry). A record archived over the bounds is flagged. Both archive engines.
import { describe, expect, it } from 'vitest';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives, bankOn } from './bank-archives.js';
import { organizationRow, passport, personRow, withdrawalRow } from './subject-rows.js';

/** Two-letter codes AA, AB, ...: the payload rules check the form, not the list. */
const countries = (n: number) =>
  Array.from({ length: n }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26)));

describe.each(ARCHIVE_BACKENDS)('records with thousands of identifiers on $name', (backend) => {
  const openArchive = bankArchives(backend);
  const open = async () => bankOn(await openArchive());

  it('flags a person archived with 10,000 documents (before the lists were bounded) and goes on', async () => {
    const { archive, subjects, project } = await open();
    const documents = Array.from({ length: 10_000 }, (_, i) => passport(`TEST${String(i).padStart(5, '0')}`, 'KZ'));
    const wide = personRow('KZ', 1, 'KZ-P-WIDE', 1, { documents }, { unchecked: true });
    const shared = [passport('TEST00099', 'KZ')];
    const atBound = personRow('KZ', 2, 'KZ-P-100', 1, { documents: documents.slice(0, 100) });
    expect(await project([wide, atBound, personRow('RU', 3, 'RU-P-1', 1, { documents: shared })])).toBe(3);
    expect(await archive.db.all('SELECT message_id, code FROM databank_flags')).toEqual([
      { message_id: wide.messageId, code: 'ERR_PAYLOAD_MALFORMED' },
    ]);
    const listed = (await subjects.listSubjects()).subjects;
    expect(listed.map((s) => s.records)).toEqual([2]);
    const dossier = await subjects.dossier(listed[0]!.subjectId);
    expect(dossier.dossier.map((r) => r.recordId).sort()).toEqual(['KZ-P-100', 'RU-P-1']);
  }, 120_000);

  it('proposes an organisation with 100 names in 100 countries to one sharing a name and a country', async () => {
    const { subjects, project } = await open();
    const names = Array.from({ length: 100 }, (_, i) => `Testov Group ${i}`);
    expect(
      await project([
        organizationRow('KZ', 1, 'KZ-O-WIDE', names, countries(100)),
        organizationRow('RU', 2, 'RU-O-1', ['Testov Group 99'], ['DV']),
      ]),
    ).toBe(2);
    const candidates = (await subjects.candidates()).candidates;
    expect(candidates.map((c) => c.records.map((r) => r.recordId))).toEqual([['KZ-O-WIDE', 'RU-O-1']]);

    expect(await project([withdrawalRow('KZ', 3, 'KZ-O-WIDE')])).toBe(1);
    expect((await subjects.candidates()).candidates).toEqual([]);
    expect((await subjects.listSubjects()).subjects.map((s) => s.records)).toEqual([1]);
  }, 120_000);
});
