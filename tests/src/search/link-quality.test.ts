// Linking in the bank uses the search engine (issue 17): the labelled set's records projected
// into a real SQLite bank; every pair of records of one person is a true link, every other
// proposed pair a false one. Precision and recall of the candidate links at the default link
// threshold (DEFAULT_LINK_THRESHOLD), measured and reported here.
import { describe, expect, it } from 'vitest';
import { batchWrite, DatabankProjection, DEFAULT_LINK_THRESHOLD, labelledSet, type LabelledSet } from '@atc/gateway';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from '../databank/bank-archives.js';
import { labelledRows } from './search-rows.js';

const sqlite = ARCHIVE_BACKENDS.find((b) => b.name === 'sqlite') ?? ARCHIVE_BACKENDS[0]!;

/** The pairs of records of one person, as `originator/recordId|originator/recordId` (sorted). */
function truePairs(set: LabelledSet): Set<string> {
  const byPerson = new Map<string, string[]>();
  for (const r of set.records) {
    const list = byPerson.get(r.personId) ?? [];
    list.push(`${r.originator}/${r.recordId}`);
    byPerson.set(r.personId, list);
  }
  const out = new Set<string>();
  for (const list of byPerson.values()) {
    const sorted = [...list].sort();
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) out.add(`${sorted[i]!}|${sorted[j]!}`);
    }
  }
  return out;
}

describe('candidate links from the search, on the labelled set', () => {
  const open = bankArchives(sqlite);

  it('links the records of one person with precision >= 0.98 and recall >= 0.95 at the default threshold', async () => {
    const set = labelledSet();
    const archive = await open();
    await archive.committer.commit(batchWrite({ messages: labelledRows(set) }));
    // Every pair scoring 0.5 or more is kept, so that one projection measures every threshold above.
    await new DatabankProjection(archive.db, archive.reader, { linkThreshold: 0.5 }).catchUp();
    const candidates = await archive.db.all<{
      a_originator: string;
      a_record_id: string;
      b_originator: string;
      b_record_id: string;
      score: number;
    }>('SELECT a_originator, a_record_id, b_originator, b_record_id, score FROM databank_candidates');
    const truth = truePairs(set);
    expect(truth.size).toBeGreaterThanOrEqual(80);
    const measure = (threshold: number) => {
      const proposed = candidates
        .filter((c) => c.score >= Math.round(threshold * 1000))
        .map((c) => [`${c.a_originator}/${c.a_record_id}`, `${c.b_originator}/${c.b_record_id}`].sort().join('|'));
      const right = proposed.filter((p) => truth.has(p)).length;
      return {
        threshold,
        proposed: proposed.length,
        precision: proposed.length === 0 ? 1 : right / proposed.length,
        recall: right / truth.size,
      };
    };
    const table = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9].map(measure);
    console.log(`link quality on ${truth.size} true pairs:\n${table.map((t) => JSON.stringify(t)).join('\n')}`);
    const chosen = measure(DEFAULT_LINK_THRESHOLD);
    console.log(`at the default threshold ${DEFAULT_LINK_THRESHOLD}: ${JSON.stringify(chosen)}`);
    expect(chosen.precision).toBeGreaterThanOrEqual(0.98);
    expect(chosen.recall).toBeGreaterThanOrEqual(0.95);

    // At the default threshold (above DATES_DIFFER_CEILING) linking reads partners by name
    // tokens under the dates of birth that can agree: the same quality, and every pair the
    // unrestricted reading scored at least the threshold.
    const byDate = new DatabankProjection(archive.db, archive.reader);
    await byDate.clear();
    await byDate.catchUp();
    const dated = (
      await archive.db.all<{ a_originator: string; a_record_id: string; b_originator: string; b_record_id: string }>(
        'SELECT a_originator, a_record_id, b_originator, b_record_id FROM databank_candidates',
      )
    ).map((c) => [`${c.a_originator}/${c.a_record_id}`, `${c.b_originator}/${c.b_record_id}`].sort().join('|'));
    const right = dated.filter((p) => truth.has(p)).length;
    console.log(`by date of birth: ${dated.length} proposed, ${right} of ${truth.size} true pairs`);
    expect(right / dated.length).toBeGreaterThanOrEqual(0.98);
    expect(right / truth.size).toBeGreaterThanOrEqual(0.95);
    const unrestricted = candidates
      .filter((c) => c.score >= Math.round(DEFAULT_LINK_THRESHOLD * 1000))
      .map((c) => [`${c.a_originator}/${c.a_record_id}`, `${c.b_originator}/${c.b_record_id}`].sort().join('|'));
    expect(new Set(dated)).toEqual(new Set([...dated, ...unrestricted]));
  }, 300_000);
});
