import {
  atc,
  PayloadType,
  payloadToJson,
  protocolEnumNames,
  signEnvelope,
  type KeyPair,
  type SignedEnvelope,
  type SignRequest,
} from '@atc/shared';

/**
 * Realistic, clearly fictitious PersonRecord traffic: names in Cyrillic and Latin script
 * (Latin first for members whose national script is Latin), 1-3 recipients, 1-2 KB per
 * envelope. Contents are drawn from a generator seeded per (sender, sequence), so a run is
 * reproducible apart from message ids, nonces and timestamps.
 */

/** The national members of the seed scenario, all registered in a bench federation. */
export const BENCH_MEMBERS = ['AZ', 'AM', 'BY', 'KZ', 'KG', 'MD', 'RU', 'TJ', 'TM', 'UZ'] as const;

/** Members whose official alphabet is Latin: their records give the Latin name first. */
const LATIN_FIRST = new Set(['AZ', 'MD', 'TM', 'UZ']);

/** [Cyrillic, Latin] pairs; invented combinations, no real person is meant. */
const FAMILY: readonly (readonly [string, string])[] = [
  ['Тестов', 'Testov'],
  ['Примеров', 'Primerov'],
  ['Условный', 'Uslovnyy'],
  ['Образцов', 'Obraztsov'],
  ['Вымыслов', 'Vymyslov'],
  ['Сергалиев', 'Sergaliyev'],
  ['Каримов-Учебный', 'Karimov-Uchebnyy'],
  ['Нурланов', 'Nurlanov'],
  ['Жолдасбеков', 'Zholdasbekov'],
  ['Абдуллаев', 'Abdullayev'],
];
const GIVEN: readonly (readonly [string, string])[] = [
  ['Иван', 'Ivan'],
  ['Асель', 'Asel'],
  ['Тимур', 'Timur'],
  ['Дамир', 'Damir'],
  ['Алия', 'Aliya'],
  ['Рустам', 'Rustam'],
  ['Ольга', 'Olga'],
  ['Санжар', 'Sanzhar'],
];
const PATRONYMIC: readonly (readonly [string, string])[] = [
  ['Примерович', 'Primerovich'],
  ['Тестович', 'Testovich'],
  ['Учебнович', 'Uchebnovich'],
  ['Условнович', 'Uslovnovich'],
];
const SENTENCES: readonly string[] = [
  'Синтетическая запись для нагрузочного тестирования; лицо вымышлено.',
  'Synthetic record generated for a throughput benchmark; the person does not exist.',
  'По учебным данным, лицо пересекало границу через вымышленный пункт пропуска.',
  'Exercise data: reported contacts with a fictitious organisation listed in test records.',
  'Сведения получены из условного источника, оценка B2, требуют подтверждения.',
  'Travel pattern in the exercise scenario: three trips in twelve months, no real itinerary.',
  'Документы, указанные в записи, не существуют и не выдавались никаким органом.',
  'All identifiers in this record are invented for load testing of the exchange.',
];

/** A small fast deterministic generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function seedOf(sender: string, sequence: number): number {
  let h = 2166136261;
  for (const ch of `${sender}:${sequence}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** 1-3 distinct recipients other than the sender. */
export function pickRecipients(random: () => number, sender: string, members: readonly string[]): string[] {
  const others = members.filter((m) => m !== sender);
  const count = Math.min(others.length, 1 + Math.floor(random() * 3));
  const chosen: string[] = [];
  while (chosen.length < count) {
    const m = pick(random, others);
    if (!chosen.includes(m)) chosen.push(m);
  }
  return chosen.sort();
}

const { NamePartType } = atc.v1;
const CATEGORIES: readonly atc.v1.PersonCategory[] = [
  atc.v1.PersonCategory.PERSON_CATEGORY_SUSPECT,
  atc.v1.PersonCategory.PERSON_CATEGORY_WANTED,
  atc.v1.PersonCategory.PERSON_CATEGORY_CONVICTED,
  atc.v1.PersonCategory.PERSON_CATEGORY_FOREIGN_FIGHTER,
  atc.v1.PersonCategory.PERSON_CATEGORY_MEMBER,
  atc.v1.PersonCategory.PERSON_CATEGORY_ASSOCIATE,
];

function personName(
  script: 'Cyrl' | 'Latn',
  family: string,
  given: string,
  patronymic: string,
): atc.v1.PersonName.$Properties {
  return {
    script,
    ...(script === 'Cyrl' ? { language: 'ru' } : {}),
    parts: [
      { type: NamePartType.NAME_PART_TYPE_FAMILY, value: family },
      { type: NamePartType.NAME_PART_TYPE_GIVEN, value: given },
      { type: NamePartType.NAME_PART_TYPE_PATRONYMIC, value: patronymic },
    ],
  };
}

/** The sign request of PersonRecord number `sequence` from `sender`. */
export function personRecordRequest(
  sender: string,
  sequence: number,
  members: readonly string[] = BENCH_MEMBERS,
): SignRequest<typeof PayloadType.PersonRecord> {
  const random = seededRandom(seedOf(sender, sequence));
  const [familyC, familyL] = pick(random, FAMILY);
  const [givenC, givenL] = pick(random, GIVEN);
  const [patronymicC, patronymicL] = pick(random, PATRONYMIC);
  const cyrl = personName('Cyrl', familyC, givenC, patronymicC);
  const latn = personName('Latn', familyL, givenL, patronymicL);
  const summaryLength = 250 + Math.floor(random() * 700);
  let summary = '';
  while (summary.length < summaryLength) summary += `${pick(random, SENTENCES)} `;
  const recipients = pickRecipients(random, sender, members);
  return {
    header: {
      sender,
      senderSequence: sequence,
      recipients,
      broadcast: false,
      handling: {
        tlp: random() < 0.7 ? atc.v1.TlpLevel.TLP_LEVEL_AMBER : atc.v1.TlpLevel.TLP_LEVEL_GREEN,
        noOnwardTransmission: random() < 0.5,
      },
      purpose: 'Counter-terrorism information exchange (benchmark traffic, fictitious)',
      legalBasis: 'Fictitious agreement on information exchange, art. 5',
      urgency: random() < 0.1 ? atc.v1.Urgency.URGENCY_URGENT : atc.v1.Urgency.URGENCY_NORMAL,
      correlationId: random() < 0.3 ? `${sender}-CASE-${Math.floor(random() * 1000)}` : '',
      exercise: true,
    },
    payloadType: PayloadType.PersonRecord,
    payload: {
      recordId: `${sender}-P-${String(sequence).padStart(8, '0')}`,
      version: 1,
      category: pick(random, CATEGORIES),
      names: LATIN_FIRST.has(sender) ? [latn, cyrl] : [cyrl, latn],
      aliases: random() < 0.5 ? [personName('Latn', `${familyL}-${givenL}`, givenL, 'Alias')] : [],
      dateOfBirth: { year: 1960 + Math.floor(random() * 45), month: 1 + Math.floor(random() * 12) },
      placeOfBirth: random() < 0.5 ? 'Вымышленный город' : 'Fictional town',
      sex: random() < 0.8 ? atc.v1.Sex.SEX_MALE : atc.v1.Sex.SEX_FEMALE,
      nationalities: [sender],
      documents: [
        {
          type: atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT,
          number: `N${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
          issuingCountry: sender,
        },
      ],
      legalBasis: 'Fictitious court decision 0/0000',
      summary: summary.trim(),
    },
  };
}

/** Signs PersonRecord number `sequence` from `sender` with `key` (created now, fresh message id). */
export function signPersonEnvelope(
  key: KeyPair,
  sender: string,
  sequence: number,
  members: readonly string[] = BENCH_MEMBERS,
): SignedEnvelope {
  return signEnvelope(key, personRecordRequest(sender, sequence, members));
}

/**
 * The `POST /v1/messages` body an integrator would send for PersonRecord number `sequence`
 * of `sender`: the same record as {@link personRecordRequest}, in its JSON form.
 */
export function personMessageJson(
  sender: string,
  sequence: number,
  members: readonly string[] = BENCH_MEMBERS,
): string {
  const { header, payload } = personRecordRequest(sender, sequence, members);
  const { nonce: _nonce, ...record } = payloadToJson(PayloadType.PersonRecord, {
    nonce: new Uint8Array(16),
    ...payload,
  });
  const tlp = protocolEnumNames('atc.v1.TlpLevel').shortNameOf(header.handling?.tlp ?? atc.v1.TlpLevel.TLP_LEVEL_AMBER);
  const urgency = protocolEnumNames('atc.v1.Urgency').shortNameOf(header.urgency ?? atc.v1.Urgency.URGENCY_NORMAL);
  return JSON.stringify({
    type: 'PersonRecord',
    recipients: header.recipients,
    handling: { tlp, noOnwardTransmission: header.handling?.noOnwardTransmission ?? false },
    purpose: header.purpose,
    legalBasis: header.legalBasis,
    urgency,
    ...(header.correlationId === '' || header.correlationId == null ? {} : { correlationId: header.correlationId }),
    exercise: true,
    record,
  });
}
