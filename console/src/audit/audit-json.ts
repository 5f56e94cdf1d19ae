/** One row of the audit log as `GET /v1/audit` lists it. */
export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly role: string | null;
  readonly action: string;
  readonly subject: string;
  readonly reason: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** A page of the audit log. */
export interface AuditPageJson {
  readonly items: readonly AuditRow[];
  readonly nextCursor: string | null;
}

/** What `GET /v1/audit/verify` found. */
export interface AuditVerificationJson {
  readonly ok: boolean;
  readonly rows: number;
  readonly head: string | null;
  readonly brokenId: number | null;
  readonly problem: string | null;
  readonly checkedAt: string;
}

/** The audit filters the URL and the API share. */
export const AUDIT_FILTERS = ['action', 'subject'] as const;

/** Entries per page the console asks for. */
export const AUDIT_PAGE_SIZE = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Checks the shape of an audit page the gateway answered. */
export function parseAuditPage(body: unknown): AuditPageJson {
  if (!isObject(body) || !Array.isArray(body['items'])) throw new Error('the gateway sent an unreadable audit page');
  for (const item of body['items'] as unknown[]) {
    if (!isObject(item) || typeof item['id'] !== 'number' || typeof item['at'] !== 'string') {
      throw new Error('the gateway sent an unreadable audit entry');
    }
  }
  return {
    items: body['items'] as AuditRow[],
    nextCursor: typeof body['nextCursor'] === 'string' ? body['nextCursor'] : null,
  };
}

/** Checks the shape of a chain verification the gateway answered. */
export function parseVerification(body: unknown): AuditVerificationJson {
  if (!isObject(body) || typeof body['ok'] !== 'boolean' || typeof body['rows'] !== 'number') {
    throw new Error('the gateway sent an unreadable chain verification');
  }
  return body as unknown as AuditVerificationJson;
}
