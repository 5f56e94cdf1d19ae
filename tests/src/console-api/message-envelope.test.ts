// GET /v1/messages/:id/envelope over real HTTP on a running gateway, real nats-server and both
// archive engines: the archived envelope bytes (record content) for auditors with a stated
// purpose, each read audited; their RFC 9162 leaf hash is the one the log proves. Operators,
// a missing purpose, bad and unknown ids are refused.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '@atc/gateway';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  startTestFederation,
  waitFor,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

interface EnvelopeJson {
  messageId: string;
  leafIndex: number | null;
  payloadErased: boolean;
  envelope: string;
}
interface AuditItem {
  actor: string;
  role: string | null;
  subject: string;
  reason: string;
  details: Record<string, unknown>;
}

const leafHashOf = (bytes: Buffer): string =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from([0]), bytes]))
    .digest('base64');

describe.each(ARCHIVE_BACKENDS)('message envelopes for auditors on $name', { timeout: 120_000 }, (backend) => {
  let location: TestArchiveLocation;
  let fed: TestFederation;
  const tokens = { auditor: '', operator: '' };
  let sent: ReturnType<typeof makeMessage>;

  const call = (path: string, token: string): Promise<Response> =>
    fed.gateway.api(path, { authorization: `Bearer ${token}` });
  const audited = async (subject: string): Promise<AuditItem[]> => {
    const res = await fed.gateway.api(`/v1/audit?action=databank.read&subject=${encodeURIComponent(subject)}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: AuditItem[] }).items;
  };

  beforeAll(async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, wire: true, members: {} });
    for (const role of ['auditor', 'operator'] as const) {
      tokens[role] = addToken(
        join(fed.gateway.dataDir, 'tokens.json'),
        { name: `envelope-${role}`, role },
        Date.now(),
      ).token;
    }
    sent = makeMessage({ from: 'KZ', to: ['BY'], sequence: 1 });
    await fed.wire.submit('KZ', sent.bytes, sent.messageId);
    await waitFor(async () => (await fed.gateway.api(`/v1/log/proof/inclusion?messageId=${sent.messageId}`)).ok, {
      timeoutMs: 30_000,
      message: 'the message in the log',
    });
  }, 90_000);

  afterAll(async () => {
    await fed?.close();
    await location?.dispose();
  });

  it('hands an auditor the exact archived bytes, whose leaf hash the log proves, and audits the read', async () => {
    const purpose = 'Leaf check for case PRIMEROV-3';
    const res = await call(
      `/v1/messages/${sent.messageId}/envelope?purpose=${encodeURIComponent(purpose)}`,
      tokens.auditor,
    );
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as EnvelopeJson;
    const bytes = Buffer.from(body.envelope, 'base64');
    expect(bytes.equals(Buffer.from(sent.bytes))).toBe(true);
    expect(body).toMatchObject({ messageId: sent.messageId, payloadErased: false });
    const proof = (await (await fed.gateway.api(`/v1/log/proof/inclusion?messageId=${sent.messageId}`)).json()) as {
      leafIndex: number;
      leafHash: string;
    };
    expect(body.leafIndex).toBe(proof.leafIndex);
    expect(leafHashOf(bytes)).toBe(proof.leafHash);
    const rows = await audited(`message:${sent.messageId}`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'envelope-auditor', role: 'auditor', reason: purpose });
    expect(rows[0]!.details).toMatchObject({ messageId: sent.messageId, leafIndex: proof.leafIndex });
  });

  it('refuses operators, a missing or blank purpose, and a bad id; an unknown id is refused and audited', async () => {
    const path = `/v1/messages/${sent.messageId}/envelope`;
    expect((await call(`${path}?purpose=operator+curiosity`, tokens.operator)).status).toBe(403);
    for (const query of ['', '?purpose=', '?purpose=%20%20']) {
      const res = await call(`${path}${query}`, tokens.auditor);
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('ERR_PURPOSE_REQUIRED');
    }
    const bad = await call('/v1/messages/not-a-uuid/envelope?purpose=looking', tokens.auditor);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe('ERR_MESSAGE_ID_INVALID');
    const unknown = '0190c0de-0000-7000-8000-00000000abcd';
    const missing = await call(`/v1/messages/${unknown}/envelope?purpose=looking+for+it`, tokens.auditor);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('ERR_MESSAGE_UNKNOWN');
    expect((await audited(`message:${unknown}`)).map((r) => r.details['refused'])).toEqual([404]);
    // Only the one successful read of the archived message was recorded.
    expect(await audited(`message:${sent.messageId}`)).toHaveLength(1);
  });
});
