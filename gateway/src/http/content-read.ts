import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '@atc/shared';
import { badRequest, HttpProblem } from '@atc/shared/http';
import type { NewAuditEntry } from '../audit/audit-log.js';
import { AuditAction } from '../registry/registry-types.js';

/** Length of a stated purpose, in characters after trimming. */
export const PURPOSE_LENGTH = { min: 3, max: 500 } as const;

/** The `purpose` query parameter of every content read, for route schemas (checked by {@link statedPurpose}). */
export const purposeParameter = {
  type: 'string',
  description:
    `Why the content is read (case, request, decision), ${PURPOSE_LENGTH.min} to ${PURPOSE_LENGTH.max} characters: ` +
    'required; recorded in the audit log with the token, its role and what was read.',
} as const;

/** Where content reads are recorded: the gateway's hash-chained audit log. */
export interface ContentReadAudit {
  append(entry: NewAuditEntry): Promise<unknown>;
}

/** What a content route read: the answer, and what the audit row says was read. */
export interface ContentRead<T> {
  /** Particulars for the audit row (version, message id, namespace, ...). */
  readonly details: Readonly<Record<string, unknown>>;
  readonly body: T;
}

/**
 * The trimmed `purpose` of a content read.
 *
 * @throws HttpProblem 400 ERR_PURPOSE_REQUIRED when it is missing, blank, shorter than 3 or
 *   longer than 500 characters.
 */
export function statedPurpose(raw: unknown): string {
  const purpose = typeof raw === 'string' ? raw.trim() : '';
  const length = Array.from(purpose).length;
  if (length < PURPOSE_LENGTH.min || length > PURPOSE_LENGTH.max) {
    throw badRequest(
      ErrorCode.PURPOSE_REQUIRED,
      purpose === ''
        ? `Reading record content needs a stated purpose: add purpose=<why> (${PURPOSE_LENGTH.min} to ${PURPOSE_LENGTH.max} characters: the case, request or decision); it is recorded in the audit log.`
        : `The purpose must be ${PURPOSE_LENGTH.min} to ${PURPOSE_LENGTH.max} characters long (it has ${length}); say in a sentence why the content is read.`,
    );
  }
  return purpose;
}

/**
 * The one way a route answers with record content: checks the stated purpose first (before
 * anything is read), runs `read`, appends the audit row (who = the token's name, its role,
 * `databank.read`, `subject` = what was asked for, e.g. `record:KZ/KZ-P-1` with `exercise:` in
 * front for the exercise namespace, purpose, details), and only then returns the content to be
 * sent. If the audit row cannot be written, the request fails with 503 ERR_AUDIT_UNAVAILABLE and
 * nothing leaves: no unaudited read. A read refused because there is nothing to show (404, or
 * 410 for a record out of the current view) is audited too, with its status and code: asking
 * is recorded, whether or not the bank held an answer.
 */
export async function readContent<T>(
  audit: ContentReadAudit,
  req: FastifyRequest,
  subject: string,
  read: () => Promise<ContentRead<T>>,
): Promise<T> {
  const purpose = statedPurpose((req.query as { purpose?: unknown } | undefined)?.purpose);
  const principal = req.principal;
  if (principal === null) throw new Error('readContent on a route without a role guard');
  let outcome: ContentRead<T>;
  try {
    outcome = await read();
  } catch (e) {
    if (e instanceof HttpProblem && (e.status === 404 || e.status === 410)) {
      await appendRow(audit, req, principal, subject, purpose, { refused: e.status, code: e.code });
    }
    throw e;
  }
  await appendRow(audit, req, principal, subject, purpose, outcome.details);
  return outcome.body;
}

async function appendRow(
  audit: ContentReadAudit,
  req: FastifyRequest,
  principal: NonNullable<FastifyRequest['principal']>,
  subject: string,
  purpose: string,
  details: Readonly<Record<string, unknown>>,
): Promise<void> {
  try {
    await audit.append({
      actor: principal.name,
      role: principal.role,
      action: AuditAction.DATABANK_READ,
      subject,
      reason: purpose,
      details: { ...details, route: `${req.method} ${req.routeOptions.url ?? req.url}`, requestId: req.id },
    });
  } catch (e) {
    req.log.error({ err: e, subject }, 'content read refused: its audit row could not be written');
    throw new HttpProblem(
      503,
      ErrorCode.AUDIT_UNAVAILABLE,
      'Unavailable',
      'The read could not be recorded in the audit log, so no content was sent; retry later.',
    );
  }
}
