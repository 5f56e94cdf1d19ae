import { createHash } from 'node:crypto';
import type { ArchivedMessageRow } from '@atc/gateway';
import { atc, PayloadType, signEnvelope, type KeyPair } from '@atc/shared';
import { BENCH_MEMBERS, personRecordRequest, seededRandom } from './person-envelopes.js';
import { recordNames, searchVocabulary, seedPerson, toRecordNames, type SearchVocabulary } from './search-seed.js';

/**
 * Whose names the bank's persons carry: `namesakes`, 10 family, 8 given and 4 patronymic names
 * (every person shares a name part with thousands, a few dozen of them born in the same month
 * and years: the most linking work per record); `varied`, the search phase's syllable-built
 * names (8,192 family and 2,304 given names).
 */
export type BankNames = 'namesakes' | 'varied';

/** What the bank's projection benchmark archives, by kind. */
export interface BankTrafficMix {
  /** PersonRecords with a new record id, version 1. */
  readonly created: number;
  /** Of those, records of a person another member reported first (same passport: linked into one subject). */
  readonly corroborating: number;
  /** Later versions of a record the same member sent earlier. */
  readonly updated: number;
  /** RecordWithdrawals of a record the same member sent earlier. */
  readonly withdrawn: number;
}

/**
 * Operational data bank traffic from every bench member, signed with the members' keys, as
 * archived rows in the order members interleave: mostly new PersonRecords (85%; one in ten of
 * them about a person another member reported first, with the same passport), later versions
 * of a member's earlier records (13%: the same person, a new summary, one in five adding a
 * national id) and withdrawals of them (2%). Every content is
 * the bench's fictitious PersonRecord; the mix is seeded, so a run is reproducible apart from
 * message ids, nonces and times.
 */
export function bankTraffic(
  memberKeys: ReadonlyMap<string, KeyPair>,
  count: number,
  startMs: number,
  names: BankNames = 'namesakes',
): { readonly rows: ArchivedMessageRow[]; readonly mix: BankTrafficMix } {
  const vocabulary = names === 'varied' ? searchVocabulary() : undefined;
  const members = [...memberKeys.keys()];
  const random = seededRandom(15);
  /**
   * Per member: records sent so far with their current version and the person they describe
   * (the member and sequence number whose fictitious person they carry); withdrawn ones removed.
   */
  const sent = new Map(members.map((m) => [m, [] as SentRecord[]]));
  const people: Person[] = [];
  const sequence = new Map(members.map((m) => [m, 0]));
  const mix = { created: 0, corroborating: 0, updated: 0, withdrawn: 0 };
  const rows: ArchivedMessageRow[] = [];
  for (let i = 0; i < count; i++) {
    const member = members[i % members.length]!;
    const key = memberKeys.get(member)!;
    const seq = sequence.get(member)! + 1;
    sequence.set(member, seq);
    const earlier = sent.get(member)!;
    const roll = random();
    const pickEarlier = () => Math.floor(random() * earlier.length);
    let signed;
    if (roll < 0.02 && earlier.length > 0) {
      const [target] = earlier.splice(pickEarlier(), 1);
      signed = signEnvelope(key, withdrawalRequest(member, seq, target!.recordId));
      mix.withdrawn++;
    } else if (roll < 0.15 && earlier.length > 0) {
      const target = earlier[pickEarlier()]!;
      target.version++;
      // One update in five adds a document (a national id): the subject's identifiers change.
      if (random() < 0.2) target.nationalIds.push(`${member}-ID-${String(seq).padStart(8, '0')}`);
      signed = signEnvelope(key, personRequest(member, seq, target, vocabulary));
      mix.updated++;
    } else {
      const recordId = `${member}-P-${String(seq).padStart(8, '0')}`;
      // One new record in ten reports a person another member reported first (same passport).
      const other = people.length > 0 && random() < 0.1 ? people[Math.floor(random() * people.length)]! : undefined;
      const person = other !== undefined && other.member !== member ? other : { member, sequence: seq };
      if (person === other) mix.corroborating++;
      else people.push(person);
      const record = { recordId, version: 1, person, nationalIds: [] };
      earlier.push(record);
      signed = signEnvelope(key, personRequest(member, seq, record, vocabulary));
      mix.created++;
    }
    const header = signed.header;
    rows.push({
      messageId: signed.messageId,
      sender: member,
      payloadType: header.payloadType,
      createdAt: startMs + i,
      archivedAt: startMs + i,
      tlp: header.handling?.tlp ?? atc.v1.TlpLevel.TLP_LEVEL_AMBER,
      urgency: header.urgency,
      broadcast: false,
      exercise: false,
      correlationId: null,
      inReplyTo: null,
      senderSequence: seq,
      kid: key.kid,
      reviewBy: null,
      envelope: signed.bytes,
      envelopeSha256: createHash('sha256').update(signed.bytes).digest(),
    });
  }
  return { rows, mix };
}

/** The bench's PersonRecord of `member`, as operational data, under `recordId` at `version`. */
/** A fictitious person: the member and sequence number whose generated PersonRecord describes them. */
interface Person {
  readonly member: string;
  readonly sequence: number;
}

interface SentRecord {
  readonly recordId: string;
  version: number;
  readonly person: Person;
  /** National ids later versions added (kept by every version after). */
  readonly nationalIds: string[];
}

/**
 * Version `record.version` of a member's record: the person as first generated (names, date of
 * birth, passport), sent by `member` as its message `seq`, with a summary that changes with
 * the version, and the national ids its versions added besides the passport.
 */
function personRequest(member: string, seq: number, record: SentRecord, vocabulary?: SearchVocabulary) {
  const request = personRecordRequest(member, seq, BENCH_MEMBERS);
  const generated = personRecordRequest(record.person.member, record.person.sequence, BENCH_MEMBERS).payload;
  const content =
    vocabulary === undefined ? generated : { ...generated, names: variedNames(vocabulary, record.person), aliases: [] };
  const documents = [
    ...(content.documents ?? []),
    ...record.nationalIds.map((number) => ({
      type: atc.v1.DocumentType.DOCUMENT_TYPE_NATIONAL_ID,
      number,
      issuingCountry: member,
    })),
  ];
  return {
    ...request,
    header: { ...request.header, exercise: false },
    payload: {
      ...content,
      recordId: record.recordId,
      version: record.version,
      documents,
      summary: `${content.summary ?? ''} (version ${record.version})`,
    },
  };
}

function withdrawalRequest(member: string, seq: number, recordId: string) {
  const request = personRecordRequest(member, seq, BENCH_MEMBERS);
  return {
    header: { ...request.header, exercise: false },
    payloadType: PayloadType.RecordWithdrawal,
    payload: {
      recordId: `${member}-W-${String(seq).padStart(8, '0')}`,
      version: 1,
      target: { originator: member, recordId, version: 0 },
      reason: atc.v1.WithdrawalReason.WITHDRAWAL_REASON_OTHER,
      explanation: 'Benchmark traffic: the fictitious record is withdrawn',
    },
  };
}

/**
 * The person's names from the syllable-built vocabulary, as the search phase seeds them: its
 * Cyrillic spelling and the ICAO Latin one (a seed person per member and sequence number).
 */
function variedNames(vocabulary: SearchVocabulary, person: Person): atc.v1.PersonName.$Properties[] {
  const index =
    person.sequence * BENCH_MEMBERS.length + BENCH_MEMBERS.indexOf(person.member as (typeof BENCH_MEMBERS)[number]);
  const [cyrillic, latin] = toRecordNames(recordNames(seedPerson(vocabulary, index)));
  return [
    { ...cyrillic, script: 'Cyrl', language: 'ru' },
    { ...latin, script: 'Latn' },
  ];
}
