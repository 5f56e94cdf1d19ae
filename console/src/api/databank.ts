import type { ApiClient } from './client';

/** A subject as the bank lists it: metadata only, no record content. */
export interface SubjectSummary {
  readonly subjectId: string;
  readonly exercise: boolean;
  readonly category: string;
  readonly records: number;
  readonly members: readonly { readonly member: string; readonly records: number }[];
  readonly nationalities: readonly string[];
  readonly updatedAt: string;
}

/** One current record of a dossier, with its content (null when retention erased the payload). */
export interface DossierRecord {
  readonly originator: string;
  readonly recordId: string;
  readonly recordType: string;
  readonly version: number;
  readonly messageId: string;
  readonly archivedAt: string;
  readonly handling: Readonly<Record<string, unknown>>;
  readonly evaluation: Readonly<Record<string, unknown>>;
  readonly reviewBy: string | null;
  readonly content: Readonly<Record<string, unknown>> | null;
}

/** A subject's dossier: a content read, audited with the stated purpose. */
export interface Dossier extends SubjectSummary {
  readonly dossier: readonly DossierRecord[];
}

/** An operator decision on the bank's links. */
export interface Decision {
  readonly decisionId: string;
  readonly kind: string;
  readonly actor: string;
  readonly reason: string;
  readonly madeAt: string;
  readonly reverted: boolean;
}

/** A candidate link: person records the search matched (score and reasons), or organisations with an equal name key. */
export interface Candidate {
  readonly candidateId: string;
  readonly exercise: boolean;
  readonly status: string;
  readonly records: readonly { readonly originator: string; readonly recordId: string; readonly subjectId: string }[];
  /** The search's score of the pair, 0..1 (0 for organisations). */
  readonly score: number;
  /** Why the search matched the pair, one sentence each. */
  readonly reasons: readonly string[];
  readonly decision: Decision | null;
}

/** What a decision answered: the decision and the subjects its records belong to now. */
export interface DecisionOutcome {
  readonly decision: Decision;
  readonly subjects: readonly string[];
}

/** The purge state of one member a withdrawal was routed to. */
export interface PurgeState {
  readonly member: string;
  readonly state: 'pending' | 'incomplete' | 'purged' | 'not_held';
  readonly overdue: boolean;
  readonly routedAt: string;
  readonly ackedAt: string | null;
  readonly erasedAt: string | null;
  readonly erasedCount: number | null;
}

/** A withdrawal with the purge state of every member it was routed to. */
export interface Withdrawal {
  readonly messageId: string;
  readonly exercise: boolean;
  readonly originator: string;
  readonly recordId: string;
  readonly reason: string;
  readonly archivedAt: string;
  readonly overdue: boolean;
  readonly members: readonly PurgeState[];
}

/** Records due for review, per originator. */
export interface ReviewDue {
  readonly withinDays: number;
  readonly truncated: boolean;
  readonly originators: readonly {
    readonly originator: string;
    readonly dueSoon: number;
    readonly pastDue: number;
    readonly records: readonly {
      readonly recordId: string;
      readonly recordType: string;
      readonly version: number;
      readonly messageId: string;
      readonly reviewBy: string;
      readonly pastDue: boolean;
      readonly noticeMessageId: string | null;
    }[];
  }[];
}

/** A record sent twice with one version and other content. */
export interface Conflict {
  readonly originator: string;
  readonly recordId: string;
  readonly version: number;
  readonly currentMessageId: string;
  readonly otherMessageId: string;
  readonly leafIndex: number;
}

/** An archive entry the bank flagged instead of applying. */
export interface Flag {
  readonly messageId: string;
  readonly code: string;
  readonly leafIndex: number;
  readonly detail: string;
}

/** One page of a data bank list. */
export interface BankPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** An audit log entry as GET /v1/audit answers it. */
export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly role: string | null;
  readonly action: string;
  readonly subject: string;
  readonly reason: string;
}

/** A query string from the values given (undefined and empty values left out). */
export function queryOf(values: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const exerciseQuery = (exercise: boolean): string | undefined => (exercise ? 'true' : undefined);

/** How the audit log names a dossier read (the gateway's subject for `databank.read`). */
export const dossierAuditSubject = (subjectId: string, exercise: boolean): string =>
  `${exercise ? 'exercise:' : ''}subject:${subjectId}`;

/** The data bank's operator API (/v1/databank) as the console calls it. */
export class DatabankApi {
  constructor(private readonly client: ApiClient) {}

  private async get<T>(path: string, query: Readonly<Record<string, string | undefined>>): Promise<T> {
    return (await this.client.request('GET', `/v1/databank/${path}${queryOf(query)}`)) as T;
  }

  /** Subjects, filtered as the API allows. */
  subjects(
    exercise: boolean,
    filter: Readonly<Record<'member' | 'category' | 'nationality' | 'updatedSince', string | undefined>>,
    cursor?: string,
  ): Promise<BankPage<SubjectSummary>> {
    return this.get('subjects', { exercise: exerciseQuery(exercise), ...filter, cursor });
  }

  /** A subject's metadata as the listing shows it (no content, no purpose needed). */
  summary(subjectId: string, exercise: boolean): Promise<SubjectSummary> {
    return this.get(`subjects/${encodeURIComponent(subjectId)}/summary`, { exercise: exerciseQuery(exercise) });
  }

  /** A subject's dossier: record content, read with a stated purpose and audited by the gateway. */
  dossier(subjectId: string, exercise: boolean, purpose: string): Promise<Dossier> {
    return this.get(`subjects/${encodeURIComponent(subjectId)}`, { exercise: exerciseQuery(exercise), purpose });
  }

  /** Candidate links by status. */
  candidates(exercise: boolean, status: string, cursor?: string): Promise<BankPage<Candidate>> {
    return this.get('candidates', { exercise: exerciseQuery(exercise), status, cursor });
  }

  /** Confirms or rejects a candidate (admins; sent with the session's CSRF token). */
  async decide(candidateId: string, kind: 'confirm' | 'reject', exercise: boolean, reason: string) {
    const path = `/v1/databank/candidates/${encodeURIComponent(candidateId)}/${kind}${queryOf({ exercise: exerciseQuery(exercise) })}`;
    return (await this.client.request('POST', path, { reason })) as DecisionOutcome;
  }

  /** Reverts a decision (admins). */
  async revert(decisionId: string, exercise: boolean, reason: string): Promise<DecisionOutcome> {
    const path = `/v1/databank/decisions/${encodeURIComponent(decisionId)}/revert${queryOf({ exercise: exerciseQuery(exercise) })}`;
    return (await this.client.request('POST', path, { reason })) as DecisionOutcome;
  }

  /** Withdrawals, newest first, with purge states. */
  withdrawals(exercise: boolean, overdue: boolean, cursor?: string): Promise<BankPage<Withdrawal>> {
    return this.get('withdrawals', {
      exercise: exerciseQuery(exercise),
      overdue: overdue ? 'true' : undefined,
      cursor,
    });
  }

  /** Records due for review within `withinDays` days, or past it. */
  review(exercise: boolean, withinDays: string): Promise<ReviewDue> {
    return this.get('review', { exercise: exerciseQuery(exercise), withinDays });
  }

  /** Conflicting versions. */
  conflicts(exercise: boolean, cursor?: string): Promise<BankPage<Conflict>> {
    return this.get('conflicts', { exercise: exerciseQuery(exercise), cursor });
  }

  /** Flagged archive entries. */
  flags(exercise: boolean, cursor?: string): Promise<BankPage<Flag>> {
    return this.get('flags', { exercise: exerciseQuery(exercise), cursor });
  }

  /** The newest audit entries of an action on a subject (auditors and admins). */
  async audit(action: string, subject: string, limit: number): Promise<readonly AuditEntry[]> {
    const query = queryOf({ action, subject, limit: String(limit) });
    return ((await this.client.request('GET', `/v1/audit${query}`)) as { items: AuditEntry[] }).items;
  }
}
