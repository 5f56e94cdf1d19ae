import { createHash } from 'node:crypto';
import type { ArchivedMessageRow } from '@atc/gateway';
import { atc, PayloadType, signEnvelope, type KeyPair } from '@atc/shared';
import { BENCH_MEMBERS, personRecordRequest, seededRandom } from './person-envelopes.js';

/** What the bank's projection benchmark archives, by kind. */
export interface BankTrafficMix {
  /** PersonRecords with a new record id, version 1. */
  readonly created: number;
  /** Later versions of a record the same member sent earlier. */
  readonly updated: number;
  /** RecordWithdrawals of a record the same member sent earlier. */
  readonly withdrawn: number;
}

/**
 * Operational data bank traffic from every bench member, signed with the members' keys, as
 * archived rows in the order members interleave: mostly new PersonRecords (85%), later
 * versions of a member's earlier records (13%) and withdrawals of them (2%). Every content is
 * the bench's fictitious PersonRecord; the mix is seeded, so a run is reproducible apart from
 * message ids, nonces and times.
 */
export function bankTraffic(
  memberKeys: ReadonlyMap<string, KeyPair>,
  count: number,
  startMs: number,
): { readonly rows: ArchivedMessageRow[]; readonly mix: BankTrafficMix } {
  const members = [...memberKeys.keys()];
  const random = seededRandom(15);
  /** Per member: record ids sent so far with their current version (withdrawn ones removed). */
  const sent = new Map(members.map((m) => [m, [] as { recordId: string; version: number }[]]));
  const sequence = new Map(members.map((m) => [m, 0]));
  const mix = { created: 0, updated: 0, withdrawn: 0 };
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
      signed = signEnvelope(key, personRequest(member, seq, target.recordId, target.version));
      mix.updated++;
    } else {
      const recordId = `${member}-P-${String(seq).padStart(8, '0')}`;
      earlier.push({ recordId, version: 1 });
      signed = signEnvelope(key, personRequest(member, seq, recordId, 1));
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
function personRequest(member: string, seq: number, recordId: string, version: number) {
  const request = personRecordRequest(member, seq, BENCH_MEMBERS);
  return {
    ...request,
    header: { ...request.header, exercise: false },
    payload: { ...request.payload, recordId, version },
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
