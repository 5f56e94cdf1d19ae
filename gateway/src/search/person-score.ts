import { BoundedCache } from '@atc/shared';
import type { PartKind, PersonProfile, ProfilePart } from './person-profile.js';

/** Matches scoring below this are not returned: the share of name evidence a hit needs. */
export const MIN_SCORE = 0.6;

/** Weight of the names in a score; the date of birth, sex, nationality and documents move it by the rest. */
const NAME_WEIGHT = 0.78;

/** The score's moves for a date of birth that differs, an equal sex and a shared nationality (see beyondNames). */
const DATE_DIFFERS = -0.2;
const SEX_EQUAL = 0.02;
const NATIONALITY_SHARED = 0.03;

/**
 * The highest score a pair can reach whose dates of birth are both known and differ (years more
 * than one apart), without an equal document: equal names, equal sex and a shared nationality.
 * Linking with a threshold above it need only look at partners born in the years either side
 * of the record's own, or of unknown birth, or sharing a document.
 */
export const DATES_DIFFER_CEILING =
  Math.round((NAME_WEIGHT + DATE_DIFFERS + SEX_EQUAL + NATIONALITY_SHARED) * 1000) / 1000;

/** How much each kind of name part counts. */
const PART_WEIGHT: Readonly<Record<PartKind, number>> = { f: 1, g: 0.8, u: 0.9, p: 0.35, m: 0.35, o: 0.3 };
/** A patronymic, middle or other part the other side does not have costs this much weight, not its own. */
const MINOR_MISSING_WEIGHT = 0.1;
/** A family or given name of the candidate the query does not name costs this much weight. */
const CANDIDATE_EXTRA_WEIGHT = 0.15;
/** Part similarity for equal skeletons (different Latin spellings of one name). */
const SKELETON_EQUAL = 0.97;

const KIND_LABEL: Readonly<Record<PartKind, string>> = {
  f: 'family name',
  g: 'given name',
  p: 'patronymic',
  m: 'middle name',
  o: 'name part',
  u: 'name part',
};

/** Jaro-Winkler similarity of two strings (0..1; prefix scale 0.1 over at most 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedA = new Uint8Array(la);
  const matchedB = new Uint8Array(lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 1 || a[i] !== b[j]) continue;
      matchedA[i] = 1;
      matchedB[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[k] === 0) k++;
    if (a[i] !== b[k]) transpositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - transpositions / 2) / m) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** How two parts matched: an equal key (the ICAO one or another), an equal skeleton, or a close spelling. */
const enum How {
  Key,
  IcaoKey,
  Skeleton,
  Close,
}

/**
 * The best evidence that two parts are one name. Only numbers: the sentence saying why is
 * written by {@link reasonOf} for the pairs of the best name alone (a search compares
 * thousands of pairs and explains a few).
 */
interface PartMatch {
  sim: number;
  how: How;
  /** The key that was equal (How.Key, How.IcaoKey), or the similarity (How.Close). */
  key: string;
  jw: number;
  /** How.Close: the similarity came from the skeletons (else from the first keys). */
  onSkeleton: boolean;
}

function label(q: ProfilePart, c: ProfilePart): string {
  return KIND_LABEL[c.t === 'u' ? q.t : c.t];
}

/** The best evidence that two parts are one name: an equal key, an equal skeleton, or a close spelling. */
function comparePart(q: ProfilePart, c: ProfilePart, out: PartMatch): void {
  for (let i = 0; i < c.k.length; i++) {
    const key = c.k[i]!;
    if (q.k.includes(key)) {
      out.sim = 1;
      out.how = i === 0 && c.k.length > 1 ? How.IcaoKey : How.Key;
      out.key = key;
      return;
    }
  }
  if (q.s === c.s) {
    out.sim = SKELETON_EQUAL;
    out.how = How.Skeleton;
    return;
  }
  const onSkeleton = jaroWinkler(q.s, c.s);
  const onKey = jaroWinkler(q.k[0] ?? '', c.k[0] ?? '');
  const jw = Math.max(onSkeleton, onKey);
  // Unrelated names still share letters (Jaro-Winkler ~0.5-0.7): below 0.85 the similarity falls fast.
  out.sim = jw >= 0.85 ? jw * 0.98 : Math.max(0, jw - 0.3);
  out.how = How.Close;
  out.jw = jw;
  out.onSkeleton = onSkeleton >= onKey;
}

/** The sentence for a pair of parts {@link comparePart} compared. */
function reasonOf(q: ProfilePart, c: ProfilePart): string {
  const m: PartMatch = { sim: 0, how: How.Close, key: '', jw: 0, onSkeleton: true };
  comparePart(q, c, m);
  switch (m.how) {
    case How.Key:
    case How.IcaoKey:
      return `${label(q, c)} via ${m.how === How.IcaoKey ? 'ICAO key' : 'key'} ${m.key.toUpperCase()}`;
    case How.Skeleton:
      return `${label(q, c)} via skeleton ${c.s}`;
    default:
      return `${label(q, c)} close to ${m.onSkeleton ? c.s : (c.k[0] ?? '').toUpperCase()} (${m.jw.toFixed(2)})`;
  }
}

/** Ids stay below this: a pair of them, `a * ID_LIMIT + b`, is an exact number. */
const ID_LIMIT = 2 ** 26;

/**
 * Values of pairs (of name parts, of names) by the texts of the pair's sides: linking meets the
 * same common names again and again. Each side's text is built once per object and stands for
 * an id (equal texts, one id), so that a look-up hashes no string. The values are kept in a
 * table of `2 ** slotBits` slots (16 bytes each, allocated once: nothing for the collector to
 * follow) where a pair's slot comes from its ids; a pair that lands in a taken slot replaces
 * its value. At most `texts` texts keep their ids ({@link BoundedCache}: those in use stay); an
 * id is never given to another text, and when ids run out, the memo starts again empty.
 */
export class PairMemo<T extends object> {
  #ids = new WeakMap<T, number>();
  #byText: BoundedCache<string, number>;
  /** Per slot, its pair (`a * ID_LIMIT + b`) plus one, or 0 for none (pages never written stay unallocated). */
  readonly #keys: Float64Array;
  readonly #values: Float64Array;
  readonly #mask: number;
  #next = 0;
  /** Counts the restarts: ids kept elsewhere are good only in the generation that gave them. */
  #generation = 0;

  constructor(
    slotBits: number,
    private readonly texts: number,
    private readonly textOf: (side: T) => string,
    /** Ids given before the memo starts again (tests give a few). */
    private readonly idLimit = ID_LIMIT,
  ) {
    if (!Number.isInteger(slotBits) || slotBits < 1 || slotBits > 24)
      throw new RangeError(`a memo has 2 to 2^24 slots, not 2^${slotBits}`);
    this.#keys = new Float64Array(2 ** slotBits);
    this.#values = new Float64Array(2 ** slotBits);
    this.#mask = 2 ** slotBits - 1;
    this.#byText = new BoundedCache(texts);
  }

  get generation(): number {
    return this.#generation;
  }

  /** The id of a side's text. */
  id(side: T): number {
    let id = this.#ids.get(side);
    if (id === undefined) {
      const text = this.textOf(side);
      id = this.#byText.get(text);
      if (id === undefined) {
        if (this.#next === this.idLimit) this.#restart();
        id = this.#next++;
        this.#byText.set(text, id);
      }
      this.#ids.set(side, id);
    }
    return id;
  }

  /** The pair of sides (a, b) as one number, for {@link value} and {@link keep}. */
  pair(a: T, b: T): number {
    const generation = this.#generation;
    let ia = this.id(a);
    const ib = this.id(b);
    // b's id started the memo again: a's is of the old generation.
    if (generation !== this.#generation) ia = this.id(a);
    return this.pairOfIds(ia, ib);
  }

  /** The pair of ids (a, b) of this {@link generation} as one number. */
  pairOfIds(a: number, b: number): number {
    return a * ID_LIMIT + b;
  }

  /** The value kept for a pair, or undefined. */
  value(pair: number): number | undefined {
    const slot = this.#slotOf(pair);
    return this.#keys[slot] === pair + 1 ? this.#values[slot] : undefined;
  }

  /** Keeps the value of a pair (in place of whatever pair held its slot). */
  keep(pair: number, value: number): void {
    const slot = this.#slotOf(pair);
    this.#keys[slot] = pair + 1;
    this.#values[slot] = value;
  }

  /** A pair's slot: its two ids mixed (a multiplicative hash of each), folded onto the table. */
  #slotOf(pair: number): number {
    const a = Math.floor(pair / ID_LIMIT);
    const b = pair - a * ID_LIMIT;
    return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) & this.#mask;
  }

  #restart(): void {
    this.#ids = new WeakMap();
    this.#byText = new BoundedCache(this.texts);
    this.#keys.fill(0);
    this.#next = 0;
    this.#generation++;
  }
}

/**
 * Similarities of pairs of parts, by their keys and skeletons (what comparePart reads): names are
 * made of few distinct parts. 2^16 slots (1 MiB).
 */
const partSimilarities = new PairMemo<ProfilePart>(16, 20_000, (p) => `${p.s}\u0001${p.k.join('\u0002')}`);

/** {@link comparePart}'s similarity, remembered. */
function partSimilarity(q: ProfilePart, c: ProfilePart): number {
  const pair = partSimilarities.pair(q, c);
  let sim = partSimilarities.value(pair);
  if (sim === undefined) {
    comparePart(q, c, scratch.match);
    sim = scratch.match.sim;
    partSimilarities.keep(pair, sim);
  }
  return sim;
}

/** How far the parts' kinds allow pairing them: typed parts pair by type, family and given swapped at a cost. */
function kindFactor(q: PartKind, c: PartKind): number {
  if (q === 'u' || c === 'u' || q === c) return 1;
  if ((q === 'f' && c === 'g') || (q === 'g' && c === 'f')) return 0.85;
  if ((q === 'p' || q === 'm') && (c === 'p' || c === 'm')) return 1;
  return 0.7;
}

function isMinor(kind: PartKind): boolean {
  return kind === 'p' || kind === 'm' || kind === 'o';
}

/** Scratch space of {@link alignName}, reused: a search aligns thousands of names. */
const scratch = { match: { sim: 0, how: How.Close, key: '', jw: 0, onSkeleton: true } as PartMatch, sims: [0] };

/**
 * One name of the query against one name of the candidate: 0..1, and the pairs that matched
 * (query part index, candidate part index, similarity >= 0.8), in query order.
 */
function alignName(
  query: readonly ProfilePart[],
  candidate: readonly ProfilePart[],
  explain: boolean,
): { readonly score: number; readonly pairs: readonly (readonly [number, number])[] } {
  const nq = query.length;
  const nc = candidate.length;
  // Similarity of every pair, then a greedy assignment best first (ties: query order, then candidate order).
  const sims = scratch.sims;
  sims.length = nq * nc;
  for (let qi = 0; qi < nq; qi++) {
    for (let ci = 0; ci < nc; ci++) {
      const q = query[qi]!;
      const c = candidate[ci]!;
      sims[qi * nc + ci] = partSimilarity(q, c) * kindFactor(q.t, c.t);
    }
  }
  const qUsed = new Uint8Array(nq);
  const cUsed = new Uint8Array(nc);
  const best = new Array<number>(nq).fill(0);
  const chosen: [number, number][] = [];
  for (;;) {
    let top = 0;
    let at = -1;
    for (let i = 0; i < sims.length; i++) {
      const qi = Math.floor(i / nc);
      const ci = i - qi * nc;
      if (qUsed[qi] === 1 || cUsed[ci] === 1) continue;
      if (sims[i]! > top) {
        top = sims[i]!;
        at = i;
      }
    }
    if (at < 0) break;
    const qi = Math.floor(at / nc);
    const ci = at - qi * nc;
    qUsed[qi] = 1;
    cUsed[ci] = 1;
    best[qi] = top;
    if (explain && top >= 0.8) chosen.push([qi, ci]);
  }
  let total = 0;
  let weights = 0;
  for (let qi = 0; qi < nq; qi++) {
    const kind = query[qi]!.t;
    if (qUsed[qi] === 0 && isMinor(kind)) {
      weights += MINOR_MISSING_WEIGHT;
      continue;
    }
    total += PART_WEIGHT[kind] * best[qi]!;
    weights += PART_WEIGHT[kind];
  }
  for (let ci = 0; ci < nc; ci++) {
    if (cUsed[ci] === 0 && !isMinor(candidate[ci]!.t)) weights += CANDIDATE_EXTRA_WEIGHT;
  }
  chosen.sort((a, b) => a[0] - b[0]);
  return { score: weights === 0 ? 0 : total / weights, pairs: chosen };
}

/** One name of the query against one name of the candidate: 0..1 and the reasons of the pairs that matched. */
export function scoreName(
  query: readonly ProfilePart[],
  candidate: readonly ProfilePart[],
): { readonly score: number; readonly reasons: string[] } {
  const { score, pairs } = alignName(query, candidate, true);
  return { score, reasons: pairs.map(([qi, ci]) => reasonOf(query[qi]!, candidate[ci]!)) };
}

function fmtDate(d: readonly [number, number, number]): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return [pad(d[0], 4), d[1] === 0 ? undefined : pad(d[1], 2), d[2] === 0 ? undefined : pad(d[2], 2)]
    .filter((p) => p !== undefined)
    .join('-');
}

/** The date of birth's evidence: a change of score and its sentence (written only when `explain`). */
function compareDates(
  q: readonly [number, number, number],
  c: readonly [number, number, number],
  explain: boolean,
): [number, string] {
  const [qy, qm, qd] = q;
  const [cy, cm, cd] = c;
  const monthsAgree = qm === 0 || cm === 0 || qm === cm;
  const daysAgree = qd === 0 || cd === 0 || qd === cd;
  if (qy === cy && monthsAgree && daysAgree) {
    if (qm !== 0 && cm !== 0 && qd !== 0 && cd !== 0) return [0.12, 'date of birth equal'];
    if (qm !== 0 && cm !== 0) return [0.07, explain ? `date of birth agrees as far as known (${fmtDate(c)})` : ''];
    return [0.04, `year of birth equal (${qy})`];
  }
  if (qy === cy && qm !== 0 && qd !== 0 && qm === cd && qd === cm) {
    return [0.06, 'date of birth equal with day and month swapped'];
  }
  if (Math.abs(qy - cy) === 1 && monthsAgree && daysAgree) {
    return [0.02, `year of birth one apart (${qy} and ${cy})`];
  }
  return [DATE_DIFFERS, explain ? `date of birth differs (${fmtDate(q)} and ${fmtDate(c)})` : ''];
}

/** A scored candidate: 0..1 and why. */
export interface ProfileScore {
  readonly score: number;
  readonly reasons: readonly string[];
}

/**
 * Scores a candidate against a query (0..1, higher is better) and explains it: the best pair
 * of names (parts aligned by type, family and given swapped when untyped or mislabelled, a
 * patronymic on one side only costing little), then the date of birth (equal, partial,
 * day and month swapped, year one apart, or differing), sex, nationality and document numbers
 * raise or lower it. A query without names scores by its documents alone.
 */
export function scoreProfile(query: PersonProfile, candidate: PersonProfile): ProfileScore {
  const best = bestNames(query, candidate);
  const out = best.score > 0 ? scoreName(best.query, best.candidate).reasons : [];
  const rest = beyondNames(query, candidate, out);
  return { score: rounded(nameScore(query, best.score, rest.docEqual) + rest.delta), reasons: out };
}

/** {@link scoreProfile}'s score without its reasons: what linking compares with its threshold before it explains a pair. */
export function profileScore(query: PersonProfile, candidate: PersonProfile): number {
  const rest = beyondNames(query, candidate, undefined);
  return rounded(nameScore(query, bestNames(query, candidate).score, rest.docEqual) + rest.delta);
}

/** The best pair of names of query and candidate, by {@link alignName} (the first best). */
function bestNames(
  query: PersonProfile,
  candidate: PersonProfile,
): { readonly score: number; readonly query: readonly ProfilePart[]; readonly candidate: readonly ProfilePart[] } {
  let qn = distinctNames(query);
  const cn = distinctNames(candidate);
  // The candidate's names started the memo again: the query's ids are of the old generation.
  if (qn.generation !== cn.generation) qn = distinctNames(query);
  let name = 0;
  let bestQuery: readonly ProfilePart[] = [];
  let bestCandidate: readonly ProfilePart[] = [];
  for (let qi = 0; qi < qn.names.length; qi++) {
    const q = qn.names[qi]!;
    const qid = qn.ids[qi]!;
    for (let ci = 0; ci < cn.names.length; ci++) {
      const c = cn.names[ci]!;
      const cid = cn.ids[ci]!;
      const pair = nameSimilarities.pairOfIds(qid, cid);
      let s = nameSimilarities.value(pair);
      if (s === undefined) {
        s = alignName(q, c, false).score;
        nameSimilarities.keep(pair, s);
      }
      if (s > name) {
        name = s;
        bestQuery = q;
        bestCandidate = c;
      }
    }
  }
  return { score: name, query: bestQuery, candidate: bestCandidate };
}

/**
 * Scores of pairs of names aligned, by their parts' kinds, keys and skeletons (what alignName
 * reads). 2^18 slots (4 MiB): linking 100,000 namesakes (640 distinct names) ran as fast with
 * them as with 2^20, and 20% faster than with the 50,000 pairs a map held before.
 */
const nameSimilarities = new PairMemo<readonly ProfilePart[]>(18, 50_000, (name) =>
  name.map((p) => `${p.t}\u0001${p.s}\u0001${p.k.join('\u0002')}`).join('\u0003'),
);

/** A profile's names, each text once (the first of equal ones), with their ids in {@link nameSimilarities}. */
interface DistinctNames {
  readonly names: readonly (readonly ProfilePart[])[];
  readonly ids: readonly number[];
  /** The {@link PairMemo.generation} of the ids. */
  readonly generation: number;
}

/** Each profile's {@link DistinctNames}, worked out once per profile object (profiles are never mutated). */
const distinctNamesOf = new WeakMap<PersonProfile, DistinctNames>();

/**
 * The profile's names without repeats: a name in two scripts often has the same keys and
 * skeletons in both, and the first of equal names is the one the best pair takes anyway.
 */
function distinctNames(profile: PersonProfile): DistinctNames {
  let out = distinctNamesOf.get(profile);
  while (out === undefined || out.generation !== nameSimilarities.generation) {
    const generation = nameSimilarities.generation;
    const names: (readonly ProfilePart[])[] = [];
    const ids: number[] = [];
    for (const name of profile.n) {
      const id = nameSimilarities.id(name);
      if (ids.includes(id)) continue;
      names.push(name);
      ids.push(id);
    }
    // (Should a name have started the memo again, the loop takes the names again.)
    out = { names, ids, generation };
    distinctNamesOf.set(profile, out);
  }
  return out;
}

/**
 * The highest score {@link scoreProfile} can give the pair, from everything but the names (as
 * if they were equal): cheap, and never below the score, so that a pair whose ceiling is under
 * a threshold need not be scored.
 */
export function scoreCeiling(query: PersonProfile, candidate: PersonProfile): number {
  const rest = beyondNames(query, candidate, undefined);
  return rounded(nameScore(query, candidate.n.length === 0 ? 0 : 1, rest.docEqual) + rest.delta);
}

function rounded(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}

/** The names' share of a score: a query without names scores by its documents alone. */
function nameScore(query: PersonProfile, name: number, docEqual: boolean): number {
  return query.n.length === 0 ? (docEqual ? 0.95 : 0) : NAME_WEIGHT * name + (docEqual ? 0.3 : 0);
}

/**
 * The evidence besides the names: an equal document, and how the date of birth, sex and
 * nationality move the score; their sentences appended to `out` when given.
 */
function beyondNames(
  query: PersonProfile,
  candidate: PersonProfile,
  out: string[] | undefined,
): { readonly docEqual: boolean; readonly delta: number } {
  let docEqual = false;
  for (const qd of query.d) {
    const same = candidate.d.find(
      (cd) =>
        cd.n === qd.n && (qd.t === '' || cd.t === '' || qd.t === cd.t) && (qd.c === '' || cd.c === '' || qd.c === cd.c),
    );
    if (same !== undefined) {
      docEqual = true;
      out?.push(`document ${[same.t || 'DOCUMENT', same.n, same.c].filter((p) => p !== '').join(' ')} equal`);
      break;
    }
  }
  let delta = 0;
  if (query.b !== undefined && candidate.b !== undefined) {
    const [d, reason] = compareDates(query.b, candidate.b, out !== undefined);
    delta += d;
    out?.push(reason);
  }
  if (query.x !== undefined && candidate.x !== undefined) {
    if (query.x === candidate.x) {
      delta += SEX_EQUAL;
      out?.push('sex equal');
    } else {
      delta -= 0.15;
      out?.push('sex differs');
    }
  }
  if (query.a.length > 0 && candidate.a.length > 0) {
    const shared = query.a.filter((a) => candidate.a.includes(a));
    if (shared.length > 0) {
      delta += NATIONALITY_SHARED;
      out?.push(`nationality ${shared.join(', ')} shared`);
    } else delta -= 0.02;
  }
  return { docEqual, delta };
}

/** What a reason may name of a person: a name, a document number, a date (each rule: the pattern, its replacement). */
const CONTENT_IN_REASONS: readonly (readonly [RegExp, string])[] = [
  [/ via (ICAO key|key|skeleton) \S+$/, ' via $1'],
  [/ close to \S+ (\([0-9.]+\))$/, ' close $1'],
  [/^document (\S+) .* equal$/, 'document $1 equal'],
  [/^nationality .* shared$/, 'nationality shared'],
  [/ \(\d{4}[^)]*\)$/, ''],
];

/**
 * A score's reasons without the person's data: which evidence matched, not the names, document
 * numbers or dates it matched on ("family name via ICAO key", "family name close (0.93)",
 * "document PASSPORT equal", "year of birth one apart"). For lists that roles without access to
 * record content read (candidate links).
 */
export function reasonsWithoutContent(reasons: readonly string[]): string[] {
  return reasons.map((reason) => CONTENT_IN_REASONS.reduce((r, [pattern, by]) => r.replace(pattern, by), reason));
}
