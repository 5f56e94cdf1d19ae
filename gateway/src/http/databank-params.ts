import type { Clock } from '@atc/shared';
import { Role } from '../auth/role.js';
import type { DatabankRecords } from '../databank/databank-records.js';
import type { DatabankSubjects } from '../databank/subjects.js';
import type { SqlDb } from '../db/sql-db.js';
import type { ContentReadAudit } from './content-read.js';
import type { DatabankSearchRouteOptions } from './databank-search-route.js';

/**
 * Who may do what in the data bank (DESIGN.md sections 9 and 11):
 * - metadata (status, histories, conflicts, flags, lists): operators and auditors;
 * - record content (a record, a dossier): auditors only, with a stated purpose, audited;
 * - decisions that change what the bank links (confirm, reject, split, revert): operators, whose
 *   work it is; auditors oversee those decisions in the audit log and take none.
 * Admin tokens may do everything.
 */
export const BankRoles = {
  metadata: [Role.OPERATOR, Role.AUDITOR],
  content: [Role.AUDITOR],
  decide: [Role.OPERATOR],
} as const;

/** What the data bank routes read. */
export interface DatabankRoutesOptions {
  /** The archive's database, which holds the bank's tables. */
  readonly db: SqlDb;
  readonly records: DatabankRecords;
  /** Where content reads are recorded (the registry's audit log). */
  readonly audit: ContentReadAudit;
  /** "Now" for the current view (review dates) and overdue purges. */
  readonly clock: Clock;
  /** How long after routing an unacknowledged purge is overdue (ATC_DATABANK_PURGE_OVERDUE_HOURS). */
  readonly purgeOverdueMs: number;
  /** Subjects, dossiers, candidates and decisions. */
  readonly subjects: DatabankSubjects;
  /** The operators' person search (POST /v1/databank/search), when served. */
  readonly search?: Omit<DatabankSearchRouteOptions, 'audit' | 'clock'> | undefined;
}

/** The query parameters the data bank's routes share. */
export type BankQuery = { exercise?: 'true' | 'false'; cursor?: string; limit?: string; purpose?: string };

/** The `exercise` query parameter every data bank route takes. */
export const exerciseParam = {
  type: 'string',
  enum: ['true', 'false'],
  description: 'true: the exercise namespace (everything returned says "exercise": true); default operational',
} as const;

/** The `cursor` and `limit` query parameters of every data bank list. */
export const pageParams = {
  cursor: { type: 'string', maxLength: 1024, description: 'nextCursor of the previous page (opaque)' },
  limit: { type: 'string', pattern: '^[0-9]{1,9}$', description: 'items per page, 1 to 500 (default 50)' },
} as const;

/** True when the query addresses the exercise namespace. */
export const exerciseOf = (q: BankQuery): boolean => q.exercise === 'true';

/** The namespace's name, for sentences and cursors. */
export const ns = (exercise: boolean): string => (exercise ? 'exercise' : 'operational');
