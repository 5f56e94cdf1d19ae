// The data bank's demo scenario as the messages a federation's members send: a few invented
// persons and organisations that several members report, each in its own script, so that the
// bank has something to consolidate; a person whose records members' searches see as hit/no-hit
// only; and an information request about one of them that nobody answers, already overdue.
// The subjects themselves are in scenario-subjects.ts.
import type { MessageRequest } from './demo-records.js';
import {
  EXERCISE_PERSONS,
  INCIDENTS,
  ORGANIZATIONS,
  OVERDUE_SINCE,
  PERSONS,
  type RecordType,
  type Report,
  type Subject,
} from './scenario-subjects.js';

export { OVERDUE_SINCE, RESTRICTED_PERSON, SECOND_PASSPORT, SHARED_PASSPORT } from './scenario-subjects.js';

/** One `POST /v1/messages` of the scenario, sent by `member`'s agent. */
export interface ScenarioStep {
  readonly member: string;
  /**
   * 1: first versions; 2: updates, withdrawals and information requests about the records, sent
   * once everything of phase 1 is accepted.
   */
  readonly phase: 1 | 2;
  /** Stable across runs, so that a resumed federation sends nothing twice. */
  readonly idempotencyKey: string;
  readonly body: MessageRequest;
}

/** Scenario version in the idempotency keys: change it when a step's content changes (here or in scenario-subjects.ts). */
const SCENARIO = 'atc-demo-bank-1';
const PURPOSE = 'TEST: demonstration of the data bank with fictitious persons (npm start)';
const EXERCISE_PURPOSE = 'Joint counter-terrorism exercise (synthetic data)';
const LEGAL_BASIS = 'Fictitious demo agreement, art. 1 (TEST)';

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

/** Who asks `originator` about its record: `prefer` when it takes part and is not the originator, else the first other member. */
function requester(prefer: string, originator: string, members: readonly string[]): string | undefined {
  if (prefer !== originator && members.includes(prefer)) return prefer;
  return members.find((m) => m !== originator);
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
  const asker = report.askedAbout === undefined ? undefined : requester(report.askedAbout.prefer, member, members);
  if (report.askedAbout !== undefined && asker !== undefined) {
    const requestId = `${asker}-TEST-R-${id.slice(-4)}`;
    steps.push({
      member: asker,
      phase: 2,
      idempotencyKey: `${SCENARIO}:${requestId}:v1`,
      body: {
        ...envelope(
          'InformationRequest',
          {
            recordId: requestId,
            version: 1,
            subject: report.askedAbout.subject,
            questions: [...report.askedAbout.questions],
            about: [{ originator: member, recordId: id, version: 1 }],
          },
          {},
        ),
        // The originator alone holds the answer; nobody sends it, so the request stays overdue.
        recipients: [member],
        urgency: 'URGENT',
        replyDueAt: OVERDUE_SINCE,
      },
    });
  }
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
