import {
  restrictionOf,
  atc,
  decodePayload,
  isRefusal,
  payloadKind,
  PayloadType,
  RefusalCode,
  SEARCH_ANSWER_WINDOW_MS,
  verifyEnvelope,
  type KeyResolver,
  type VerifiedEnvelope,
} from '@atc/shared';
import type { OutboxRow } from '../store/outbox-records.js';
import { WITHDRAWABLE_TYPES } from '../inbox/withdrawal-store.js';

/** One hit of a search as the integrator API gives it. */
export interface HitJson {
  readonly n: number;
  readonly originator: string;
  readonly recordId: string;
  readonly version: number;
  /** 0..1. */
  readonly score: number;
  readonly reasons: readonly string[];
  /** Hit/no-hit only: ask the originator for the details (POST .../hits/{n}/request). */
  readonly restricted: boolean;
  readonly subjectId: string | null;
  /** The record, decoded from the originator's envelope once its signature verified; null otherwise. */
  readonly content: Record<string, unknown> | null;
  /** Why `content` is null although the centre quoted an envelope (a refusal code and sentence). */
  readonly contentProblem: { readonly code: string; readonly detail: string } | null;
}

/**
 * The JSON of a search the centre archived but refused to run (the refusal code of its
 * DataBankResult: ERR_RATE_LIMITED), with the seconds to wait before asking again.
 */
export interface RefusedSearchJson {
  readonly searchId: string;
  readonly status: 'refused';
  readonly resultMessageId: string;
  readonly reason: { readonly code: string; readonly detail: string };
  readonly retryAfterSeconds: number;
}

/** A search whose answer was erased: it quoted a record that its originator withdrew since. */
export interface ErasedSearchJson {
  readonly searchId: string;
  readonly status: 'erased';
  readonly resultMessageId: string;
  /** The RecordWithdrawal that erased it. */
  readonly erasedBy: string | null;
  readonly detail: string;
}

/**
 * A search whose answer the national system took longer than the inbox retention ago: the
 * agent removed its content (as it does for every inbox item), so its hits are gone here. Not
 * `expired`, which says that no answer came while the centre answers searches.
 */
export interface RemovedSearchJson {
  readonly searchId: string;
  readonly status: 'removed';
  readonly resultMessageId: string;
  /** When the answer's content was removed (ISO 8601). */
  readonly expiredAt: string;
  readonly detail: string;
}

/** The JSON of an answered search. */
export interface SearchResultJson {
  readonly searchId: string;
  readonly status: 'done';
  readonly resultMessageId: string;
  readonly truncated: boolean;
  readonly hits: readonly HitJson[];
}

/**
 * Verifies a quoted envelope as the agent verifies inbox items (the originator's key from the
 * trust list, the payload digest) and checks it carries the record the hit names.
 */
async function quotedContent(
  hit: atc.v1.DataBankHit.$Properties,
  answer: { readonly asker: string; readonly exercise: boolean },
  options: {
    readonly resolver: KeyResolver;
    readonly maxBytes: number;
    readonly toJson: (v: VerifiedEnvelope) => Record<string, unknown>;
  },
): Promise<Pick<HitJson, 'content' | 'contentProblem'>> {
  if (hit.envelope === null || hit.envelope === undefined || hit.envelope.length === 0)
    return { content: null, contentProblem: null };
  try {
    const v = await verifyEnvelope(hit.envelope, { resolver: options.resolver, maxBytes: options.maxBytes });
    const record = v.payload as { recordId?: string; version?: number };
    if (
      payloadKind(v.payloadType) !== 'record' ||
      v.header.sender !== hit.record?.originator ||
      record.recordId !== hit.record.recordId ||
      record.version !== hit.record.version
    ) {
      return {
        content: null,
        contentProblem: {
          code: RefusalCode.REFERENCE_MISMATCH,
          detail: 'The quoted envelope does not carry the record the hit names; ask the originator for it.',
        },
      };
    }
    const notAllowed = notQuotable(v, answer);
    if (notAllowed !== undefined) {
      return {
        content: null,
        contentProblem: {
          code: RefusalCode.REFERENCE_MISMATCH,
          detail: `The quoted envelope ${notAllowed}: its content is left out; ask the originator for it.`,
        },
      };
    }
    return { content: options.toJson(v), contentProblem: null };
  } catch (e) {
    if (!isRefusal(e)) throw e;
    return { content: null, contentProblem: { code: e.code, detail: e.message } };
  }
}

/**
 * Why the centre must not have quoted `v` to `answer.asker`, checked again here: anything but a
 * data record, a record of the other namespace than the search, or one the asker may learn only
 * exists (DESIGN.md section 10). Undefined when it may.
 */
function notQuotable(
  v: VerifiedEnvelope,
  answer: { readonly asker: string; readonly exercise: boolean },
): string | undefined {
  if (!WITHDRAWABLE_TYPES.has(v.payloadType)) return 'is not a person, organisation or incident record';
  if (v.header.exercise !== answer.exercise) {
    return 'is a record of the other namespace (exercise or operational) than the search';
  }
  const recipients = v.header.broadcast ? [answer.asker] : v.header.recipients;
  if (restrictionOf(answer.asker, v.header.sender, v.header.handling, recipients)) {
    return 'is marked for a hit only to this member (TLP:RED, TLP:AMBER+STRICT to others, or hit/no-hit only)';
  }
  return undefined;
}

/** The JSON of the DataBankResult envelope `resultEnvelope` (verified when it arrived) for search `searchId`. */
export async function searchResultJson(
  searchId: string,
  resultMessageId: string,
  resultEnvelope: Uint8Array,
  options: {
    readonly resolver: KeyResolver;
    readonly maxBytes: number;
    readonly toJson: (v: VerifiedEnvelope) => Record<string, unknown>;
  },
): Promise<SearchResultJson | RefusedSearchJson> {
  const archived = atc.v1.Envelope.decode(resultEnvelope);
  const result = decodePayload(PayloadType.DataBankResult, archived.payload);
  const resultHeader = atc.v1.Header.decode(archived.header);
  const answer = { asker: resultHeader.recipients[0] ?? '', exercise: resultHeader.exercise };
  if (result.refusalCode !== '') {
    return {
      searchId,
      status: 'refused',
      resultMessageId,
      reason: { code: result.refusalCode, detail: result.refusalDetail },
      retryAfterSeconds: result.retryAfterSeconds,
    };
  }
  const hits: HitJson[] = [];
  for (const [n, hit] of result.hits.entries()) {
    hits.push({
      n,
      originator: hit.record?.originator ?? '',
      recordId: hit.record?.recordId ?? '',
      version: hit.record?.version ?? 0,
      score: (hit.score ?? 0) / 1000,
      reasons: [...(hit.reasons ?? [])],
      restricted: hit.restricted ?? false,
      subjectId: (hit.subjectId ?? '') === '' ? null : (hit.subjectId ?? null),
      ...(await quotedContent(hit, answer, options)),
    });
  }
  return { searchId, status: 'done', resultMessageId, truncated: result.truncated, hits };
}

/** When an accepted search with no answer is given up on: the centre's window and some slack for clocks. */
export const SEARCH_EXPIRED_AFTER_MS = SEARCH_ANSWER_WINDOW_MS + 5 * 60_000;

/**
 * What a search with no answer stored is at `now`, from its query's outbox row: pending;
 * rejected by the centre (the receipt's code and sentence); or expired, once the centre
 * archived it longer ago than it answers searches (its data bank was behind, or it had no
 * leading replica then), so that a caller polling it stops.
 */
export function unansweredSearchJson(
  searchId: string,
  sent: Pick<OutboxRow, 'status' | 'acceptedAt' | 'reasonCode' | 'reasonDetail'> | undefined,
  now: number,
): Record<string, unknown> {
  if (sent?.status === 'rejected') {
    return { searchId, status: 'rejected', reason: { code: sent.reasonCode, detail: sent.reasonDetail } };
  }
  if (sent?.status === 'accepted' && sent.acceptedAt !== null && sent.acceptedAt < now - SEARCH_EXPIRED_AFTER_MS) {
    return {
      searchId,
      status: 'expired',
      detail:
        'The centre archived this search but did not answer it within the hour in which it answers searches (its data bank was behind, or it was being restarted): search again.',
    };
  }
  return { searchId, status: 'pending' };
}
