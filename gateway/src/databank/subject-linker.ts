import { createHash } from 'node:crypto';
import type { SqlDb } from '../db/sql-db.js';
import { insertRows, marks, padded } from '../db/insert-rows.js';
import { DEFAULT_LINK_THRESHOLD } from '../config/link-threshold.js';
import { PersonLinkProposer } from './person-links.js';
import type { VocabularyEntry } from '../search/search-index.js';
import { reasonsWithoutContent } from '../search/person-score.js';
import { IdentifierKind, SubjectCategory, type SubjectKeys } from './subject-keys.js';

/** The columns of a subject's listing row. */
const LIST_COLUMNS = ['exercise', 'list_key', 'updated_at', 'subject_id'] as const;
/** A bank record's identity: namespace (1 = exercise), originator, record id. */
export interface RecordKey {
  readonly exercise: number;
  readonly originator: string;
  readonly recordId: string;
}

/** Candidate link states. `closed`: its records are one subject now (it reopens if they part). */
export const CandidateStatus = {
  OPEN: 'open',
  CONFIRMED: 'confirmed',
  REJECTED: 'rejected',
  CLOSED: 'closed',
} as const;
/** One of the candidate states. */
export type CandidateStatus = (typeof CandidateStatus)[keyof typeof CandidateStatus];

/** The operators' decision kinds. */
export const DecisionKind = { CONFIRM: 'confirm', REJECT: 'reject', SPLIT: 'split', REVERT: 'revert' } as const;
/** One of the decision kinds. */
export type DecisionKind = (typeof DecisionKind)[keyof typeof DecisionKind];

/** A row of `databank_decisions`. */
export interface DecisionRow {
  readonly decision_id: number;
  readonly exercise: number;
  readonly kind: DecisionKind;
  readonly at_leaf: number;
  readonly made_at: number;
  readonly actor: string;
  readonly reason: string;
  readonly candidate_id: string | null;
  readonly subject_id: string | null;
  readonly a_originator: string | null;
  readonly a_record_id: string | null;
  readonly b_originator: string | null;
  readonly b_record_id: string | null;
  readonly target_decision: number | null;
}

/**
 * Organisations' candidates proposed per name key and side: a name shared by hundreds proposes
 * the first ones only (persons' candidates come from the search: MAX_CANDIDATES_PER_RECORD).
 */
export const MAX_CANDIDATES_PER_KEY = 50;

interface MemberRow {
  subject_id: string;
  originator: string;
  record_id: string;
  category: SubjectCategory;
  first_leaf: number;
  nationalities: string;
  /** The record's rows of databank_identifiers, as JSON (see {@link identifierList}). */
  identifiers: string;
}

/** One of a record's rows of databank_identifiers. */
interface HeldIdentifier {
  readonly kind: string;
  readonly value: string;
  readonly linkable: number;
}

const MEMBER_COLUMNS = 'subject_id, originator, record_id, category, first_leaf, nationalities, identifiers';

/**
 * A record's identifiers as kept beside its subject membership: `[[kind, value, linkable], ...]`
 * sorted by kind and value, so that a rebuilt bank holds the same text.
 */
function identifierList(identifiers: readonly HeldIdentifier[]): string {
  const sorted = [...identifiers].sort((a, b) =>
    a.kind === b.kind ? (a.value < b.value ? -1 : a.value > b.value ? 1 : 0) : a.kind < b.kind ? -1 : 1,
  );
  return JSON.stringify(sorted.map((i) => [i.kind, i.value, i.linkable]));
}

/** The identifiers a member row holds. */
function heldIdentifiers(member: { identifiers: string }): HeldIdentifier[] {
  return (JSON.parse(member.identifiers) as [string, string, number][]).map(([kind, value, linkable]) => ({
    kind,
    value,
    linkable,
  }));
}

/** The name keys a member row holds. */
function namesOf(member: { identifiers: string }): string[] {
  return heldIdentifiers(member)
    .filter((i) => i.kind === IdentifierKind.NAME)
    .map((i) => i.value);
}

/** A subject's row as its listing needs it: where its listing rows are. */
interface ListedSubject {
  exercise: number;
  category: string;
  listed_at: number;
  /** JSON array of its listing keys, sorted. */
  list_keys: string;
}

interface CandidateRow {
  candidate_id: string;
  a_originator: string;
  a_record_id: string;
  b_originator: string;
  b_record_id: string;
  a_subject: string;
  b_subject: string;
  status: CandidateStatus;
  decided_by: number | null;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 24);
const recordText = (k: RecordKey): string => `${k.originator}\u0000${k.recordId}`;
const same = (a: RecordKey, b: RecordKey): boolean => a.originator === b.originator && a.recordId === b.recordId;

/**
 * A subject's id: derived from its founder, the record that came first in the log, from the
 * leaf that brought it (`S-000000001234`; exercise subjects `SX-...`), so that a rebuild gives
 * the same ids, and new subjects append to the indexes keyed by subject rather than land
 * anywhere in them.
 */
export function subjectIdOf(exercise: number, founderLeaf: number): string {
  return `${exercise === 1 ? 'SX' : 'S'}-${String(founderLeaf).padStart(12, '0')}`;
}

/** A candidate link's id, from its (ordered) pair of records: the same pair always has the same id. */
export function candidateIdOf(exercise: number, a: RecordKey, b: RecordKey): string {
  return `C-${hash(`candidate\u0000${exercise}\u0000${recordText(a)}\u0000${recordText(b)}`)}`;
}

/** The pair in its canonical order. */
function ordered(a: RecordKey, b: RecordKey): [RecordKey, RecordKey] {
  return recordText(a) < recordText(b) ? [a, b] : [b, a];
}

/** A record's identifiers as it holds them: names always linkable, strong ones as `linkable` says. */
function withLinkable(identifiers: readonly { kind: string; value: string }[], linkable: number): HeldIdentifier[] {
  return identifiers.map((i) => ({
    kind: i.kind,
    value: i.value,
    linkable: i.kind === IdentifierKind.NAME ? 1 : linkable,
  }));
}

function facetsOf(originator: string, nationalities: readonly string[]): string[] {
  return [`m:${originator}`, ...nationalities.map((n) => `n:${n}`)];
}

/**
 * A subject's listing keys: its category with each filter it matches (`person|*`,
 * `person|m:KZ`, `person|n:RU`); a listing of every category reads one range per category.
 */
function listKeysOf(category: string, facets: readonly string[]): string[] {
  return ['*', ...facets].map((f) => `${category}|${f}`);
}

/** Disjoint sets over record texts. */
class UnionFind {
  readonly #parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.#parent.get(root) !== undefined && this.#parent.get(root) !== root) root = this.#parent.get(root)!;
    this.#parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent.set(ra, rb);
  }
}

/**
 * Links the bank's current person and organisation records into subjects (DESIGN.md section 9),
 * inside the projection's transaction: records sharing a strong identifier, or joined by an
 * operator's confirmed link, are one subject (connected components); persons the search scores
 * at least the link threshold ({@link PersonLinkProposer}), and organisations of different
 * subjects sharing a name key, are candidate links. Every change is local: a record joining a
 * subject costs a few index lookups; only a removed link (a changed document, a withdrawal, a
 * split) walks the subject it leaves.
 */
export class SubjectLinker {
  readonly #persons: PersonLinkProposer;

  constructor(
    private readonly db: SqlDb,
    options: { readonly linkThreshold?: number } = {},
  ) {
    this.#persons = new PersonLinkProposer(db, candidateIdOf, options.linkThreshold ?? DEFAULT_LINK_THRESHOLD);
  }

  /** The score from which two person records are a candidate link. */
  get linkThreshold(): number {
    return this.#persons.threshold;
  }

  /**
   * Proposes the candidate links of the persons changed since the last call: call once the
   * search index holds their profiles (the projection does, after each batch and before each
   * operator decision it applies).
   */
  proposePending(): Promise<void> {
    return this.#persons.proposePending();
  }

  /** Forgets the persons waiting for their candidates (a batch that failed is applied again). */
  discardPending(): void {
    this.#persons.discard();
  }

  /** Runs a projection batch (see PersonLinkProposer.withinBatch). */
  withinBatch<T>(fn: () => Promise<T>): Promise<T> {
    return this.#persons.withinBatch(fn);
  }

  /** The search index's vocabulary gained these skeletons (see PersonLinkProposer.vocabularyAdded). */
  vocabularyAdded(added: readonly VocabularyEntry[]): void {
    this.#persons.vocabularyAdded(added);
  }

  /** Queues the person `key` for {@link proposePending} (`relink` re-proposes every person so). */
  queuePerson(key: RecordKey): void {
    this.#persons.queue(key);
  }

  /**
   * A version of `key` became current: (re)computes its identifiers and links. `isNew`: the
   * record's first version in the bank.
   */
  async currentChanged(key: RecordKey, keys: SubjectKeys, leaf: number, at: number, isNew: boolean): Promise<void> {
    // A record new to the bank has no subject, no decision about it, no confirmed link.
    if (isNew) {
      await this.#add(key, keys, leaf, at, true);
      return;
    }
    // Its subject and identifiers in one read (one round trip on PostgreSQL).
    const member = await this.#member(key);
    if (member !== undefined && member.category !== keys.category) {
      // A record that changes category leaves its subject and is linked again as what it is now.
      await this.#remove(key, member, at);
      await this.#add(key, keys, member.first_leaf, at, false);
      return;
    }
    if (member === undefined) {
      await this.#add(key, keys, leaf, at, false);
      return;
    }
    const subjectId = member.subject_id;
    const old = heldIdentifiers(member);
    const text = (i: { kind: string; value: string }): string => `${i.kind}\u0000${i.value}`;
    const next = new Set(keys.identifiers.map(text));
    const prev = new Set(old.map(text));
    const removed = old.filter((i) => !next.has(text(i)));
    const added = keys.identifiers.filter((i) => !prev.has(text(i)));
    const nationalities = JSON.stringify(keys.nationalities);
    // A person's candidates follow every version: any of its facts may change their scores.
    if (keys.category === SubjectCategory.PERSON) this.#persons.queue(key);
    if (removed.length === 0 && added.length === 0 && nationalities === member.nationalities) {
      // The common update: same identifiers, same facets; only the subject's update time moves.
      await this.#relist(subjectId, at);
      return;
    }
    await this.#deleteIdentifiers(key, subjectId, removed);
    const strongAdded = added.some((i) => i.kind !== IdentifierKind.NAME);
    const linkable = strongAdded && (await this.#detached(key)) ? 0 : 1;
    const inserted = withLinkable(added, linkable);
    await this.#insertIdentifiers(key, inserted, subjectId);
    const kept = old.filter((i) => next.has(text(i)));
    await this.#storeIdentifiers(key, [...kept, ...inserted]);
    if (nationalities !== member.nationalities) {
      await this.#addFacets(subjectId, facetsOf(key.originator, JSON.parse(member.nationalities) as string[]), -1);
      await this.#addFacets(subjectId, facetsOf(key.originator, keys.nationalities), 1);
      await this.db.run(
        'UPDATE databank_subject_records SET nationalities = ? WHERE exercise = ? AND originator = ? AND record_id = ?',
        [nationalities, key.exercise, key.originator, key.recordId],
      );
    }
    const touched = new Set<string>([subjectId]);
    if (removed.some((i) => i.kind !== IdentifierKind.NAME && i.linkable === 1)) {
      for (const s of await this.#resplit(subjectId)) touched.add(s);
    }
    if (strongAdded && linkable === 1) touched.add(await this.#merge(key));
    if (removed.some((i) => i.kind === IdentifierKind.NAME)) await this.#dropUnmatchedCandidates(key);
    if (added.some((i) => i.kind === IdentifierKind.NAME)) await this.#proposeCandidates(key, leaf);
    await this.#touch(touched, at);
  }

  /**
   * `key` was withdrawn: it leaves its subject and its open candidates at once. The same for a
   * record that leaves the current view for another reason (its review date passed); when a
   * version makes it current again, {@link currentChanged} links it anew.
   */
  async withdrawn(key: RecordKey, at: number): Promise<void> {
    const member = await this.#member(key);
    if (member !== undefined) await this.#remove(key, member, at);
  }

  /**
   * Applies an operator decision at its place in the log (after the leaves before `at_leaf`,
   * with the search index and the candidates of those leaves written: see {@link proposePending}).
   */
  async applyDecision(d: DecisionRow): Promise<void> {
    switch (d.kind) {
      case DecisionKind.CONFIRM:
        await this.#confirm(d);
        break;
      case DecisionKind.REJECT:
        await this.#reject(d);
        break;
      case DecisionKind.SPLIT:
        await this.#split(d);
        break;
      case DecisionKind.REVERT:
        await this.#revert(d);
        break;
    }
    // Persons whose subjects it changed are proposed again at once, live or rebuilt alike.
    await this.#persons.proposePending();
    await this.db.run('INSERT INTO databank_decisions_applied (decision_id) VALUES (?)', [d.decision_id]);
  }

  /** Decisions not applied yet, in the order they were made. */
  pendingDecisions(): Promise<DecisionRow[]> {
    return this.db.all<DecisionRow>(
      `SELECT * FROM databank_decisions
       WHERE decision_id > (SELECT COALESCE(MAX(decision_id), 0) FROM databank_decisions_applied)
       ORDER BY decision_id`,
    );
  }

  async #member(key: RecordKey): Promise<MemberRow | undefined> {
    return this.db.get<MemberRow>(
      `SELECT ${MEMBER_COLUMNS} FROM databank_subject_records WHERE exercise = ? AND originator = ? AND record_id = ?`,
      [key.exercise, key.originator, key.recordId],
    );
  }

  async #subjectOf(key: RecordKey): Promise<string | undefined> {
    return (
      await this.db.get<{ subject_id: string }>(
        'SELECT subject_id FROM databank_subject_records WHERE exercise = ? AND originator = ? AND record_id = ?',
        [key.exercise, key.originator, key.recordId],
      )
    )?.subject_id;
  }

  async #detached(key: RecordKey): Promise<boolean> {
    return (
      (await this.db.get(
        'SELECT 1 AS one FROM databank_detached WHERE exercise = ? AND originator = ? AND record_id = ?',
        [key.exercise, key.originator, key.recordId],
      )) !== undefined
    );
  }

  /**
   * Writes rows of databank_identifiers (the record's list is kept by {@link #storeIdentifiers}),
   * in statements within the engines' limits on parameters: a record may hold thousands.
   */
  async #insertIdentifiers(key: RecordKey, identifiers: readonly HeldIdentifier[], subjectId: string): Promise<void> {
    await insertRows(
      this.db,
      'databank_identifiers',
      ['exercise', 'kind', 'value', 'linkable', 'subject_id', 'originator', 'record_id'],
      identifiers.map((i) => [key.exercise, i.kind, i.value, i.linkable, subjectId, key.originator, key.recordId]),
    );
  }

  /** Deletes rows of databank_identifiers by their whole primary key. */
  async #deleteIdentifiers(key: RecordKey, subjectId: string, identifiers: readonly HeldIdentifier[]): Promise<void> {
    for (const i of identifiers) {
      await this.db.run(
        `DELETE FROM databank_identifiers WHERE exercise = ? AND kind = ? AND value = ? AND linkable = ?
           AND subject_id = ? AND originator = ? AND record_id = ?`,
        [key.exercise, i.kind, i.value, i.linkable, subjectId, key.originator, key.recordId],
      );
    }
  }

  /** Keeps the record's identifiers beside its membership (what its rows of databank_identifiers are). */
  async #storeIdentifiers(key: RecordKey, identifiers: readonly HeldIdentifier[]): Promise<void> {
    await this.db.run(
      'UPDATE databank_subject_records SET identifiers = ? WHERE exercise = ? AND originator = ? AND record_id = ?',
      [identifierList(identifiers), key.exercise, key.originator, key.recordId],
    );
  }

  /** Moves a record's rows of databank_identifiers to another subject (the key holds the subject). */
  async #moveIdentifiers(
    key: RecordKey,
    identifiers: readonly HeldIdentifier[],
    from: string,
    to: string,
  ): Promise<void> {
    for (const i of identifiers) {
      await this.db.run(
        `UPDATE databank_identifiers SET subject_id = ? WHERE exercise = ? AND kind = ? AND value = ? AND linkable = ?
           AND subject_id = ? AND originator = ? AND record_id = ?`,
        [to, key.exercise, i.kind, i.value, i.linkable, from, key.originator, key.recordId],
      );
    }
  }

  /**
   * A new record (or one that changed category) joins the bank. The usual case, a record
   * whose strong identifiers all lead to one subject (or none), joins it (or founds one)
   * directly; one that bridges several founds its own and merges them. `fresh`: first seen
   * now (not a record changing category).
   */
  async #add(key: RecordKey, keys: SubjectKeys, firstLeaf: number, at: number, fresh: boolean): Promise<void> {
    // A record new to the bank has no decisions about it yet (no split, no confirmed link).
    const linkable = !fresh && (await this.#detached(key)) ? 0 : 1;
    const found = new Set<string>();
    if (linkable === 1) {
      for (const id of keys.identifiers) {
        if (id.kind === IdentifierKind.NAME) continue;
        for (const s of await this.#subjectsHolding(key.exercise, id)) found.add(s);
      }
    }
    for (const other of fresh ? [] : await this.#linkedRecords(key)) {
      const s = await this.#subjectOf(other);
      if (s !== undefined) found.add(s);
    }
    const own = subjectIdOf(key.exercise, firstLeaf);
    const joined = found.size === 1 ? [...found][0]! : undefined;
    const founder =
      joined === undefined
        ? undefined
        : await this.db.get<{ founder_leaf: number }>(
            'SELECT founder_leaf FROM databank_subjects WHERE subject_id = ?',
            [joined],
          );
    // A subject founded before this record is joined as it is; otherwise this record founds one.
    const subjectId = joined !== undefined && founder !== undefined && founder.founder_leaf < firstLeaf ? joined : own;
    const held = withLinkable(keys.identifiers, linkable);
    await this.db.run(
      `INSERT INTO databank_subject_records (exercise, originator, record_id, subject_id, category, first_leaf,
         nationalities, identifiers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        key.exercise,
        key.originator,
        key.recordId,
        subjectId,
        keys.category,
        firstLeaf,
        JSON.stringify(keys.nationalities),
        identifierList(held),
      ],
    );
    const facets = facetsOf(key.originator, keys.nationalities);
    const listKeys = listKeysOf(keys.category, facets).sort();
    // A subject founded alone is listed at once; one that merges others is listed once merged.
    const alone = subjectId === own && found.size === 0;
    if (subjectId === own) {
      await this.db.run(
        `INSERT INTO databank_subjects (subject_id, exercise, category, founder_leaf, founder_originator,
           founder_record_id, records, listed_at, list_keys) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        [
          subjectId,
          key.exercise,
          keys.category,
          firstLeaf,
          key.originator,
          key.recordId,
          alone ? at : 0,
          alone ? JSON.stringify(listKeys) : '[]',
        ],
      );
    } else {
      await this.db.run('UPDATE databank_subjects SET records = records + 1 WHERE subject_id = ?', [subjectId]);
    }
    await this.#addFacets(subjectId, facets, 1);
    await this.#insertIdentifiers(key, held, subjectId);
    const final = subjectId === own && found.size > 0 ? await this.#merge(key) : subjectId;
    if (keys.category === SubjectCategory.PERSON) this.#persons.queue(key);
    else {
      const names = keys.identifiers.filter((i) => i.kind === IdentifierKind.NAME).map((i) => i.value);
      await this.#proposeCandidates(key, firstLeaf, final, names);
    }
    if (alone) {
      await insertRows(
        this.db,
        'databank_subject_list',
        LIST_COLUMNS,
        listKeys.map((k) => [key.exercise, k, at, subjectId]),
      );
    } else if (subjectId === own) {
      await this.#touch(new Set([final]), at);
    } else {
      // Joined: the subject's time moves and this record's facets are added (those it had stay).
      await this.#relist(subjectId, at, listKeys);
    }
  }

  /** The subjects holding a linkable strong identifier: one index read when one subject holds it. */
  async #subjectsHolding(exercise: number, id: { kind: string; value: string }): Promise<string[]> {
    const where = 'FROM databank_identifiers WHERE exercise = ? AND kind = ? AND value = ? AND linkable = 1';
    const range = await this.db.get<{ first: string | null; last: string | null }>(
      `SELECT (SELECT subject_id ${where} ORDER BY subject_id LIMIT 1) AS first,
              (SELECT subject_id ${where} ORDER BY subject_id DESC LIMIT 1) AS last`,
      [exercise, id.kind, id.value, exercise, id.kind, id.value],
    );
    if (range?.first == null || range.last == null) return [];
    const subjects = [range.first];
    // Several subjects (before a bridging record merges them): one index seek per subject.
    while (subjects.at(-1)! < range.last) {
      const next = await this.db.get<{ subject_id: string }>(
        `SELECT subject_id FROM databank_identifiers
         WHERE exercise = ? AND kind = ? AND value = ? AND linkable = 1 AND subject_id > ?
         ORDER BY subject_id LIMIT 1`,
        [exercise, id.kind, id.value, subjects.at(-1)!],
      );
      if (next === undefined) break;
      subjects.push(next.subject_id);
    }
    return subjects;
  }

  /** `key` leaves the bank's subjects (withdrawn, or changing category). */
  async #remove(key: RecordKey, member: MemberRow, at: number): Promise<void> {
    const subjectId = member.subject_id;
    const where = 'exercise = ? AND originator = ? AND record_id = ?';
    const params = [key.exercise, key.originator, key.recordId];
    await this.#deleteIdentifiers(key, subjectId, heldIdentifiers(member));
    await this.db.run(`DELETE FROM databank_subject_records WHERE ${where}`, params);
    await this.db.run(
      `DELETE FROM databank_candidates WHERE status IN ('open', 'closed') AND
       ((exercise = ? AND a_originator = ? AND a_record_id = ?) OR (exercise = ? AND b_originator = ? AND b_record_id = ?))`,
      [...params, ...params],
    );
    await this.#addFacets(subjectId, facetsOf(key.originator, JSON.parse(member.nationalities) as string[]), -1);
    await this.db.run('UPDATE databank_subjects SET records = records - 1 WHERE subject_id = ?', [subjectId]);
    await this.#touch(new Set(await this.#resplit(subjectId)).add(subjectId), at);
  }

  /** Adds `delta` to the subject's count of records per facet (member, nationality), dropping zeros. */
  async #addFacets(subjectId: string, facets: readonly string[], delta: number): Promise<void> {
    if (facets.length === 0) return;
    await insertRows(
      this.db,
      'databank_subject_facets',
      ['subject_id', 'facet', 'records'],
      facets.map((f) => [subjectId, f, delta]),
      ' ON CONFLICT (subject_id, facet) DO UPDATE SET records = databank_subject_facets.records + excluded.records',
    );
    if (delta < 0)
      await this.db.run('DELETE FROM databank_subject_facets WHERE subject_id = ? AND records <= 0', [subjectId]);
  }

  /**
   * Merges the subject of `key` with every subject its strong identifiers and active confirmed
   * links reach (nothing else can have joined them: every other link was inside a subject
   * already). The subject with the oldest founder survives. Returns the resulting subject.
   */
  async #merge(key: RecordKey): Promise<string> {
    const member = await this.#member(key);
    if (member === undefined) return '';
    const own = member.subject_id;
    const others = new Set<string>();
    const strong = heldIdentifiers(member).filter((i) => i.kind !== IdentifierKind.NAME && i.linkable === 1);
    for (const id of strong) {
      for (const s of await this.#subjectsHolding(key.exercise, id)) if (s !== own) others.add(s);
    }
    for (const other of await this.#linkedRecords(key)) {
      const s = await this.#subjectOf(other);
      if (s !== undefined && s !== own) others.add(s);
    }
    if (others.size === 0) return own;

    const ids = [own, ...[...others].sort()];
    const list = padded(ids);
    const subjects = await this.db.all<{
      subject_id: string;
      founder_leaf: number;
      founder_originator: string;
      founder_record_id: string;
      records: number;
    }>(
      `SELECT subject_id, founder_leaf, founder_originator, founder_record_id, records FROM databank_subjects
       WHERE subject_id IN (${marks(list.length)})`,
      list,
    );
    subjects.sort(
      (a, b) =>
        a.founder_leaf - b.founder_leaf ||
        (`${a.founder_originator}\u0000${a.founder_record_id}` < `${b.founder_originator}\u0000${b.founder_record_id}`
          ? -1
          : 1),
    );
    const survivor = subjects[0]!.subject_id;
    let records = 0;
    for (const s of subjects) {
      records += s.records;
      if (s.subject_id === survivor) continue;
      const moving = await this.db.all<{ originator: string; record_id: string; identifiers: string }>(
        'SELECT originator, record_id, identifiers FROM databank_subject_records WHERE subject_id = ?',
        [s.subject_id],
      );
      for (const m of moving) {
        const mkey = { exercise: key.exercise, originator: m.originator, recordId: m.record_id };
        await this.#moveIdentifiers(mkey, heldIdentifiers(m), s.subject_id, survivor);
      }
      await this.db.run('UPDATE databank_subject_records SET subject_id = ? WHERE subject_id = ?', [
        survivor,
        s.subject_id,
      ]);
      await this.db.run('UPDATE databank_candidates SET a_subject = ? WHERE a_subject = ?', [survivor, s.subject_id]);
      await this.db.run('UPDATE databank_candidates SET b_subject = ? WHERE b_subject = ?', [survivor, s.subject_id]);
      const facets = await this.db.all<{ facet: string; records: number }>(
        'SELECT facet, records FROM databank_subject_facets WHERE subject_id = ?',
        [s.subject_id],
      );
      for (const f of facets) {
        await this.db.run(
          `INSERT INTO databank_subject_facets (subject_id, facet, records) VALUES (?, ?, ?)
           ON CONFLICT (subject_id, facet) DO UPDATE SET records = databank_subject_facets.records + excluded.records`,
          [survivor, f.facet, f.records],
        );
      }
      await this.#dropSubject(s.subject_id);
    }
    await this.db.run('UPDATE databank_subjects SET records = ? WHERE subject_id = ?', [records, survivor]);
    await this.db.run(
      `UPDATE databank_candidates SET status = 'closed' WHERE status = 'open' AND a_subject = ? AND b_subject = ?`,
      [survivor, survivor],
    );
    return survivor;
  }

  async #dropSubject(subjectId: string): Promise<void> {
    const listed = await this.#listed(subjectId);
    if (listed !== undefined) await this.#unlist(subjectId, listed);
    await this.db.run('DELETE FROM databank_subject_facets WHERE subject_id = ?', [subjectId]);
    await this.db.run('DELETE FROM databank_subjects WHERE subject_id = ?', [subjectId]);
  }

  /** Where a subject's listing rows are, or undefined for no such subject. */
  #listed(subjectId: string): Promise<ListedSubject | undefined> {
    return this.db.get<ListedSubject>(
      'SELECT exercise, category, listed_at, list_keys FROM databank_subjects WHERE subject_id = ?',
      [subjectId],
    );
  }

  /** Deletes a subject's listing rows, by their primary keys. */
  async #unlist(subjectId: string, listed: ListedSubject): Promise<void> {
    const keys = JSON.parse(listed.list_keys) as string[];
    if (keys.length === 0) return;
    const old = padded(keys);
    await this.db.run(
      `DELETE FROM databank_subject_list WHERE exercise = ? AND list_key IN (${marks(old.length)})
         AND updated_at = ? AND subject_id = ?`,
      [listed.exercise, ...old, listed.listed_at, subjectId],
    );
  }

  /** Lists a subject under `keys` (sorted) at `at`, in place of its listing rows so far. */
  async #writeListing(subjectId: string, listed: ListedSubject, keys: readonly string[], at: number): Promise<void> {
    await this.#unlist(subjectId, listed);
    if (keys.length > 0) {
      await insertRows(
        this.db,
        'databank_subject_list',
        LIST_COLUMNS,
        keys.map((k) => [listed.exercise, k, at, subjectId]),
      );
    }
    await this.db.run('UPDATE databank_subjects SET listed_at = ?, list_keys = ? WHERE subject_id = ?', [
      at,
      JSON.stringify(keys),
      subjectId,
    ]);
  }

  /** Moves a subject's listing time to `at`, adding `extra` keys to those it is listed under. */
  async #relist(subjectId: string, at: number, extra: readonly string[] = []): Promise<void> {
    const listed = await this.#listed(subjectId);
    if (listed === undefined) return;
    const keys = [...new Set([...(JSON.parse(listed.list_keys) as string[]), ...extra])].sort();
    await this.#writeListing(subjectId, listed, keys, at);
  }

  /** The other records of `key`'s active confirmed links. */
  async #linkedRecords(key: RecordKey): Promise<RecordKey[]> {
    const rows = await this.db.all<{ originator: string; record_id: string }>(
      `SELECT b_originator AS originator, b_record_id AS record_id FROM databank_links
       WHERE exercise = ? AND a_originator = ? AND a_record_id = ? AND suspended_by IS NULL
       UNION ALL
       SELECT a_originator, a_record_id FROM databank_links
       WHERE exercise = ? AND b_originator = ? AND b_record_id = ? AND suspended_by IS NULL`,
      [key.exercise, key.originator, key.recordId, key.exercise, key.originator, key.recordId],
    );
    return rows.map((r) => ({ exercise: key.exercise, originator: r.originator, recordId: r.record_id }));
  }

  /**
   * Recomputes the components of a subject after a link inside it went away, giving each part
   * the id of its founder. Returns the subjects that now hold its records.
   */
  async #resplit(subjectId: string): Promise<string[]> {
    const members = await this.db.all<MemberRow & { exercise: number }>(
      `SELECT exercise, ${MEMBER_COLUMNS} FROM databank_subject_records
       WHERE subject_id = ? ORDER BY first_leaf, originator, record_id`,
      [subjectId],
    );
    const first = members[0];
    if (first === undefined) {
      await this.#dropSubject(subjectId);
      return [];
    }
    const exercise = first.exercise;
    const text = (m: { originator: string; record_id: string }): string => `${m.originator}\u0000${m.record_id}`;
    const uf = new UnionFind();
    const holder = new Map<string, string>();
    for (const m of members) {
      for (const i of heldIdentifiers(m)) {
        if (i.kind === IdentifierKind.NAME || i.linkable !== 1) continue;
        const k = `${i.kind}\u0000${i.value}`;
        const h = holder.get(k);
        if (h === undefined) holder.set(k, text(m));
        else uf.union(h, text(m));
      }
    }
    const inside = new Set(members.map(text));
    const links = await this.db.all<{
      a_originator: string;
      a_record_id: string;
      b_originator: string;
      b_record_id: string;
    }>(
      'SELECT a_originator, a_record_id, b_originator, b_record_id FROM databank_links WHERE exercise = ? AND suspended_by IS NULL',
      [exercise],
    );
    for (const l of links) {
      const a = `${l.a_originator}\u0000${l.a_record_id}`;
      const b = `${l.b_originator}\u0000${l.b_record_id}`;
      if (inside.has(a) && inside.has(b)) uf.union(a, b);
    }
    // Members are in founder order: the first member of each component is its founder.
    const parts = new Map<string, (typeof members)[number][]>();
    for (const m of members) {
      const root = uf.find(text(m));
      const part = parts.get(root);
      if (part === undefined) parts.set(root, [m]);
      else part.push(m);
    }
    const result: string[] = [];
    const stays = [...parts.values()].some((p) => subjectIdOf(exercise, p[0]!.first_leaf) === subjectId);
    if (!stays || parts.size > 1) await this.#dropSubject(subjectId);
    else {
      await this.db.run('UPDATE databank_subjects SET records = ? WHERE subject_id = ?', [members.length, subjectId]);
      return [subjectId];
    }
    for (const part of parts.values()) {
      const founder = part[0]!;
      const id = subjectIdOf(exercise, founder.first_leaf);
      result.push(id);
      await this.db.run(
        `INSERT INTO databank_subjects (subject_id, exercise, category, founder_leaf, founder_originator,
           founder_record_id, records) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [id, exercise, founder.category, founder.first_leaf, founder.originator, founder.record_id, part.length],
      );
      const counts = new Map<string, number>();
      for (const m of part) {
        for (const f of facetsOf(m.originator, JSON.parse(m.nationalities) as string[])) {
          counts.set(f, (counts.get(f) ?? 0) + 1);
        }
      }
      for (const [facet, n] of [...counts].sort()) {
        await this.db.run('INSERT INTO databank_subject_facets (subject_id, facet, records) VALUES (?, ?, ?)', [
          id,
          facet,
          n,
        ]);
      }
      if (id === subjectId) continue;
      for (const m of part) {
        const params = [id, exercise, m.originator, m.record_id];
        const where = 'exercise = ? AND originator = ? AND record_id = ?';
        await this.db.run(`UPDATE databank_subject_records SET subject_id = ? WHERE ${where}`, params);
        const mkey = { exercise, originator: m.originator, recordId: m.record_id };
        await this.#moveIdentifiers(mkey, heldIdentifiers(m), subjectId, id);
        await this.db.run(
          'UPDATE databank_candidates SET a_subject = ? WHERE exercise = ? AND a_originator = ? AND a_record_id = ?',
          params,
        );
        await this.db.run(
          'UPDATE databank_candidates SET b_subject = ? WHERE exercise = ? AND b_originator = ? AND b_record_id = ?',
          params,
        );
      }
    }
    // Pairs that were one subject and are two again become open candidates again; pairs never
    // proposed (they were linked from the start) are proposed now.
    for (const id of result) {
      await this.db.run(
        `UPDATE databank_candidates SET status = 'open'
         WHERE status = 'closed' AND (a_subject = ? OR b_subject = ?) AND a_subject <> b_subject`,
        [id, id],
      );
    }
    if (parts.size > 1) {
      for (const m of members) {
        const mkey = { exercise, originator: m.originator, recordId: m.record_id };
        if (m.category === SubjectCategory.PERSON) this.#persons.queue(mkey);
        else await this.#proposeCandidates(mkey, m.first_leaf);
      }
    }
    return result;
  }

  /** Proposes candidate links between `key` and records of other subjects sharing one of its name keys. */
  async #proposeCandidates(key: RecordKey, leaf: number, subjectId?: string, nameKeys?: string[]): Promise<void> {
    const member = subjectId !== undefined && nameKeys !== undefined ? undefined : await this.#member(key);
    const own = subjectId ?? member?.subject_id;
    if (own === undefined) return;
    const names = nameKeys ?? (member === undefined ? [] : namesOf(member));
    for (const value of names) {
      const partners = await this.db.all<{ subject_id: string; originator: string; record_id: string }>(
        `SELECT * FROM (SELECT subject_id, originator, record_id FROM databank_identifiers
           WHERE exercise = ? AND kind = 'name' AND value = ? AND linkable = 1 AND subject_id < ?
           ORDER BY subject_id, originator, record_id LIMIT ${MAX_CANDIDATES_PER_KEY}) below
         UNION ALL
         SELECT * FROM (SELECT subject_id, originator, record_id FROM databank_identifiers
           WHERE exercise = ? AND kind = 'name' AND value = ? AND linkable = 1 AND subject_id > ?
           ORDER BY subject_id, originator, record_id LIMIT ${MAX_CANDIDATES_PER_KEY}) above`,
        [key.exercise, value, own, key.exercise, value, own],
      );
      for (const p of partners) {
        const other: RecordKey = { exercise: key.exercise, originator: p.originator, recordId: p.record_id };
        const [a, b] = ordered(key, other);
        const [sa, sb] = same(a, key) ? [own, p.subject_id] : [p.subject_id, own];
        await this.db.run(
          `INSERT INTO databank_candidates (candidate_id, exercise, a_originator, a_record_id, b_originator, b_record_id,
             a_subject, b_subject, status, decided_by, created_leaf) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, ?)
           ON CONFLICT (candidate_id) DO NOTHING`,
          [
            candidateIdOf(key.exercise, a, b),
            key.exercise,
            a.originator,
            a.recordId,
            b.originator,
            b.recordId,
            sa,
            sb,
            leaf,
          ],
        );
      }
    }
  }

  /** Drops the undecided candidates of `key` whose other record no longer shares a name key with it. */
  async #dropUnmatchedCandidates(key: RecordKey): Promise<void> {
    const rows = await this.#candidatesOf(key);
    const member = await this.#member(key);
    const mine = new Set(member === undefined ? [] : namesOf(member));
    for (const c of rows) {
      if (c.status !== CandidateStatus.OPEN && c.status !== CandidateStatus.CLOSED) continue;
      const other =
        c.a_originator === key.originator && c.a_record_id === key.recordId
          ? { exercise: key.exercise, originator: c.b_originator, recordId: c.b_record_id }
          : { exercise: key.exercise, originator: c.a_originator, recordId: c.a_record_id };
      const theirs = await this.#member(other);
      const shared = theirs !== undefined && namesOf(theirs).some((n) => mine.has(n));
      if (!shared) await this.db.run('DELETE FROM databank_candidates WHERE candidate_id = ?', [c.candidate_id]);
    }
  }

  async #candidatesOf(key: RecordKey): Promise<CandidateRow[]> {
    const columns =
      'candidate_id, a_originator, a_record_id, b_originator, b_record_id, a_subject, b_subject, status, decided_by';
    return this.db.all<CandidateRow>(
      `SELECT ${columns} FROM databank_candidates WHERE exercise = ? AND a_originator = ? AND a_record_id = ?
       UNION ALL
       SELECT ${columns} FROM databank_candidates WHERE exercise = ? AND b_originator = ? AND b_record_id = ?`,
      [key.exercise, key.originator, key.recordId, key.exercise, key.originator, key.recordId],
    );
  }

  /** Marks subjects updated at `at` and rewrites their listing keys (subjects gone are skipped). */
  async #touch(subjects: ReadonlySet<string>, at: number): Promise<void> {
    for (const subjectId of [...subjects].sort()) {
      if (subjectId === '') continue;
      const listed = await this.#listed(subjectId);
      if (listed === undefined) continue;
      const facets = await this.db.all<{ facet: string }>(
        'SELECT facet FROM databank_subject_facets WHERE subject_id = ? ORDER BY facet',
        [subjectId],
      );
      const keys = listKeysOf(
        listed.category,
        facets.map((f) => f.facet),
      ).sort();
      await this.#writeListing(subjectId, listed, keys, at);
    }
  }

  async #confirm(d: DecisionRow): Promise<void> {
    const c = await this.#openCandidate(d);
    if (c === undefined) return;
    await this.db.run(
      `INSERT INTO databank_links (decision_id, exercise, a_originator, a_record_id, b_originator, b_record_id, suspended_by)
       VALUES (?, ?, ?, ?, ?, ?, NULL)`,
      [d.decision_id, d.exercise, c.a_originator, c.a_record_id, c.b_originator, c.b_record_id],
    );
    await this.db.run(`UPDATE databank_candidates SET status = 'confirmed', decided_by = ? WHERE candidate_id = ?`, [
      d.decision_id,
      c.candidate_id,
    ]);
    const survivor = await this.#merge({ exercise: d.exercise, originator: c.a_originator, recordId: c.a_record_id });
    await this.#touch(new Set([survivor]), d.made_at);
  }

  async #reject(d: DecisionRow): Promise<void> {
    const c = await this.#openCandidate(d);
    if (c === undefined) return;
    // The question is whether the two subjects are one: every open pair between them is answered.
    await this.db.run(
      `UPDATE databank_candidates SET status = 'rejected', decided_by = ?
       WHERE status = 'open' AND ((a_subject = ? AND b_subject = ?) OR (a_subject = ? AND b_subject = ?))`,
      [d.decision_id, c.a_subject, c.b_subject, c.b_subject, c.a_subject],
    );
  }

  async #openCandidate(d: DecisionRow): Promise<CandidateRow | undefined> {
    const read = () =>
      this.db.get<CandidateRow>(
        `SELECT candidate_id, a_originator, a_record_id, b_originator, b_record_id, a_subject, b_subject, status, decided_by
         FROM databank_candidates WHERE candidate_id = ? AND exercise = ?`,
        [d.candidate_id, d.exercise],
      );
    const c = (await read()) ?? ((await this.#restoreCandidate(d)) ? await read() : undefined);
    return c?.status === CandidateStatus.OPEN ? c : undefined;
  }

  /**
   * A decision names a candidate the bank does not hold (rebuilt with a higher link threshold,
   * or relinked): the decision still stands, so the pair it names is a candidate again, open,
   * when both records are current and of two subjects. True when it was restored.
   */
  async #restoreCandidate(d: DecisionRow): Promise<boolean> {
    if (d.a_originator === null || d.a_record_id === null || d.b_originator === null || d.b_record_id === null) {
      return false;
    }
    const a: RecordKey = { exercise: d.exercise, originator: d.a_originator, recordId: d.a_record_id };
    const b: RecordKey = { exercise: d.exercise, originator: d.b_originator, recordId: d.b_record_id };
    if (d.candidate_id !== candidateIdOf(d.exercise, a, b)) return false;
    const ma = await this.#member(a);
    const mb = await this.#member(b);
    if (ma === undefined || mb === undefined || ma.subject_id === mb.subject_id) return false;
    const scored = ma.category === SubjectCategory.PERSON ? await this.#persons.pairScore(d.exercise, a, b) : undefined;
    await this.db.run(
      `INSERT INTO databank_candidates (candidate_id, exercise, a_originator, a_record_id, b_originator, b_record_id,
         a_subject, b_subject, status, decided_by, created_leaf, score, reasons)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, ?, ?, ?)`,
      [
        d.candidate_id,
        d.exercise,
        a.originator,
        a.recordId,
        b.originator,
        b.recordId,
        ma.subject_id,
        mb.subject_id,
        Math.max(ma.first_leaf, mb.first_leaf),
        Math.round((scored?.score ?? 0) * 1000),
        // As every candidate keeps them: without the records' keys, names or dates (operators list them).
        JSON.stringify(reasonsWithoutContent(scored?.reasons ?? [])),
      ],
    );
    return true;
  }

  async #split(d: DecisionRow): Promise<void> {
    const key: RecordKey = { exercise: d.exercise, originator: d.a_originator!, recordId: d.a_record_id! };
    const subjectId = await this.#subjectOf(key);
    if (subjectId === undefined || subjectId !== d.subject_id) return;
    const others = (
      await this.db.all<{ originator: string; record_id: string }>(
        'SELECT originator, record_id FROM databank_subject_records WHERE subject_id = ?',
        [subjectId],
      )
    ).filter((m) => !(m.originator === key.originator && m.record_id === key.recordId));
    await this.db.run(
      'INSERT INTO databank_detached (decision_id, exercise, originator, record_id) VALUES (?, ?, ?, ?)',
      [d.decision_id, key.exercise, key.originator, key.recordId],
    );
    await this.#setLinkable(key, 0);
    await this.db.run(
      `UPDATE databank_links SET suspended_by = ? WHERE suspended_by IS NULL AND exercise = ? AND
       ((a_originator = ? AND a_record_id = ?) OR (b_originator = ? AND b_record_id = ?))`,
      [d.decision_id, key.exercise, key.originator, key.recordId, key.originator, key.recordId],
    );
    const parts = await this.#resplit(subjectId);
    const category = (await this.#member(key))?.category;
    if (category === SubjectCategory.PERSON) {
      // Proposed now (the index holds every profile when a decision applies): the rejections below need them.
      this.#persons.queue(key);
      await this.#persons.proposePending();
    } else await this.#proposeCandidates(key, d.at_leaf);
    // Taken out on purpose: its former subject is not proposed to it again (until reverted).
    for (const c of await this.#candidatesOf(key)) {
      if (c.status !== CandidateStatus.OPEN) continue;
      const other =
        c.a_originator === key.originator && c.a_record_id === key.recordId
          ? [c.b_originator, c.b_record_id]
          : [c.a_originator, c.a_record_id];
      if (!others.some((m) => m.originator === other[0] && m.record_id === other[1])) continue;
      await this.db.run(`UPDATE databank_candidates SET status = 'rejected', decided_by = ? WHERE candidate_id = ?`, [
        d.decision_id,
        c.candidate_id,
      ]);
    }
    await this.#touch(new Set(parts), d.made_at);
  }

  async #setLinkable(key: RecordKey, linkable: number): Promise<void> {
    const member = await this.#member(key);
    if (member === undefined) return;
    const held = heldIdentifiers(member);
    const strong = held.filter((i) => i.kind !== IdentifierKind.NAME);
    // The primary key holds `linkable`: rows are rewritten rather than updated in place.
    await this.#deleteIdentifiers(key, member.subject_id, strong);
    const rewritten = withLinkable(strong, linkable);
    await this.#insertIdentifiers(key, rewritten, member.subject_id);
    await this.#storeIdentifiers(key, [...held.filter((i) => i.kind === IdentifierKind.NAME), ...rewritten]);
  }

  async #revert(d: DecisionRow): Promise<void> {
    const target = await this.db.get<DecisionRow>('SELECT * FROM databank_decisions WHERE decision_id = ?', [
      d.target_decision,
    ]);
    if (target === undefined) return;
    const touched = new Set<string>();
    // Candidates the target decided are undecided again: open where their records are two subjects.
    const reopen = async (): Promise<void> => {
      await this.db.run(
        `UPDATE databank_candidates SET status = CASE WHEN a_subject = b_subject THEN 'closed' ELSE 'open' END,
           decided_by = NULL WHERE decided_by = ?`,
        [target.decision_id],
      );
    };
    switch (target.kind) {
      case DecisionKind.CONFIRM: {
        const link = await this.db.get<{
          a_originator: string;
          a_record_id: string;
          b_originator: string;
          b_record_id: string;
        }>('SELECT a_originator, a_record_id, b_originator, b_record_id FROM databank_links WHERE decision_id = ?', [
          target.decision_id,
        ]);
        await this.db.run('DELETE FROM databank_links WHERE decision_id = ?', [target.decision_id]);
        if (link !== undefined) {
          for (const [originator, recordId] of [
            [link.a_originator, link.a_record_id],
            [link.b_originator, link.b_record_id],
          ] as const) {
            const s = await this.#subjectOf({ exercise: target.exercise, originator, recordId });
            if (s !== undefined && !touched.has(s)) for (const p of await this.#resplit(s)) touched.add(p);
          }
        }
        await reopen();
        break;
      }
      case DecisionKind.REJECT:
        await reopen();
        break;
      case DecisionKind.SPLIT: {
        const key: RecordKey = {
          exercise: target.exercise,
          originator: target.a_originator!,
          recordId: target.a_record_id!,
        };
        await this.db.run('DELETE FROM databank_detached WHERE decision_id = ?', [target.decision_id]);
        await this.db.run('UPDATE databank_links SET suspended_by = NULL WHERE suspended_by = ?', [target.decision_id]);
        await reopen();
        if (!(await this.#detached(key))) await this.#setLinkable(key, 1);
        touched.add(await this.#merge(key));
        break;
      }
      case DecisionKind.REVERT:
        break;
    }
    await this.#touch(touched, d.made_at);
  }
}
