// The centre's per-member limit of data bank queries, end to end (agent -> NATS -> gateway ->
// agent) on both archive engines: a member over its limit gets 429 ERR_RATE_LIMITED with
// Retry-After from its agent; the query and the gateway-signed refusal are archived leaves like
// any query and answer; another member's queries are still searched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveDb, type SqlDb } from '@atc/gateway';
import { atc, decodePayload, ErrorCode, PayloadType } from '@atc/shared';
import {
  ARCHIVE_BACKENDS,
  startTestFederation,
  waitFor,
  type AgentFixture,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

type Body = Record<string, unknown>;

const PURPOSE = 'Check of a fictitious person for a test case (synthetic test data)';
const LEGAL_BASIS = 'Fictitious agreement on information exchange, art. 5';
/** Queries a member may send at once; then one a minute, so that the next is refused for about a minute. */
const BURST = 2;

/** A search body for a fictitious person. */
const search = (family: string): Body => ({
  names: [
    {
      parts: [
        { type: 'FAMILY', value: family },
        { type: 'GIVEN', value: 'Testovyi' },
      ],
    },
  ],
  purpose: PURPOSE,
  legalBasis: LEGAL_BASIS,
  waitMs: 15_000,
});

describe.each(ARCHIVE_BACKENDS)("the centre's per-member limit of data bank queries on $name", (backend) => {
  let fed: TestFederation;
  let kz: AgentFixture;
  let by: AgentFixture;
  let archive: TestArchiveLocation;
  let db: SqlDb;

  beforeAll(async () => {
    archive = await backend.create();
    fed = await startTestFederation({
      archive: archive.location,
      members: { KZ: {}, BY: {} },
      gatewayEnv: { ATC_MEMBER_SEARCH_RATE_PER_MINUTE: '1', ATC_MEMBER_SEARCH_RATE_BURST: String(BURST) },
    });
    [kz, by] = [fed.agent('KZ'), fed.agent('BY')];
    db = await openArchiveDb(archive.location);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await fed?.close();
    await archive?.dispose();
  });

  it('answers 429 ERR_RATE_LIMITED with Retry-After beyond the limit, archives query and refusal, and limits each member alone', async () => {
    for (let i = 0; i < BURST; i++) {
      const res = await kz.api('POST', '/v1/databank/search', search(`Primerov${'a'.repeat(i + 1)}`));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body['status']).toBe('done');
    }

    const limited = await kz.api('POST', '/v1/databank/search', search('Primerovich'));
    expect(limited.status, JSON.stringify(limited.body)).toBe(429);
    expect(limited.body).toMatchObject({ code: ErrorCode.RATE_LIMITED });
    expect(limited.body['detail']).toMatch(/KZ sent more data bank queries.*send it again in \d+ s\./);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const location = limited.headers.get('location') ?? '';
    const searchId = location.split('/').at(-1) ?? '';
    expect(searchId).toMatch(/^[0-9a-f-]{36}$/);

    // Polling gives the refusal too, with the centre's result message.
    const polled = await kz.api('GET', location);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({
      searchId,
      status: 'refused',
      reason: { code: ErrorCode.RATE_LIMITED },
      retryAfterSeconds: retryAfter,
    });

    // Nothing lost: the query and the gateway-signed refusal are leaves of the log.
    const rows = await db.all<{
      message_id: string;
      sender: string;
      payload_type: string;
      leaf_index: number | null;
      envelope: Uint8Array;
    }>(
      `SELECT message_id, sender, payload_type, leaf_index, envelope FROM messages
        WHERE message_id = ? OR in_reply_to = ? ORDER BY leaf_index`,
      [searchId, searchId],
    );
    expect(rows.map((r) => [r.sender, r.payload_type, r.leaf_index !== null])).toEqual([
      ['KZ', PayloadType.DataBankQuery, true],
      ['ATC', PayloadType.DataBankResult, true],
    ]);
    const result = decodePayload(PayloadType.DataBankResult, atc.v1.Envelope.decode(rows[1]!.envelope).payload);
    expect(result).toMatchObject({ refusalCode: ErrorCode.RATE_LIMITED, retryAfterSeconds: retryAfter, hits: [] });
    expect(polled.body['resultMessageId']).toBe(rows[1]!.message_id);

    // The limit is per member: BY's query is searched as usual.
    const other = await by.api('POST', '/v1/databank/search', search('Primerov'));
    expect(other.status, JSON.stringify(other.body)).toBe(200);

    // The refusal is in the operators' audit trail beside the searches.
    await waitFor(
      async () => {
        const res = await fed.gateway.api('/v1/audit?action=databank.search&limit=100');
        const items = ((await res.json()) as { items: { subject: string; details: Body }[] }).items;
        return items.find((r) => r.subject === `query:${searchId}`)?.details['refused'] === ErrorCode.RATE_LIMITED;
      },
      { timeoutMs: 15_000, message: 'the refused query audited' },
    );
  }, 90_000);
});
