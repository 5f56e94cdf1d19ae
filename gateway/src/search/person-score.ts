import type { PartKind, PersonProfile, ProfilePart } from './person-profile.js';

/** Matches scoring below this are not returned: the share of name evidence a hit needs. */
export const MIN_SCORE = 0.6;

/** Weight of the names in a score; the date of birth, sex, nationality and documents move it by the rest. */
const NAME_WEIGHT = 0.78;

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

interface PartMatch {
  readonly sim: number;
  readonly reason: string;
}

function label(q: ProfilePart, c: ProfilePart): string {
  return KIND_LABEL[c.t === 'u' ? q.t : c.t];
}

/** The best evidence that two parts are one name: an equal key, an equal skeleton, or a close spelling. */
function comparePart(q: ProfilePart, c: ProfilePart): PartMatch {
  for (let i = 0; i < c.k.length; i++) {
    const key = c.k[i]!;
    if (q.k.includes(key)) {
      const kind = i === 0 && c.k.length > 1 ? 'ICAO key' : 'key';
      return { sim: 1, reason: `${label(q, c)} via ${kind} ${key.toUpperCase()}` };
    }
  }
  if (q.s === c.s) return { sim: SKELETON_EQUAL, reason: `${label(q, c)} via skeleton ${c.s}` };
  const onSkeleton = jaroWinkler(q.s, c.s);
  const onKey = jaroWinkler(q.k[0] ?? '', c.k[0] ?? '');
  const jw = Math.max(onSkeleton, onKey);
  const spelled = onSkeleton >= onKey ? c.s : (c.k[0] ?? '').toUpperCase();
  // Unrelated names still share letters (Jaro-Winkler ~0.5-0.7): below 0.85 the similarity falls fast.
  const sim = jw >= 0.85 ? jw * 0.98 : Math.max(0, jw - 0.3);
  return { sim, reason: `${label(q, c)} close to ${spelled} (${jw.toFixed(2)})` };
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

/** One name of the query against one name of the candidate: 0..1 and the reasons of the pairs that matched. */
export function scoreName(
  query: readonly ProfilePart[],
  candidate: readonly ProfilePart[],
): { readonly score: number; readonly reasons: string[] } {
  const pairs: { qi: number; ci: number; sim: number; reason: string }[] = [];
  for (let qi = 0; qi < query.length; qi++) {
    for (let ci = 0; ci < candidate.length; ci++) {
      const q = query[qi]!;
      const c = candidate[ci]!;
      const m = comparePart(q, c);
      const sim = m.sim * kindFactor(q.t, c.t);
      if (sim > 0) pairs.push({ qi, ci, sim, reason: m.reason });
    }
  }
  pairs.sort((a, b) => b.sim - a.sim || a.qi - b.qi || a.ci - b.ci);
  const qUsed = new Array<boolean>(query.length).fill(false);
  const cUsed = new Array<boolean>(candidate.length).fill(false);
  const sims = new Array<number>(query.length).fill(0);
  const reasons: { qi: number; reason: string }[] = [];
  for (const p of pairs) {
    if (qUsed[p.qi] === true || cUsed[p.ci] === true) continue;
    qUsed[p.qi] = true;
    cUsed[p.ci] = true;
    sims[p.qi] = p.sim;
    if (p.sim >= 0.8) reasons.push({ qi: p.qi, reason: p.reason });
  }
  let total = 0;
  let weights = 0;
  for (let qi = 0; qi < query.length; qi++) {
    const kind = query[qi]!.t;
    if (qUsed[qi] !== true && isMinor(kind)) {
      weights += MINOR_MISSING_WEIGHT;
      continue;
    }
    total += PART_WEIGHT[kind] * sims[qi]!;
    weights += PART_WEIGHT[kind];
  }
  for (let ci = 0; ci < candidate.length; ci++) {
    if (cUsed[ci] !== true && !isMinor(candidate[ci]!.t)) weights += CANDIDATE_EXTRA_WEIGHT;
  }
  reasons.sort((a, b) => a.qi - b.qi);
  return { score: weights === 0 ? 0 : total / weights, reasons: reasons.map((r) => r.reason) };
}

function fmtDate(d: readonly [number, number, number]): string {
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return [pad(d[0], 4), d[1] === 0 ? undefined : pad(d[1], 2), d[2] === 0 ? undefined : pad(d[2], 2)]
    .filter((p) => p !== undefined)
    .join('-');
}

/** The date of birth's evidence: a change of score and its sentence. */
function compareDates(q: readonly [number, number, number], c: readonly [number, number, number]): [number, string] {
  const [qy, qm, qd] = q;
  const [cy, cm, cd] = c;
  const monthsAgree = qm === 0 || cm === 0 || qm === cm;
  const daysAgree = qd === 0 || cd === 0 || qd === cd;
  if (qy === cy && monthsAgree && daysAgree) {
    if (qm !== 0 && cm !== 0 && qd !== 0 && cd !== 0) return [0.12, 'date of birth equal'];
    if (qm !== 0 && cm !== 0) return [0.07, `date of birth agrees as far as known (${fmtDate(c)})`];
    return [0.04, `year of birth equal (${qy})`];
  }
  if (qy === cy && qm !== 0 && qd !== 0 && qm === cd && qd === cm) {
    return [0.06, 'date of birth equal with day and month swapped'];
  }
  if (Math.abs(qy - cy) === 1 && monthsAgree && daysAgree) {
    return [0.02, `year of birth one apart (${qy} and ${cy})`];
  }
  return [-0.2, `date of birth differs (${fmtDate(q)} and ${fmtDate(c)})`];
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
  let name = 0;
  let reasons: string[] = [];
  for (const qn of query.n) {
    for (const cn of candidate.n) {
      const s = scoreName(qn, cn);
      if (s.score > name) {
        name = s.score;
        reasons = s.reasons;
      }
    }
  }
  const out = [...reasons];
  let docEqual = false;
  for (const qd of query.d) {
    const same = candidate.d.find(
      (cd) =>
        cd.n === qd.n && (qd.t === '' || cd.t === '' || qd.t === cd.t) && (qd.c === '' || cd.c === '' || qd.c === cd.c),
    );
    if (same !== undefined && !docEqual) {
      docEqual = true;
      out.push(`document ${[same.t || 'DOCUMENT', same.n, same.c].filter((p) => p !== '').join(' ')} equal`);
    }
  }
  let score = query.n.length === 0 ? (docEqual ? 0.95 : 0) : NAME_WEIGHT * name + (docEqual ? 0.3 : 0);
  if (query.b !== undefined && candidate.b !== undefined) {
    const [delta, reason] = compareDates(query.b, candidate.b);
    score += delta;
    out.push(reason);
  }
  if (query.x !== undefined && candidate.x !== undefined) {
    if (query.x === candidate.x) {
      score += 0.02;
      out.push('sex equal');
    } else {
      score -= 0.15;
      out.push('sex differs');
    }
  }
  if (query.a.length > 0 && candidate.a.length > 0) {
    const shared = query.a.filter((a) => candidate.a.includes(a));
    if (shared.length > 0) {
      score += 0.03;
      out.push(`nationality ${shared.join(', ')} shared`);
    } else score -= 0.02;
  }
  return { score: Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000, reasons: out };
}
