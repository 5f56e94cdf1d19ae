import type { ArchivedMessageRow } from '@atc/gateway';
import { purgeAckOf, withdrawalOf, type Routed } from './purge-rows.js';
import { name, passport, personRow } from './subject-rows.js';

/** Members sending the traffic, all fictitious fixture members. */
const MEMBERS = ['KZ', 'UZ', 'RU', 'BY', 'KG'] as const;
const FAMILIES = ['Uslovnov', 'Fiktivov', 'Shablonov', 'Obrazcov', 'Makhetov', 'Proektov'] as const;
const GIVEN = ['Ivan', 'Oleg', 'Anna', 'Vera'] as const;
/** Distinct document numbers the traffic reuses, so that records of several members link into one subject. */
const DOCUMENTS = 150;

/** One commit of traffic: archived rows and their routing rows. */
export interface TrafficBatch {
  readonly messages: ArchivedMessageRow[];
  readonly deliveries: { messageId: string; recipient: string }[];
}

/**
 * Members' traffic for the data bank, round after round, deterministic in the round number:
 * a new person from one member (a document another member's person also holds, a name and
 * date of birth that recur), the next version of the previous round's person with another
 * document, every seventh round the same version again with other content (a conflict),
 * every fifth round a withdrawal routed to the members that received the record, and its
 * PurgeAck from one of them the round after. Message numbers start at `firstMessage`.
 */
export class MemberTraffic {
  #n: number;
  #rounds = 0;
  #lastWithdrawal: { readonly routed: Routed; readonly recordId: string; readonly to: readonly string[] } | undefined;

  constructor(firstMessage: number) {
    this.#n = firstMessage;
  }

  /** Rounds made so far. */
  get rounds(): number {
    return this.#rounds;
  }

  /** The next round's rows. */
  next(): TrafficBatch {
    const r = this.#rounds++;
    const batch: TrafficBatch = { messages: [], deliveries: [] };
    const add = (row: ArchivedMessageRow, to: readonly string[]): void => {
      batch.messages.push(row);
      batch.deliveries.push(...to.map((recipient) => ({ messageId: row.messageId, recipient })));
    };
    add(this.#person(r, 1, r % DOCUMENTS), recipientsOf(r));
    if (r % 7 === 6) add(this.#person(r, 1, r % DOCUMENTS, 'Konfliktov'), recipientsOf(r));
    if (r >= 1) add(this.#person(r - 1, 2, (r + 17) % DOCUMENTS), recipientsOf(r - 1));
    if (this.#lastWithdrawal !== undefined) {
      const w = this.#lastWithdrawal;
      const ack = purgeAckOf(w.to[0]!, this.#n++, w.routed, w.recordId, [1, 2]);
      add(ack.row, ['ATC']);
      this.#lastWithdrawal = undefined;
    }
    if (r % 5 === 4) {
      const target = r - 3;
      const to = recipientsOf(target);
      const routed = withdrawalOf(originatorOf(target), this.#n++, recordIdOf(target), to);
      add(routed.row, to);
      this.#lastWithdrawal = { routed, recordId: recordIdOf(target), to };
    }
    return batch;
  }

  #person(r: number, version: number, document: number, family?: string): ArchivedMessageRow {
    return personRow(originatorOf(r), this.#n++, recordIdOf(r), version, {
      names: [name('Latn', family ?? FAMILIES[r % FAMILIES.length]!, GIVEN[r % GIVEN.length]!)],
      documents: [passport(`TT${1000 + document}`, 'UZ')],
      dateOfBirth: { year: 1980 + (r % 9), month: 1, day: 1 },
      nationalities: [originatorOf(r), ...(version > 1 ? ['KG'] : [])],
    });
  }
}

function originatorOf(r: number): string {
  return MEMBERS[r % MEMBERS.length]!;
}

function recordIdOf(r: number): string {
  return `${originatorOf(r)}-T-${r}`;
}

/** The two members after the originator receive its record. */
function recipientsOf(r: number): string[] {
  return [MEMBERS[(r + 1) % MEMBERS.length]!, MEMBERS[(r + 2) % MEMBERS.length]!];
}
