import type { PersonSearcher } from '../person-searcher.js';
import type { LabelledSet, QueryKind } from './labelled-set.js';

/** What the labelled set measured. */
export interface SearchQuality {
  readonly queries: number;
  /** (query, true record) pairs. */
  readonly pairs: number;
  readonly distractors: number;
  /** Share of (query, true record) pairs whose record is among the query's first 10 hits. */
  readonly recallAt10: number;
  /**
   * Share of the hits in first, second or third place that are true matches (records of the
   * person the query looks for), over all queries with at least one true match in the bank
   * (every query of the labelled set), pooled: true hits in the top 3 / hits in the top 3.
   * A query with fewer than three hits counts only those it has.
   */
  readonly precisionAt3: number;
  /** Recall@10 per kind of query. */
  readonly recallByKind: Readonly<Partial<Record<QueryKind, number>>>;
  /** The first pairs missed, for the report ("kind: query names -> record"). */
  readonly missed: readonly string[];
}

/**
 * Runs every query of `set` through `searcher` (limit 10, operational namespace) against a bank
 * holding `set.records` (`recordPerson` maps a hit back to the person its record is about) and
 * measures recall@10 and precision@3 as defined on {@link SearchQuality}.
 */
export async function measureSearchQuality(
  searcher: PersonSearcher,
  set: LabelledSet,
  recordPerson: (originator: string, recordId: string) => string | undefined,
): Promise<SearchQuality> {
  const heldBy = new Map<string, number>();
  for (const r of set.records) heldBy.set(r.personId, (heldBy.get(r.personId) ?? 0) + 1);
  let pairs = 0;
  let found = 0;
  let top3 = 0;
  let top3True = 0;
  const byKind = new Map<QueryKind, { pairs: number; found: number }>();
  const missed: string[] = [];
  for (const q of set.queries) {
    const result = await searcher.search(q.query, { exercise: false, limit: 10 });
    const persons = result.matches.map((m) => recordPerson(m.originator, m.recordId));
    const held = heldBy.get(q.personId) ?? 0;
    const hit = persons.filter((p) => p === q.personId).length;
    pairs += held;
    found += hit;
    const k = byKind.get(q.kind) ?? { pairs: 0, found: 0 };
    k.pairs += held;
    k.found += hit;
    byKind.set(q.kind, k);
    const first3 = persons.slice(0, 3);
    top3 += first3.length;
    top3True += first3.filter((p) => p === q.personId).length;
    if (hit < held && missed.length < 20) {
      const names = (q.query.names ?? []).map((n) => (n.parts ?? []).map((p) => p.value).join(' ')).join(' / ');
      missed.push(`${q.kind}: ${names} -> ${q.personId} (${hit} of ${held}; got ${persons.slice(0, 3).join(', ')})`);
    }
  }
  return {
    queries: set.queries.length,
    pairs,
    distractors: set.distractors,
    recallAt10: pairs === 0 ? 0 : found / pairs,
    precisionAt3: top3 === 0 ? 0 : top3True / top3,
    recallByKind: Object.fromEntries([...byKind].map(([kind, v]) => [kind, v.pairs === 0 ? 0 : v.found / v.pairs])),
    missed,
  };
}
