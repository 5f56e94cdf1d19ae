// The person search's quality on the labelled set (issue 17, "Quality, measured"): >= 500
// variant pairs and >= 500 distractors across every member's script, projected into a real
// SQLite bank as the bank projects records, searched through BankPersonSearcher.
import { describe, expect, it } from 'vitest';
import { BankPersonSearcher, batchWrite, DatabankProjection, labelledSet, measureSearchQuality } from '@atc/gateway';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';
import { labelledRows } from './search-rows.js';

const sqlite = ARCHIVE_BACKENDS.find((b) => b.name === 'sqlite') ?? ARCHIVE_BACKENDS[0]!;

describe('person search quality on the labelled set', () => {
  const open = bankArchives(sqlite);

  it('is deterministic and large enough', () => {
    const a = labelledSet();
    const b = labelledSet();
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.pairs).toBeGreaterThanOrEqual(500);
    expect(a.distractors).toBeGreaterThanOrEqual(500);
    expect(new Set(a.queries.map((q) => q.kind)).size).toBe(7);
    expect(new Set(a.records.map((r) => r.originator)).size).toBe(11);
    expect(JSON.stringify(labelledSet({ seed: 18 }))).not.toBe(JSON.stringify(a));
  });

  it('finds >= 95% of the variant pairs in the first 10 hits and ranks true matches in >= 90% of the top 3', async () => {
    const set = labelledSet();
    const archive = await open();
    await archive.committer.commit(batchWrite({ messages: labelledRows(set) }));
    await new DatabankProjection(archive.db, archive.reader).catchUp();
    const person = new Map(set.records.map((r) => [`${r.originator}/${r.recordId}`, r.personId]));
    const quality = await measureSearchQuality(
      new BankPersonSearcher(archive.db, () => FIXTURE_TIME + 1_000_000),
      set,
      (originator, recordId) => person.get(`${originator}/${recordId}`),
    );
    console.log(JSON.stringify(quality, null, 1));
    expect(quality.recallAt10).toBeGreaterThanOrEqual(0.95);
    expect(quality.precisionAt3).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
