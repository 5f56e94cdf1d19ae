// Subjects: one person or organisation across members, linked by strong identifiers,
// proposed by the person search (name, date of birth, sex...), decided by operators (audited, reversible), and
// rebuilt from the archive with the same result. Both archive engines.
import { describe, expect, it } from 'vitest';
import { dumpDatabank, openArchiveDb } from '@atc/gateway';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS, holdTransaction } from '@atc/tests';
import { bankArchives, bankOn } from './bank-archives.js';
import { name, organizationRow, passport, personRow, withdrawalRow } from './subject-rows.js';

const operator = (why: string) => ({ who: 'cli:testov-operator', why });

describe.each(ARCHIVE_BACKENDS)('data bank subjects on $name', (backend) => {
  let clock = FIXTURE_TIME + 1_000_000;
  const openArchiveConnection = bankArchives(backend, () => ++clock);
  async function open() {
    const bank = bankOn(await openArchiveConnection());
    const { subjects } = bank;
    /** The subject of a record (operational unless said), through the public listing and dossiers. */
    const subjectOf = async (originator: string, recordId: string, exercise = false) => {
      for (const s of (await subjects.listSubjects({ exercise, limit: 500 })).subjects) {
        const d = await subjects.dossier(s.subjectId, { exercise });
        if (d.dossier.some((r) => r.originator === originator && r.recordId === recordId)) return s.subjectId;
      }
      return undefined;
    };
    return { ...bank, subjectOf };
  }

  it('links one person reported by KZ in Cyrillic, UZ in Latin and RU by a shared passport; exercise apart', async () => {
    const { subjects, project, projection } = await open();
    const shared = passport('TEST 0001', 'KZ');
    await project([
      personRow('KZ', 1, 'KZ-P-1', 1, { names: [name('Cyrl', 'Тестов', 'Иван')], documents: [shared] }),
      personRow('UZ', 2, 'UZ-P-1', 1, {
        names: [name('Latn', 'Testov', 'Ivan')],
        documents: [passport('TEST-0001', 'KZ')],
      }),
      personRow('RU', 3, 'RU-P-1', 1, {
        names: [name('Cyrl', 'Тестов', 'Иван'), name('Latn', 'Testov', 'Ivan')],
        documents: [shared, passport('TEST0099', 'RU')],
        nationalities: ['KZ', 'RU'],
      }),
      // Another person: no shared identifier.
      personRow('KZ', 4, 'KZ-P-2', 1, {
        names: [name('Latn', 'Primerova', 'Anna')],
        documents: [passport('TEST0002', 'KZ')],
      }),
      // The same passport in exercise traffic: another namespace, never linked.
      personRow(
        'KZ',
        5,
        'KZ-P-1',
        1,
        { names: [name('Cyrl', 'Тестов', 'Иван')], documents: [shared] },
        { exercise: true },
      ),
      organizationRow('KZ', 6, 'KZ-O-1', ['Primer Group'], ['KZ']),
    ]);

    const all = await subjects.listSubjects();
    expect(all.subjects.map((s) => [s.category, s.records])).toEqual(
      expect.arrayContaining([
        ['person', 3],
        ['person', 1],
        ['organization', 1],
      ]),
    );
    expect(all.subjects).toHaveLength(3);
    expect(all.subjects.every((s) => !s.exercise)).toBe(true);
    const person = all.subjects.find((s) => s.records === 3)!;
    expect(person.members).toEqual([
      { member: 'KZ', records: 1 },
      { member: 'RU', records: 1 },
      { member: 'UZ', records: 1 },
    ]);
    expect(person.nationalities).toEqual(['KZ', 'RU', 'UZ']);
    expect(person.subjectId).toMatch(/^S-[0-9]{12}$/);

    const dossier = await subjects.dossier(person.subjectId);
    expect(dossier.exercise).toBe(false);
    expect(dossier.dossier.map((r) => `${r.originator}/${r.recordId} v${r.version}`)).toEqual([
      'KZ/KZ-P-1 v1',
      'UZ/UZ-P-1 v1',
      'RU/RU-P-1 v1',
    ]);
    const kz = dossier.dossier[0]!;
    expect(kz).toMatchObject({
      recordType: 'atc.v1.PersonRecord',
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      evaluation: { source: 'SOURCE_RELIABILITY_B', information: 'INFORMATION_ASSESSMENT_2' },
      handling: { tlp: 'TLP_LEVEL_AMBER' },
      reviewBy: null,
    });
    expect(kz.content).toMatchObject({ recordId: 'KZ-P-1', names: [{ script: 'Cyrl' }] });
    expect(kz.content).not.toHaveProperty('nonce');

    // Filters: member, nationality, category, and the exercise namespace.
    expect((await subjects.listSubjects({ member: 'UZ' })).subjects.map((s) => s.subjectId)).toEqual([
      person.subjectId,
    ]);
    expect((await subjects.listSubjects({ nationality: 'ru' })).subjects.map((s) => s.subjectId)).toEqual([
      person.subjectId,
    ]);
    expect((await subjects.listSubjects({ member: 'KZ', nationality: 'UZ' })).subjects.map((s) => s.subjectId)).toEqual(
      [person.subjectId],
    );
    expect((await subjects.listSubjects({ category: 'organization' })).subjects.map((s) => s.category)).toEqual([
      'organization',
    ]);
    expect((await subjects.listSubjects({ member: 'TM' })).subjects).toEqual([]);
    expect((await subjects.listSubjects({ updatedSince: FIXTURE_TIME + 6 })).subjects.map((s) => s.category)).toEqual([
      'organization',
    ]);
    const exercise = await subjects.listSubjects({ exercise: true });
    expect(exercise.subjects.map((s) => [s.exercise, s.records])).toEqual([[true, 1]]);
    expect(exercise.subjects[0]!.subjectId).toMatch(/^SX-/);
    // An operational read never returns the exercise subject, nor the reverse.
    await expect(subjects.dossier(exercise.subjects[0]!.subjectId)).rejects.toMatchObject({
      code: 'ERR_SUBJECT_UNKNOWN',
    });
    await expect(subjects.dossier(person.subjectId, { exercise: true })).rejects.toMatchObject({
      code: 'ERR_SUBJECT_UNKNOWN',
    });
    expect((await subjects.dossier(exercise.subjects[0]!.subjectId, { exercise: true })).exercise).toBe(true);
    expect(await projection.status()).toMatchObject({ records: 6, subjects: 4, openCandidates: 0 });
  });

  it('merges two subjects through a record that bridges them, and unlinks when a document changes', async () => {
    const { subjects, project, subjectOf } = await open();
    await project([
      personRow('KZ', 1, 'KZ-P-1', 1, {
        names: [name('Latn', 'Testov', 'Ivan')],
        documents: [passport('TEST0001', 'KZ')],
      }),
      personRow('UZ', 2, 'UZ-P-1', 1, {
        names: [name('Latn', 'Testov', 'Petr')],
        documents: [passport('TEST0002', 'UZ')],
      }),
    ]);
    const kz = await subjectOf('KZ', 'KZ-P-1');
    const uz = await subjectOf('UZ', 'UZ-P-1');
    expect(kz).not.toEqual(uz);

    // RU holds both passports: one person.
    await project([
      personRow('RU', 3, 'RU-P-1', 1, {
        names: [name('Latn', 'Testov', 'Ivan')],
        documents: [passport('TEST0001', 'KZ'), passport('TEST0002', 'UZ')],
      }),
    ]);
    expect(await subjectOf('UZ', 'UZ-P-1')).toBe(kz); // the oldest subject's id survives
    expect(await subjectOf('RU', 'RU-P-1')).toBe(kz);
    expect((await subjects.listSubjects()).subjects).toHaveLength(1);

    // RU corrects its record: the UZ passport was not his. UZ's record leaves the subject.
    await project([
      personRow('RU', 4, 'RU-P-1', 2, {
        names: [name('Latn', 'Testov', 'Ivan')],
        documents: [passport('TEST0001', 'KZ')],
      }),
    ]);
    expect(await subjectOf('KZ', 'KZ-P-1')).toBe(kz);
    expect(await subjectOf('RU', 'RU-P-1')).toBe(kz);
    expect(await subjectOf('UZ', 'UZ-P-1')).toBe(uz);
    const page = await subjects.listSubjects();
    expect(page.subjects.map((s) => s.records).sort()).toEqual([1, 2]);
    expect((await subjects.dossier(kz!)).dossier.find((r) => r.originator === 'RU')!.version).toBe(2);
  });

  it('drops a withdrawn record from its dossier at once; a subject founded by it lives on under the next id', async () => {
    const { subjects, project, subjectOf } = await open();
    const shared = passport('TEST0001', 'KZ');
    await project([
      personRow('KZ', 1, 'KZ-P-1', 1, { documents: [shared] }),
      personRow('UZ', 2, 'UZ-P-1', 1, { documents: [shared] }),
      personRow('RU', 3, 'RU-P-1', 1, { documents: [shared] }),
    ]);
    const before = (await subjectOf('KZ', 'KZ-P-1'))!;
    await project([withdrawalRow('UZ', 4, 'UZ-P-1')]);
    const dossier = await subjects.dossier(before);
    expect(dossier.dossier.map((r) => r.originator)).toEqual(['KZ', 'RU']);
    expect(dossier.records).toBe(2);
    expect(dossier.members.map((m) => m.member)).toEqual(['KZ', 'RU']);

    await project([withdrawalRow('KZ', 5, 'KZ-P-1')]);
    await expect(subjects.dossier(before)).rejects.toMatchObject({ code: 'ERR_SUBJECT_UNKNOWN' });
    const after = (await subjects.listSubjects()).subjects;
    expect(after.map((s) => s.records)).toEqual([1]);
    expect((await subjects.dossier(after[0]!.subjectId)).dossier.map((r) => r.originator)).toEqual(['RU']);
    expect((await subjects.listSubjects({ member: 'KZ' })).subjects).toEqual([]);
  });

  it('proposes a candidate from the search; confirm, reject, split and revert are audited and reversible', async () => {
    const { archive, subjects, project, subjectOf } = await open();
    const ivan = [name('Latn', 'Testov', 'Ivan')];
    await project([
      personRow('KZ', 1, 'KZ-P-1', 1, { names: ivan, documents: [passport('TEST0001', 'KZ')] }),
      personRow('UZ', 2, 'UZ-P-1', 1, {
        names: [name('Latn', 'IVAN', 'testov')],
        documents: [passport('TEST0002', 'UZ')],
      }),
      // Same name, another date of birth: below the threshold. Another given name, no date of birth: too.
      personRow('TJ', 3, 'TJ-P-1', 1, { names: ivan, dateOfBirth: { year: 1975, month: 11, day: 3 } }),
      personRow('TM', 4, 'TM-P-1', 1, { names: [name('Latn', 'Testov', 'Marat')], dateOfBirth: null }),
    ]);
    const open1 = (await subjects.candidates()).candidates;
    expect(open1).toHaveLength(1);
    const candidate = open1[0]!;
    expect(candidate).toMatchObject({ status: 'open', exercise: false, decision: null });
    expect(candidate.records.map((r) => r.originator)).toEqual(['KZ', 'UZ']);
    // Family and given name swapped by UZ: found all the same, with the search's reasons.
    expect(candidate.score).toBeGreaterThanOrEqual(0.75);
    expect(candidate.reasons).toEqual(expect.arrayContaining(['family name via key', 'date of birth equal']));
    expect(JSON.stringify(candidate)).not.toContain('Testov'); // no content in the listing

    // Confirm: one subject; audited with who and why.
    const confirmed = await subjects.decide(
      { kind: 'confirm', candidateId: candidate.candidateId },
      operator('TICKET-1: same person per KZ liaison'),
    );
    const kz = await subjectOf('KZ', 'KZ-P-1');
    expect(confirmed.subjects).toEqual([kz]);
    expect(await subjectOf('UZ', 'UZ-P-1')).toBe(kz);
    expect(confirmed.decision).toMatchObject({ kind: 'confirm', actor: 'cli:testov-operator', reverted: false });
    expect((await subjects.candidates({ status: 'confirmed' })).candidates.map((c) => c.candidateId)).toEqual([
      candidate.candidateId,
    ]);
    expect((await subjects.candidates()).candidates).toEqual([]);
    const audit = await archive.registry.auditLog({ subject: `candidate:${candidate.candidateId}` });
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'cli:testov-operator',
        action: 'databank.confirm',
        reason: 'TICKET-1: same person per KZ liaison',
        details: expect.objectContaining({ decisionId: confirmed.decision.decisionId, subjectsAfter: [kz] }) as unknown,
      }),
    ]);

    // Revert the confirmation: two subjects again, the candidate open again.
    const reverted = await subjects.decide(
      { kind: 'revert', decisionId: confirmed.decision.decisionId },
      operator('TICKET-2: liaison withdrew the statement'),
    );
    expect(reverted.subjects).toHaveLength(2);
    expect(await subjectOf('UZ', 'UZ-P-1')).not.toBe(kz);
    expect((await subjects.candidates()).candidates.map((c) => c.candidateId)).toEqual([candidate.candidateId]);
    expect((await subjects.decision(confirmed.decision.decisionId)).reverted).toBe(true);

    // Reject: never proposed again for that pair, even after a new version of either record.
    const rejected = await subjects.decide(
      { kind: 'reject', candidateId: candidate.candidateId },
      operator('TICKET-3: different fathers'),
    );
    await project([personRow('UZ', 5, 'UZ-P-1', 2, { names: ivan, documents: [passport('TEST0002', 'UZ')] })]);
    expect((await subjects.candidates()).candidates).toEqual([]);
    expect((await subjects.candidates({ status: 'rejected' })).candidates[0]!.decision).toMatchObject({
      decisionId: rejected.decision.decisionId,
      reason: 'TICKET-3: different fathers',
    });
    await subjects.decide({ kind: 'revert', decisionId: rejected.decision.decisionId }, operator('TICKET-4: reopened'));
    expect((await subjects.candidates()).candidates.map((c) => c.status)).toEqual(['open']);

    // Split: a record that shares a passport by mistake is taken out, and the link is not made again.
    await project([personRow('RU', 6, 'RU-P-1', 1, { names: ivan, documents: [passport('TEST0001', 'KZ')] })]);
    expect(await subjectOf('RU', 'RU-P-1')).toBe(kz);
    const split = await subjects.decide(
      { kind: 'split', subjectId: kz!, originator: 'RU', recordId: 'RU-P-1' },
      operator('TICKET-5: RU typed the passport number of another person'),
    );
    const ru = await subjectOf('RU', 'RU-P-1');
    expect(ru).not.toBe(kz);
    expect([...split.subjects].sort()).toEqual([kz, ru].sort());
    await project([personRow('RU', 7, 'RU-P-1', 2, { names: ivan, documents: [passport('TEST0001', 'KZ')] })]);
    expect(await subjectOf('RU', 'RU-P-1')).toBe(ru);
    // Its name still matches KZ's, but the split answered that question (UZ's is another subject: still open).
    const pairs = async (status: string) =>
      (await subjects.candidates({ status })).candidates.map((c) => c.records.map((r) => r.originator).join('+'));
    expect((await pairs('open')).sort()).toEqual(['KZ+UZ', 'RU+UZ']);
    expect(await pairs('rejected')).toEqual(['KZ+RU']);
    expect((await archive.registry.auditLog({ subject: `subject:${kz}` }))[0]).toMatchObject({
      action: 'databank.split',
      reason: 'TICKET-5: RU typed the passport number of another person',
    });

    // Reverting the split links the record again.
    await subjects.decide(
      { kind: 'revert', decisionId: split.decision.decisionId },
      operator('TICKET-6: typo was ours'),
    );
    expect(await subjectOf('RU', 'RU-P-1')).toBe(kz);
    expect((await archive.registry.auditLog({ subject: `decision:${split.decision.decisionId}` }))[0]).toMatchObject({
      action: 'databank.revert',
      actor: 'cli:testov-operator',
    });
  });

  it('waits for a batch of the projection in progress, then decides: never refused for it', async () => {
    const { subjects, project } = await open();
    const ivan = [name('Latn', 'Testov', 'Ivan')];
    await project([
      personRow('KZ', 1, 'KZ-P-1', 1, { names: ivan, documents: [passport('TEST0001', 'KZ')] }),
      personRow('UZ', 2, 'UZ-P-1', 1, { names: ivan, documents: [passport('TEST0002', 'UZ')] }),
    ]);
    const [candidate] = (await subjects.candidates()).candidates;
    // The bank's thread, on a connection of its own, in the middle of a batch.
    const bankThread = await openArchiveDb(openArchiveConnection.location()!.location);
    const batch = await holdTransaction(bankThread, { write: true, writes: 'databank' });
    try {
      let decided = false;
      const decision = subjects
        .decide({ kind: 'reject', candidateId: candidate!.candidateId }, operator('TICKET-30: two people'))
        .finally(() => {
          decided = true;
        });
      // It waits for the batch (the cursor it records must not move under it)...
      await new Promise((r) => setTimeout(r, 300));
      expect(decided).toBe(false);
      await batch.release();
      // ...and is then made, not refused.
      expect((await decision).decision).toMatchObject({ kind: 'reject', actor: 'cli:testov-operator' });
      expect((await subjects.candidates({ status: 'rejected' })).candidates).toHaveLength(1);
    } finally {
      await batch.release();
      await bankThread.close();
    }
  });

  it('never links or proposes across the exercise and operational namespaces', async () => {
    const { subjects, project } = await open();
    const doc = passport('TEST0001', 'KZ');
    await project([
      personRow('KZ', 1, 'KZ-P-1', 1, { documents: [doc] }),
      personRow('UZ', 2, 'UZ-P-1', 1, { documents: [doc] }, { exercise: true }),
      personRow('RU', 3, 'RU-P-1', 1, {}, { exercise: true }), // same name and date of birth as both
      personRow('TJ', 4, 'TJ-P-1', 1, {}),
    ]);
    const operational = await subjects.listSubjects();
    const exercise = await subjects.listSubjects({ exercise: true });
    expect(operational.subjects.map((s) => [s.exercise, s.records])).toEqual([
      [false, 1],
      [false, 1],
    ]);
    expect(exercise.subjects.map((s) => [s.exercise, s.records])).toEqual([
      [true, 1],
      [true, 1],
    ]);
    const op = (await subjects.candidates()).candidates;
    const ex = (await subjects.candidates({ exercise: true })).candidates;
    expect(op.map((c) => c.records.map((r) => r.originator))).toEqual([['KZ', 'TJ']]);
    expect(ex.map((c) => [c.exercise, ...c.records.map((r) => r.originator)])).toEqual([[true, 'RU', 'UZ']]);
    // A decision names its namespace: the exercise candidate is unknown to an operational decision.
    await expect(
      subjects.decide({ kind: 'confirm', candidateId: ex[0]!.candidateId }, operator('TICKET-7')),
    ).rejects.toMatchObject({ code: 'ERR_CANDIDATE_UNKNOWN' });
    const done = await subjects.decide(
      { kind: 'confirm', candidateId: ex[0]!.candidateId, exercise: true },
      operator('EXERCISE: drill decision'),
    );
    expect(done.decision.exercise).toBe(true);
    expect((await subjects.listSubjects({ exercise: true })).subjects.map((s) => s.records)).toEqual([2]);
    expect((await subjects.listSubjects()).subjects).toHaveLength(2);
  });

  it('rebuilds the same bank, decisions included, applied where they were made in the log', async () => {
    const { archive, projection, subjects, project, subjectOf } = await open();
    const ivan = [name('Latn', 'Testov', 'Ivan')];
    await project([
      personRow('KZ', 1, 'KZ-P-1', 1, { names: ivan, documents: [passport('TEST0001', 'KZ')] }),
      personRow('UZ', 2, 'UZ-P-1', 1, { names: ivan, documents: [passport('TEST0002', 'UZ')] }),
      personRow('TJ', 3, 'TJ-P-1', 1, { names: ivan }),
      personRow('RU', 4, 'RU-P-1', 1, { names: ivan, documents: [passport('TEST0001', 'KZ')] }),
    ]);
    const [first] = (await subjects.candidates()).candidates;
    const confirm = await subjects.decide({ kind: 'confirm', candidateId: first!.candidateId }, operator('TICKET-10'));
    await project([
      personRow('KZ', 5, 'KZ-P-1', 2, {
        names: ivan,
        documents: [passport('TEST0001', 'KZ')],
        nationalities: ['KZ', 'KG'],
      }),
      organizationRow('KG', 6, 'KG-O-1', ['Primer Group'], ['KG']),
    ]);
    const kz = (await subjectOf('KZ', 'KZ-P-1'))!;
    await subjects.decide(
      { kind: 'split', subjectId: kz, originator: 'RU', recordId: 'RU-P-1' },
      operator('TICKET-11'),
    );
    const another = (await subjects.candidates()).candidates.find((c) => c.candidateId !== first!.candidateId)!;
    await subjects.decide({ kind: 'reject', candidateId: another.candidateId }, operator('TICKET-12'));
    await project([
      personRow('UZ', 7, 'UZ-P-1', 2, { names: ivan, documents: [passport('TEST0003', 'UZ')] }),
      withdrawalRow('TJ', 8, 'TJ-P-1'),
    ]);
    await subjects.decide({ kind: 'revert', decisionId: confirm.decision.decisionId }, operator('TICKET-13'));
    await project([personRow('KG', 9, 'KG-P-1', 1, { names: ivan, documents: [passport('TEST0003', 'UZ')] })]);

    const incremental = await dumpDatabank(archive.db);
    expect(incremental['databank_subjects']!.length).toBeGreaterThan(1);
    expect(incremental['databank_decisions_applied']).toHaveLength(4);
    await projection.clear();
    expect((await subjects.listSubjects()).subjects).toEqual([]);
    // Rebuilt in small steps: decisions apply between the same leaves whatever the batch size.
    while ((await projection.step(3)) > 0);
    expect(await dumpDatabank(archive.db)).toEqual(incremental);
    expect((await archive.registry.auditLog()).filter((e) => e.action.startsWith('databank.'))).toHaveLength(4);
  });

  it('pages subjects and candidates with stable opaque cursors', async () => {
    const { subjects, project } = await open();
    await project(
      Array.from({ length: 7 }, (_, i) =>
        personRow('KZ', i + 1, `KZ-P-${i}`, 1, {
          names: [name('Latn', 'Testov', i < 4 ? 'Ivan' : ['Marat', 'Olzhas', 'Bekzat'][i - 4]!)],
          documents: [passport(`TEST000${i}`, 'KZ')],
        }),
      ),
    );
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await subjects.listSubjects({ limit: 3, ...(cursor === undefined ? {} : { cursor }) });
      expect(page.subjects.length).toBeLessThanOrEqual(3);
      seen.push(...page.subjects.map((s) => s.subjectId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual((await subjects.listSubjects()).subjects.map((s) => s.subjectId));

    // Four Ivans: six candidate pairs, two pages of four.
    const one = await subjects.candidates({ limit: 4 });
    const two = await subjects.candidates({ limit: 4, cursor: one.nextCursor! });
    expect([...one.candidates, ...two.candidates].map((c) => c.candidateId)).toHaveLength(6);
    expect(two.nextCursor).toBeNull();
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    const { archive, subjects, project, subjectOf } = await open();
    await project([
      personRow('KZ', 1, 'KZ-P-1', 1, { documents: [passport('TEST0001', 'KZ')] }),
      personRow('UZ', 2, 'UZ-P-1', 1, { documents: [passport('TEST0002', 'UZ')] }),
      personRow('RU', 3, 'RU-P-1', 1, {
        documents: [passport('TEST0009', 'RU')],
        names: [name('Latn', 'Other', 'Anna')],
      }),
    ]);
    const candidate = (await subjects.candidates()).candidates[0]!;
    const kz = (await subjectOf('KZ', 'KZ-P-1'))!;
    const auditBefore = (await archive.registry.auditLog()).length;

    await expect(subjects.dossier('S-000000000000000000000000')).rejects.toMatchObject({ code: 'ERR_SUBJECT_UNKNOWN' });
    await expect(subjects.decide({ kind: 'confirm', candidateId: 'C-nope' }, operator('x'))).rejects.toMatchObject({
      code: 'ERR_CANDIDATE_UNKNOWN',
    });
    await expect(
      subjects.decide({ kind: 'confirm', candidateId: candidate.candidateId }, operator('  ')),
    ).rejects.toMatchObject({
      code: 'ERR_REASON_REQUIRED',
    });
    await expect(
      subjects.decide({ kind: 'reject', candidateId: candidate.candidateId }, { who: '', why: 'TICKET-20' }),
    ).rejects.toMatchObject({ code: 'ERR_ACTOR_REQUIRED' });
    await expect(
      subjects.decide(
        { kind: 'split', subjectId: 'S-none', originator: 'KZ', recordId: 'KZ-P-1' },
        operator('TICKET-21'),
      ),
    ).rejects.toMatchObject({ code: 'ERR_SUBJECT_UNKNOWN' });
    await expect(
      subjects.decide({ kind: 'split', subjectId: kz, originator: 'KZ', recordId: 'KZ-P-1' }, operator('TICKET-22')),
    ).rejects.toMatchObject({ code: 'ERR_SPLIT_INVALID' }); // its only record
    await expect(
      subjects.decide({ kind: 'split', subjectId: kz, originator: 'UZ', recordId: 'UZ-P-1' }, operator('TICKET-23')),
    ).rejects.toMatchObject({ code: 'ERR_SPLIT_INVALID' }); // not its record
    for (const decisionId of ['999', 'abc', '0', '-1']) {
      await expect(subjects.decide({ kind: 'revert', decisionId }, operator('TICKET-24'))).rejects.toMatchObject({
        code: 'ERR_DECISION_UNKNOWN',
      });
    }
    expect((await archive.registry.auditLog()).length).toBe(auditBefore);

    // A decided candidate is stale; a reverted decision cannot be reverted again, nor a revert reverted.
    const made = await subjects.decide({ kind: 'reject', candidateId: candidate.candidateId }, operator('TICKET-25'));
    await expect(
      subjects.decide({ kind: 'confirm', candidateId: candidate.candidateId }, operator('TICKET-26')),
    ).rejects.toMatchObject({
      code: 'ERR_CANDIDATE_STALE',
    });
    const revert = await subjects.decide(
      { kind: 'revert', decisionId: made.decision.decisionId },
      operator('TICKET-27'),
    );
    await expect(
      subjects.decide({ kind: 'revert', decisionId: made.decision.decisionId }, operator('TICKET-28')),
    ).rejects.toMatchObject({
      code: 'ERR_DECISION_STALE',
    });
    await expect(
      subjects.decide({ kind: 'revert', decisionId: revert.decision.decisionId }, operator('TICKET-29')),
    ).rejects.toMatchObject({
      code: 'ERR_DECISION_STALE',
    });
    // A candidate whose records became one subject meanwhile is stale too.
    await project([
      personRow('RU', 4, 'RU-P-2', 1, { documents: [passport('TEST0001', 'KZ'), passport('TEST0002', 'UZ')] }),
    ]);
    await expect(
      subjects.decide({ kind: 'confirm', candidateId: candidate.candidateId }, operator('TICKET-30')),
    ).rejects.toMatchObject({
      code: 'ERR_CANDIDATE_STALE',
    });
    expect((await archive.registry.auditLog()).length).toBe(auditBefore + 2);

    // Queries: bad filters, limits and cursors.
    for (const filter of [
      { member: 'kz' },
      { nationality: 'KAZ' },
      { category: 'incident' },
      { limit: 0 },
      { limit: 501 },
      { updatedSince: -1 },
      { cursor: 'not a cursor' },
      { cursor: Buffer.from('["x"]').toString('base64url') },
    ]) {
      await expect(subjects.listSubjects(filter)).rejects.toMatchObject({
        code: 'cursor' in filter ? 'ERR_CURSOR_INVALID' : 'ERR_QUERY_INVALID',
      });
    }
    await expect(subjects.candidates({ status: 'maybe' })).rejects.toMatchObject({ code: 'ERR_QUERY_INVALID' });
    await expect(subjects.candidates({ cursor: '!!' })).rejects.toMatchObject({ code: 'ERR_CURSOR_INVALID' });
  });
});
