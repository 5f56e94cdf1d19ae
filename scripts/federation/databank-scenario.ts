// The data bank's demo scenario: a few invented persons and organisations that several
// members report, each in its own script, so that the bank has something to consolidate.
// Every name, number and event is fictitious and says so: document numbers start with TEST,
// summaries with "TEST DATA" (or "EXERCISE DATA" for the exercise-marked records).
import type { MessageRequest } from './demo-records.js';

/** One `POST /v1/messages` of the scenario, sent by `member`'s agent. */
export interface ScenarioStep {
  readonly member: string;
  /** 1: first versions; 2: updates and withdrawals, sent once everything of phase 1 is accepted. */
  readonly phase: 1 | 2;
  /** Stable across runs, so that a resumed federation sends nothing twice. */
  readonly idempotencyKey: string;
  readonly body: MessageRequest;
}

type RecordType = 'PersonRecord' | 'OrganizationRecord' | 'IncidentReport';

/** What one member says about a subject. */
interface Report {
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
}

/** A person or organisation (or an incident) and the members that report it. */
interface Subject {
  /** Part of the record ids: `<member>-TEST-<letter>-<number>`. */
  readonly number: string;
  readonly reports: readonly Report[];
}

/** Scenario version in the idempotency keys: change it when the content below changes. */
const SCENARIO = 'atc-demo-bank-1';
const PURPOSE = 'TEST: demonstration of the data bank with fictitious persons (npm start)';
const EXERCISE_PURPOSE = 'Joint counter-terrorism exercise (synthetic data)';
const LEGAL_BASIS = 'Fictitious demo agreement, art. 1 (TEST)';

/** The passport three members hold for Testov Ivan: the strong identifier that links them. */
export const SHARED_PASSPORT = { type: 'PASSPORT', number: 'TEST0001', issuingCountry: 'KZ' } as const;
/** The passport that links the two reports of Primerova Anna (one of them withdrawn). */
export const SECOND_PASSPORT = { type: 'PASSPORT', number: 'TEST0002', issuingCountry: 'UZ' } as const;

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

const PERSONS: readonly Subject[] = [
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
];

const ORGANIZATIONS: readonly Subject[] = [
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

const INCIDENTS: readonly Subject[] = [
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
const EXERCISE_PERSONS: readonly Subject[] = [
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

const LETTERS: Readonly<Record<RecordType, string>> = {
  PersonRecord: 'P',
  OrganizationRecord: 'O',
  IncidentReport: 'I',
};

/**
 * Who sends each report of `subject` in a federation of `members`: the preferred member when
 * it takes part, else the first member (in `members` order) not already reporting this
 * subject; a report with no member left is dropped. Deterministic for a given member list.
 */
export function assignReporters(
  reports: readonly { prefer: string }[],
  members: readonly string[],
): (string | undefined)[] {
  const taken = new Set(reports.map((r) => r.prefer).filter((m) => members.includes(m)));
  return reports.map((r) => {
    if (members.includes(r.prefer)) return r.prefer;
    const substitute = members.find((m) => !taken.has(m));
    if (substitute !== undefined) taken.add(substitute);
    return substitute;
  });
}

/** A record reference as the JSON form writes it. */
interface Ref {
  readonly originator: string;
  readonly recordId: string;
}

/**
 * The scenario for a federation of `members`: every step in sending order.
 * Each record goes to every other member. Deterministic: the same members give the same
 * steps, byte for byte, so that their idempotency keys dedupe a resumed federation's resend.
 *
 * @throws RangeError with fewer than two distinct members: a record needs a recipient.
 */
export function databankScenario(members: readonly string[]): ScenarioStep[] {
  if (new Set(members).size < 2) {
    throw new RangeError(`the data bank scenario needs two members or more, not ${JSON.stringify(members)}`);
  }
  const steps: ScenarioStep[] = [];
  const personRefs: Ref[] = [];
  const organizationRefs: Ref[] = [];
  const groups: [readonly Subject[], Ref[] | undefined][] = [
    [PERSONS, personRefs],
    [ORGANIZATIONS, organizationRefs],
    [INCIDENTS, undefined],
    [EXERCISE_PERSONS, undefined],
  ];
  for (const [subjects, refs] of groups) {
    for (const subject of subjects) {
      const reporters = assignReporters(subject.reports, members);
      subject.reports.forEach((report, i) => {
        const member = reporters[i];
        if (member === undefined) return;
        const ref = { originator: member, recordId: recordId(member, report, subject.number) };
        // The incident names the first person and organisation of the scenario as related.
        if (subject.number === '0001' && refs !== undefined) refs.push(ref);
        const related = report.type === 'IncidentReport' ? [...personRefs, ...organizationRefs] : undefined;
        steps.push(...reportSteps(member, members, report, ref.recordId, related));
      });
    }
  }
  return steps.sort((a, b) => a.phase - b.phase);
}

function recordId(member: string, report: Report, number: string): string {
  return `${member}-${report.exercise === true ? 'EXERCISE' : 'TEST'}-${LETTERS[report.type]}-${number}`;
}

/** The steps of one report: version 1, then its version 2 or withdrawal if it has one. */
function reportSteps(
  member: string,
  members: readonly string[],
  report: Report,
  id: string,
  related: readonly Ref[] | undefined,
): ScenarioStep[] {
  const exercise = report.exercise === true;
  const envelope = (type: string, record: Record<string, unknown>, handling: Readonly<Record<string, unknown>>) => ({
    type,
    recipients: members.filter((m) => m !== member),
    handling: { tlp: 'AMBER', noOnwardTransmission: true, ...handling },
    purpose: exercise ? EXERCISE_PURPOSE : PURPOSE,
    legalBasis: LEGAL_BASIS,
    urgency: 'NORMAL',
    exercise,
    record,
  });
  const first = { recordId: id, version: 1, ...report.record, ...(related === undefined ? {} : { related }) };
  const steps: ScenarioStep[] = [
    {
      member,
      phase: 1,
      idempotencyKey: `${SCENARIO}:${id}:v1`,
      body: envelope(report.type, first, report.handling ?? {}),
    },
  ];
  if (report.version2 !== undefined) {
    steps.push({
      member,
      phase: 2,
      idempotencyKey: `${SCENARIO}:${id}:v2`,
      body: envelope(
        report.type,
        { ...first, ...report.version2.record, version: 2 },
        report.version2.handling ?? report.handling ?? {},
      ),
    });
  }
  if (report.withdraw !== undefined) {
    const withdrawalId = id.replace(/-([POI]-\d+)$/, '-W-$1');
    steps.push({
      member,
      phase: 2,
      idempotencyKey: `${SCENARIO}:${withdrawalId}:v1`,
      body: envelope(
        'RecordWithdrawal',
        {
          recordId: withdrawalId,
          version: 1,
          target: { originator: member, recordId: id, version: 0 },
          ...report.withdraw,
        },
        {},
      ),
    });
  }
  return steps;
}
