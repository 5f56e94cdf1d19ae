import { describe, expect, it } from 'vitest';
import { SEARCH_ANSWER_WINDOW_MS } from '@atc/shared';
import { SEARCH_EXPIRED_AFTER_MS, unansweredSearchJson } from './result-json.js';
import { OutboxStatus } from '../store/outbox-records.js';

const T0 = 1_767_000_000_000;
const accepted = (acceptedAt: number | null) => ({
  status: OutboxStatus.accepted,
  acceptedAt,
  reasonCode: null,
  reasonDetail: null,
});

describe('a search with no answer stored', () => {
  it('is pending while queued, sent, or accepted within the hour the centre answers in (and its slack)', () => {
    for (const sent of [
      undefined,
      { status: OutboxStatus.queued, acceptedAt: null, reasonCode: null, reasonDetail: null },
      accepted(null),
      accepted(T0),
    ]) {
      expect(unansweredSearchJson('q', sent, T0 + SEARCH_EXPIRED_AFTER_MS)).toEqual({
        searchId: 'q',
        status: 'pending',
      });
    }
    expect(SEARCH_EXPIRED_AFTER_MS).toBeGreaterThan(SEARCH_ANSWER_WINDOW_MS);
  });

  it('has expired once the centre accepted it longer ago than it answers searches, and says what to do', () => {
    const json = unansweredSearchJson('q', accepted(T0), T0 + SEARCH_EXPIRED_AFTER_MS + 1);
    expect(json).toMatchObject({ searchId: 'q', status: 'expired' });
    expect(String(json['detail'])).toContain('search again');
  });

  it("was rejected when the centre's receipt refused it, however long ago", () => {
    const sent = {
      status: OutboxStatus.rejected,
      acceptedAt: null,
      reasonCode: 'ERR_QUERY_TOO_BROAD',
      reasonDetail: 'Too broad.',
    };
    expect(unansweredSearchJson('q', sent, T0 + 10 * SEARCH_EXPIRED_AFTER_MS)).toEqual({
      searchId: 'q',
      status: OutboxStatus.rejected,
      reason: { code: 'ERR_QUERY_TOO_BROAD', detail: 'Too broad.' },
    });
  });
});
