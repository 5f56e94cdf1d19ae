// Synthetic exercise records. Every name, place and event here is invented; the words
// "Тест"/"Test" in them make that obvious to anyone who sees one in a log.

/** A `POST /v1/messages` body. */
export type MessageRequest = Readonly<Record<string, unknown>>;

/** Random choices, injectable so that tests can fix them. */
export type Random = () => number;

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;

/** Synthetic person names as [Cyrillic family, Cyrillic given, Latin family, Latin given]. */
const PEOPLE: readonly (readonly [string, string, string, string])[] = [
  ['Тестов', 'Иван', 'Testov', 'Ivan'],
  ['Примеров', 'Пётр', 'Primerov', 'Pyotr'],
  ['Образцова', 'Анна', 'Obraztsova', 'Anna'],
  ['Демонстрацев', 'Олег', 'Demonstratsev', 'Oleg'],
  ['Учебная', 'Мария', 'Uchebnaya', 'Mariya'],
  ['Тестбеков', 'Ерлан', 'Testbekov', 'Yerlan'],
  ['Макетов', 'Сергей', 'Maketov', 'Sergey'],
  ['Вымыслова', 'Дина', 'Vymyslova', 'Dina'],
];

/** Synthetic organisation names as [Cyrillic, Latin]. */
const ORGANIZATIONS: readonly (readonly [string, string])[] = [
  ['Тестовое движение «Пример»', 'Test Movement "Primer"'],
  ['Учебная ячейка «Образец-7»', 'Exercise Cell "Obrazets-7"'],
  ['Фонд «Вымышленная помощь»', 'Fictitious Aid Foundation'],
  ['Группа «Макет»', 'Group "Maket"'],
];

const PLACES: readonly string[] = ['Testograd', 'Primerovsk', 'Obraztsovo', 'Demo-Sai'];
const PERSON_CATEGORIES = ['SUSPECT', 'WANTED', 'ASSOCIATE', 'FOREIGN_FIGHTER'] as const;
const ORGANIZATION_CATEGORIES = ['TERRORIST', 'EXTREMIST', 'AFFILIATE', 'FINANCIER'] as const;
const INCIDENT_CATEGORIES = ['THREAT', 'PLOT_DISRUPTED', 'RECRUITMENT', 'FINANCING'] as const;
const TLPS = ['GREEN', 'AMBER', 'AMBER', 'AMBER_STRICT'] as const;

/** An ISO 3166-1 country for a member: its id when that is a country code, else KZ. */
function countryOf(member: string): string {
  return /^[A-Z]{2}$/.test(member) ? member : 'KZ';
}

/** 1 to 3 recipients other than `sender`. */
export function pickRecipients(sender: string, members: readonly string[], random: Random): string[] {
  const others = members.filter((m) => m !== sender);
  const count = Math.min(others.length, 1 + Math.floor(random() * 3));
  const chosen: string[] = [];
  while (chosen.length < count) {
    const m = pick(others, random);
    if (!chosen.includes(m)) chosen.push(m);
  }
  return chosen;
}

function person(recordId: string, sender: string, random: Random): Record<string, unknown> {
  const [cyrFamily, cyrGiven, latFamily, latGiven] = pick(PEOPLE, random);
  return {
    recordId,
    version: 1,
    category: pick(PERSON_CATEGORIES, random),
    names: [
      {
        script: 'Cyrl',
        parts: [
          { type: 'FAMILY', value: cyrFamily },
          { type: 'GIVEN', value: cyrGiven },
        ],
      },
      {
        script: 'Latn',
        parts: [
          { type: 'FAMILY', value: latFamily },
          { type: 'GIVEN', value: latGiven },
        ],
      },
    ],
    dateOfBirth: { year: 1970 + Math.floor(random() * 35), month: 1 + Math.floor(random() * 12) },
    nationalities: [countryOf(sender)],
    summary: 'Synthetic exercise record: this person does not exist.',
  };
}

function organization(recordId: string, sender: string, random: Random): Record<string, unknown> {
  const [cyr, lat] = pick(ORGANIZATIONS, random);
  return {
    recordId,
    version: 1,
    category: pick(ORGANIZATION_CATEGORIES, random),
    names: [
      { value: cyr, script: 'Cyrl', language: 'ru' },
      { value: lat, script: 'Latn', language: 'en' },
    ],
    countries: [countryOf(sender)],
    summary: 'Synthetic exercise record: this organisation does not exist.',
  };
}

function incident(recordId: string, sender: string, random: Random): Record<string, unknown> {
  const place = pick(PLACES, random);
  return {
    recordId,
    version: 1,
    category: pick(INCIDENT_CATEGORIES, random),
    occurredAt: new Date(Date.now() - Math.floor(random() * 7 * 86_400_000)).toISOString(),
    country: countryOf(sender),
    location: `${place} (fictitious)`,
    title: `Exercise scenario near ${place}`,
    summary: 'Synthetic exercise report: nothing happened.',
  };
}

const BUILDERS = {
  PersonRecord: { letter: 'P', build: person },
  OrganizationRecord: { letter: 'O', build: organization },
  IncidentReport: { letter: 'I', build: incident },
} as const;

/**
 * A random exercise record from `sender` to 1-3 other members: half persons, a quarter
 * each organisations and incidents. `serial` makes the record id unique within `runId`.
 */
export function demoMessage(
  sender: string,
  members: readonly string[],
  runId: string,
  serial: number,
  random: Random = Math.random,
): MessageRequest {
  const roll = random();
  const type = roll < 0.5 ? 'PersonRecord' : roll < 0.75 ? 'OrganizationRecord' : 'IncidentReport';
  const { letter, build } = BUILDERS[type];
  const recordId = `${sender}-${letter}-${runId}-${String(serial).padStart(6, '0')}`;
  return {
    type,
    recipients: pickRecipients(sender, members, random),
    handling: { tlp: pick(TLPS, random), noOnwardTransmission: true },
    purpose: 'Joint counter-terrorism exercise (synthetic data)',
    legalBasis: 'Fictitious exercise agreement, art. 1',
    urgency: 'NORMAL',
    exercise: true,
    record: build(recordId, sender, random),
  };
}
