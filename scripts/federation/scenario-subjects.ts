// What the data bank's demo scenario says: invented persons, organisations and an incident, and
// which members report each, in which script and under which handling. Every name, number and
// event is fictitious and says so: document numbers start with TEST, summaries with "TEST DATA"
// (or "EXERCISE DATA" for the exercise-marked records), request subjects with "TEST:".
// databank-scenario.ts turns them into the messages of a federation's members.

/** The record types the scenario's subjects are reported in. */
export type RecordType = 'PersonRecord' | 'OrganizationRecord' | 'IncidentReport';

/** What one member says about a subject. */
export interface Report {
  /** The member that would naturally report it; another takes its place when it is absent. */
  readonly prefer: string;
  readonly type: RecordType;
  readonly exercise?: boolean;
  /** The record without recordId and version. */
  readonly record: Readonly<Record<string, unknown>>;
  readonly handling?: Readonly<Record<string, unknown>>;
  /** Fields that version 2 changes (sent in phase 2). */
  readonly version2?: {
    readonly record: Readonly<Record<string, unknown>>;
    readonly handling?: Readonly<Record<string, unknown>>;
  };
  /** The originator withdraws the record in phase 2. */
  readonly withdraw?: { readonly reason: string; readonly explanation: string };
  /**
   * Another member asks the originator about the record in phase 2 (an InformationRequest
   * due at {@link OVERDUE_SINCE}, already past) and nobody answers: the request is overdue.
   */
  readonly askedAbout?: {
    /** The member that asks; another (never the originator) takes its place when it is absent. */
    readonly prefer: string;
    readonly subject: string;
    readonly questions: readonly string[];
  };
}

/** A person or organisation (or an incident) and the members that report it. */
export interface Subject {
  /** Part of the record ids: `<member>-TEST-<letter>-<number>`. */
  readonly number: string;
  readonly reports: readonly Report[];
}

/** The passport three members hold for Testov Ivan: the strong identifier that links them. */
export const SHARED_PASSPORT = { type: 'PASSPORT', number: 'TEST0001', issuingCountry: 'KZ' } as const;
/** The passport that links the two reports of Primerova Anna (one of them withdrawn). */
export const SECOND_PASSPORT = { type: 'PASSPORT', number: 'TEST0002', issuingCountry: 'UZ' } as const;

/**
 * The `replyDueAt` of the scenario's information request: fixed (so that a resumed federation
 * recognises the step) and already past, so that the gateway lists the request as overdue, raises
 * its alarm and sends both members a Notice at its first overdue check after applying it.
 */
export const OVERDUE_SINCE = '2026-01-16T09:00:00Z';

/** Sekretova Vera, the person whose records members' searches see as hit/no-hit only, as a search names her. */
export const RESTRICTED_PERSON = {
  names: [
    {
      parts: [
        { type: 'FAMILY', value: 'Секретова' },
        { type: 'GIVEN', value: 'Вера' },
      ],
    },
  ],
} as const;

const cyr = (language: string, ...parts: [string, string][]) => ({
  script: 'Cyrl',
  language,
  parts: parts.map(([type, value]) => ({ type, value })),
});
const lat = (language: string, ...parts: [string, string][]) => ({
  script: 'Latn',
  language,
  parts: parts.map(([type, value]) => ({ type, value })),
});

/** The operational persons, each with the members that report it. */
export const PERSONS: readonly Subject[] = [
  {
    // Testov Ivan: KZ in Cyrillic, UZ in Latin, RU in both, all with the same KZ passport.
    number: '0001',
    reports: [
      {
        prefer: 'KZ',
        type: 'PersonRecord',
        record: {
          category: 'SUSPECT',
          names: [cyr('ru', ['FAMILY', 'Тестов'], ['GIVEN', 'Иван'], ['PATRONYMIC', 'Петрович'])],
          dateOfBirth: { year: 1985, month: 3, day: 14 },
          placeOfBirth: 'Тестоград (вымышленный)',
          sex: 'MALE',
          nationalities: ['KZ'],
          documents: [SHARED_PASSPORT, { type: 'NATIONAL_ID', number: 'TEST850314300', issuingCountry: 'KZ' }],
          summary: 'TEST DATA: fictitious person for the data bank demo; this person does not exist.',
        },
        handling: { sourceReliability: 'B', informationAssessment: '2', reviewBy: '2031-06-30T00:00:00Z' },
        version2: {
          record: {
            category: 'WANTED',
            summary: 'TEST DATA, version 2: a (fictitious) search order was issued; this person does not exist.',
          },
          handling: { sourceReliability: 'B', informationAssessment: '2', reviewBy: '2032-06-30T00:00:00Z' },
        },
      },
      {
        prefer: 'UZ',
        type: 'PersonRecord',
        record: {
          category: 'ASSOCIATE',
          names: [lat('uz-Latn', ['FAMILY', 'Testov'], ['GIVEN', 'Ivan'])],
          dateOfBirth: { year: 1985, month: 3, day: 14 },
          nationalities: ['KZ'],
          documents: [SHARED_PASSPORT],
          summary: 'TEST DATA: fictitious person seen at a (fictitious) border post; this person does not exist.',
        },
        handling: { sourceReliability: 'C', informationAssessment: '3' },
      },
      {
        prefer: 'RU',
        type: 'PersonRecord',
        record: {
          category: 'SUSPECT',
          names: [
            cyr('ru', ['FAMILY', 'Тестов'], ['GIVEN', 'Иван']),
            lat('en', ['FAMILY', 'TESTOV'], ['GIVEN', 'IVAN']),
          ],
          dateOfBirth: { year: 1985, month: 3 },
          nationalities: ['KZ'],
          documents: [SHARED_PASSPORT],
          summary: 'TEST DATA: fictitious passport check; this person does not exist.',
        },
        handling: { sourceReliability: 'A', informationAssessment: '2' },
      },
    ],
  },
  {
    // Primerova Anna: UZ in Latin and Cyrillic, BY in Belarusian Cyrillic; BY withdraws its record.
    number: '0002',
    reports: [
      {
        prefer: 'UZ',
        type: 'PersonRecord',
        record: {
          category: 'AT_RISK',
          names: [
            lat('uz-Latn', ['FAMILY', 'Primerova'], ['GIVEN', 'Anna']),
            cyr('uz-Cyrl', ['FAMILY', 'Примерова'], ['GIVEN', 'Анна']),
          ],
          dateOfBirth: { year: 1992, month: 7, day: 21 },
          sex: 'FEMALE',
          nationalities: ['UZ'],
          documents: [SECOND_PASSPORT],
          summary: 'TEST DATA: fictitious person; this person does not exist.',
        },
      },
      {
        prefer: 'BY',
        type: 'PersonRecord',
        record: {
          category: 'ASSOCIATE',
          names: [cyr('be', ['FAMILY', 'Прымерава'], ['GIVEN', 'Ганна'])],
          dateOfBirth: { year: 1992, month: 7, day: 21 },
          sex: 'FEMALE',
          nationalities: ['UZ'],
          documents: [SECOND_PASSPORT],
          summary: 'TEST DATA: fictitious person; this person does not exist.',
        },
        withdraw: {
          reason: 'INACCURATE',
          explanation: 'TEST DATA: entered in error, the (fictitious) case concerns someone else.',
        },
      },
    ],
  },
  {
    // Demonstratsev Oleg: no document, the same name and date of birth: a candidate link for an operator.
    number: '0003',
    reports: [
      {
        prefer: 'RU',
        type: 'PersonRecord',
        record: {
          category: 'MEMBER',
          names: [
            cyr('ru', ['FAMILY', 'Демонстрацев'], ['GIVEN', 'Олег'], ['PATRONYMIC', 'Игоревич']),
            lat('en', ['FAMILY', 'Demonstratsev'], ['GIVEN', 'Oleg']),
          ],
          dateOfBirth: { year: 1979, month: 11, day: 2 },
          nationalities: ['RU'],
          summary: 'TEST DATA: fictitious person; this person does not exist.',
        },
      },
      {
        prefer: 'KZ',
        type: 'PersonRecord',
        record: {
          category: 'MEMBER',
          names: [lat('en', ['FAMILY', 'Demonstratsev'], ['GIVEN', 'Oleg'])],
          dateOfBirth: { year: 1979, month: 11, day: 2 },
          summary: 'TEST DATA: fictitious person; this person does not exist.',
        },
      },
    ],
  },
  {
    // Sekretova Vera: RU under TLP:RED, UZ in Latin marked hit/no-hit only, BY in Cyrillic
    // unrestricted. Another member's search sees RU's and UZ's records as hits without
    // content (originator, reference, score) and BY's in full; KZ asks RU for details and gets
    // no answer: the overdue request.
    number: '0004',
    reports: [
      {
        prefer: 'RU',
        type: 'PersonRecord',
        record: {
          category: 'SUSPECT',
          names: [
            cyr('ru', ['FAMILY', 'Секретова'], ['GIVEN', 'Вера'], ['PATRONYMIC', 'Павловна']),
            lat('en', ['FAMILY', 'SEKRETOVA'], ['GIVEN', 'VERA']),
          ],
          dateOfBirth: { year: 1988, month: 9, day: 9 },
          sex: 'FEMALE',
          nationalities: ['RU'],
          summary: "TEST DATA: fictitious person under TLP:RED: members' searches see only that RU holds a record.",
        },
        handling: { tlp: 'RED', sourceReliability: 'B', informationAssessment: '2' },
        askedAbout: {
          prefer: 'KZ',
          subject: 'TEST: details of a fictitious person found by a data bank search (hit only)',
          questions: ['TEST: what is known of this fictitious person, and may the record be shared?'],
        },
      },
      {
        prefer: 'UZ',
        type: 'PersonRecord',
        record: {
          category: 'ASSOCIATE',
          names: [lat('uz-Latn', ['FAMILY', 'Sekretova'], ['GIVEN', 'Vera'])],
          dateOfBirth: { year: 1988, month: 9, day: 9 },
          sex: 'FEMALE',
          summary: 'TEST DATA: fictitious person marked hit/no-hit only by its originator; this person does not exist.',
        },
        handling: { hitNoHitOnly: true },
      },
      {
        prefer: 'BY',
        type: 'PersonRecord',
        record: {
          category: 'ASSOCIATE',
          names: [cyr('ru', ['FAMILY', 'Секретова'], ['GIVEN', 'Вера'], ['PATRONYMIC', 'Павловна'])],
          dateOfBirth: { year: 1988, month: 9 },
          sex: 'FEMALE',
          summary: 'TEST DATA: fictitious person; this person does not exist.',
        },
      },
    ],
  },
];

/** The organisations. */
export const ORGANIZATIONS: readonly Subject[] = [
  {
    number: '0001',
    reports: [
      {
        prefer: 'KZ',
        type: 'OrganizationRecord',
        record: {
          category: 'TERRORIST',
          names: [
            { value: 'Тестовое движение «Пример»', script: 'Cyrl', language: 'ru' },
            { value: 'Test Movement "Primer"', script: 'Latn', language: 'en' },
          ],
          countries: ['KZ', 'UZ'],
          designations: [
            {
              authority: 'Fictitious Court of Testograd (TEST)',
              reference: 'TEST-2024-001',
              designatedOn: { year: 2024, month: 2, day: 1 },
              country: 'KZ',
            },
          ],
          summary: 'TEST DATA: fictitious organisation; it does not exist.',
        },
      },
      {
        prefer: 'RU',
        type: 'OrganizationRecord',
        record: {
          category: 'EXTREMIST',
          names: [{ value: 'Тестовое движение «Пример»', script: 'Cyrl', language: 'ru' }],
          countries: ['RU'],
          summary: 'TEST DATA: fictitious organisation; it does not exist.',
        },
      },
    ],
  },
  {
    number: '0002',
    reports: [
      {
        prefer: 'UZ',
        type: 'OrganizationRecord',
        record: {
          category: 'FINANCIER',
          names: [{ value: 'Fictitious Aid Foundation', script: 'Latn', language: 'en' }],
          countries: ['UZ'],
          summary: 'TEST DATA: fictitious organisation; it does not exist.',
        },
      },
    ],
  },
];

/** The incident, which names the first person's and organisation's records as related. */
export const INCIDENTS: readonly Subject[] = [
  {
    number: '0001',
    reports: [
      {
        prefer: 'KZ',
        type: 'IncidentReport',
        record: {
          category: 'BORDER_CROSSING',
          occurredAt: '2026-01-15T10:30:00Z',
          country: 'KZ',
          location: 'Testograd border post (fictitious)',
          title: 'TEST: fictitious border crossing near Testograd',
          summary: 'TEST DATA: nothing happened.',
        },
      },
    ],
  },
];

/** The same passport in the exercise namespace: linked there, never with the operational Testov Ivan. */
export const EXERCISE_PERSONS: readonly Subject[] = [
  {
    number: '0001',
    reports: [
      {
        prefer: 'RU',
        type: 'PersonRecord',
        exercise: true,
        record: {
          category: 'WANTED',
          names: [cyr('ru', ['FAMILY', 'Тестов'], ['GIVEN', 'Иван'])],
          dateOfBirth: { year: 1985, month: 3, day: 14 },
          nationalities: ['KZ'],
          documents: [SHARED_PASSPORT],
          summary: 'EXERCISE DATA: exercise scenario only; this person does not exist.',
        },
        withdraw: { reason: 'OTHER', explanation: 'EXERCISE DATA: the exercise scenario ended.' },
      },
      {
        prefer: 'UZ',
        type: 'PersonRecord',
        exercise: true,
        record: {
          category: 'WANTED',
          names: [lat('uz-Latn', ['FAMILY', 'Testov'], ['GIVEN', 'Ivan'])],
          nationalities: ['KZ'],
          documents: [SHARED_PASSPORT],
          summary: 'EXERCISE DATA: exercise scenario only; this person does not exist.',
        },
      },
    ],
  },
];
