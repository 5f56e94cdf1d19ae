// Subjects through NATS: persons submitted by three members to a running gateway end up as one
// subject of the bank its projection builds; exercise traffic stays in its own namespace.
import { afterEach, describe, expect, it } from 'vitest';
import { DatabankSubjects, openArchiveDb, Registry, SqlArchiveReader, type SqlDb } from '@atc/gateway';
import { atc, PayloadType } from '@atc/shared';
import { fixtureRequest } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  startTestFederation,
  waitFor,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

const { NAME_PART_TYPE_FAMILY: FAMILY, NAME_PART_TYPE_GIVEN: GIVEN } = atc.v1.NamePartType;
const PASSPORT = { type: atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT, number: 'TEST0001', issuingCountry: 'KZ' };

/** The same fictitious person as each member writes it. */
const REPORTS = [
  { from: 'KZ', script: 'Cyrl', family: 'Тестов', given: 'Иван', exercise: false },
  { from: 'UZ', script: 'Latn', family: 'Testov', given: 'Ivan', exercise: false },
  { from: 'RU', script: 'Cyrl', family: 'Тестов', given: 'Иван', exercise: false },
  { from: 'BY', script: 'Latn', family: 'Testov', given: 'Ivan', exercise: true },
] as const;

describe.each(ARCHIVE_BACKENDS)('subjects in a running gateway on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let fed: TestFederation | undefined;
  let db: SqlDb | undefined;
  afterEach(async () => {
    await db?.close();
    await fed?.close();
    await location?.dispose();
  });

  it('links the person KZ, UZ and RU submit with one passport into one subject; exercise apart', async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, wire: true });
    let sequence = 0;
    for (const r of REPORTS) {
      const base = fixtureRequest(PayloadType.PersonRecord, ++sequence).payload;
      const m = makeMessage({
        from: r.from,
        to: [r.from === 'BY' ? 'KZ' : 'BY'],
        sequence,
        payload: {
          ...base,
          recordId: `${r.from}-P-1`,
          version: 1,
          names: [
            {
              script: r.script,
              parts: [
                { type: FAMILY, value: r.family },
                { type: GIVEN, value: r.given },
              ],
            },
          ],
          aliases: [],
          documents: [PASSPORT],
          nationalities: [r.from],
        },
        header: { exercise: r.exercise },
      });
      await fed.wire.submit(r.from, m.bytes, m.messageId);
    }

    db = await openArchiveDb(location.location);
    const subjects = new DatabankSubjects({ db, reader: new SqlArchiveReader(db), audit: new Registry(db) });
    const page = await waitFor(
      async () => {
        const p = await subjects.listSubjects();
        return p.subjects[0]?.records === 3 ? p : false;
      },
      { timeoutMs: 60_000, intervalMs: 100, message: 'one subject of three records' },
    );
    expect(page.subjects).toHaveLength(1);
    const subject = page.subjects[0]!;
    expect(subject.members.map((m) => m.member)).toEqual(['KZ', 'RU', 'UZ']);

    const dossier = await subjects.dossier(subject.subjectId);
    expect(dossier.dossier.map((r) => r.originator).sort()).toEqual(['KZ', 'RU', 'UZ']);
    for (const record of dossier.dossier) {
      expect(record.content).toMatchObject({
        recordId: `${record.originator}-P-1`,
        documents: [{ number: 'TEST0001' }],
      });
      expect(record.messageId).toMatch(/^[0-9a-f-]{36}$/);
    }

    const exercise = await waitFor(
      async () => {
        const p = await subjects.listSubjects({ exercise: true });
        return p.subjects.length === 1 ? p : false;
      },
      { timeoutMs: 30_000, intervalMs: 100, message: 'the exercise subject' },
    );
    expect(exercise.subjects[0]).toMatchObject({ exercise: true, records: 1, members: [{ member: 'BY', records: 1 }] });
  }, 120_000);
});
