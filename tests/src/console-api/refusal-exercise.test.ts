// Refusals and the quarantine kept apart by namespace (migration 12, `exercise` query parameter)
// over real HTTP on a running gateway, real nats-server and both archive engines: bad
// submissions through the real pipeline, and a row quarantined before the gateway recorded the
// namespace (exercise NULL, listed only unfiltered). A header's exercise flag counts only once
// its signature verified: forged, unknown-key and unreadable submissions are operational
// whatever they claim, and the flow statistics (live and rebuilt from the archive) agree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveDb } from '@atc/gateway';
import { atc, encodeEnvelope, envelopeParts, generateKeyPair } from '@atc/shared';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  startFederationGateway,
  startTestFederation,
  waitFor,
  type GatewayFixture,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

interface QuarantineItem {
  id: number;
  code: string;
  messageId: string | null;
  exercise: boolean | null;
}
interface RefusalsJson {
  exercise: boolean | null;
  codes: { code: string; total: number }[];
  buckets: { count: number }[];
}
interface FlowTraffic {
  totals: Record<string, number>;
  refusals: { code: string; count: number }[];
}
interface FlowJson {
  operational: FlowTraffic;
  exercise: FlowTraffic;
}

describe.each(ARCHIVE_BACKENDS)('refusals by namespace on $name', { timeout: 120_000 }, (backend) => {
  let location: TestArchiveLocation;
  let fed: TestFederation;
  /** The gateway answering the API: the federation's, then the one restarted on its archive. */
  let gateway: GatewayFixture;
  let restarted: GatewayFixture | undefined;
  const ids = { unknownKey: '', unknownKeyDrill: '', forgedDrill: '', policyDrill: '', unreadable: '' };

  async function ok<T>(path: string): Promise<T> {
    const res = await gateway.api(path);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  }
  const items = async (query: string): Promise<QuarantineItem[]> =>
    (await ok<{ items: QuarantineItem[] }>(`/v1/quarantine${query}`)).items;
  const totals = async (query: string): Promise<Record<string, number>> => {
    const r = await ok<RefusalsJson>(`/v1/refusals${query}`);
    return Object.fromEntries(r.codes.map((c) => [c.code, c.total]));
  };
  const flowRefusals = (t: FlowTraffic): Record<string, number> =>
    Object.fromEntries(t.refusals.map((c) => [c.code, c.count]));

  beforeAll(async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, wire: true, members: {} });
    gateway = fed.gateway;
    // A row as the quarantine held it before migration 12: its namespace unknown (NULL).
    const db = await openArchiveDb(fed.gateway.archive);
    try {
      await db.run(
        'INSERT INTO quarantine (received_at, subject, transport_sender, claimed_sender, message_id, reason, detail, ' +
          'envelope_sha256, size, head, security_event, receipt_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          Date.now() - 60_000,
          'atc.v1.submit.KZ',
          'KZ',
          'KZ',
          null,
          'ERR_ENVELOPE_MALFORMED',
          'legacy row',
          Buffer.alloc(32, 7),
          3,
          Buffer.from([1, 2, 3]),
          0,
          null,
        ],
      );
    } finally {
      await db.close();
    }
    // Unknown keys, claiming operational and exercise traffic: refused at the key, both operational.
    const unknownKey = makeMessage({
      from: 'KZ',
      to: ['BY'],
      sequence: 1,
      key: generateKeyPair(),
      header: { exercise: false },
    });
    const unknownKeyDrill = makeMessage({
      from: 'KZ',
      to: ['BY'],
      sequence: 2,
      key: generateKeyPair(),
      header: { exercise: true },
    });
    // KZ's registered key, a header claiming exercise, another message's signature: a forgery.
    const claimed = makeMessage({ from: 'KZ', to: ['BY'], sequence: 3, header: { exercise: true } });
    const other = makeMessage({ from: 'KZ', to: ['BY'], sequence: 4, header: { exercise: true } });
    const forgedDrill = encodeEnvelope({
      ...envelopeParts(atc.v1.Envelope.decode(claimed.bytes)),
      signature: envelopeParts(atc.v1.Envelope.decode(other.bytes)).signature,
    });
    // Properly signed exercise traffic refused by policy after verification: exercise.
    const policyDrill = makeMessage({ from: 'KZ', to: ['ZZ'], sequence: 5, header: { exercise: true } });
    ids.unknownKey = unknownKey.messageId;
    ids.unknownKeyDrill = unknownKeyDrill.messageId;
    ids.forgedDrill = claimed.messageId;
    ids.policyDrill = policyDrill.messageId;
    await fed.wire.submit('KZ', unknownKey.bytes, unknownKey.messageId);
    await fed.wire.submit('KZ', unknownKeyDrill.bytes, unknownKeyDrill.messageId);
    await fed.wire.submit('KZ', forgedDrill, claimed.messageId);
    await fed.wire.submit('KZ', policyDrill.bytes, policyDrill.messageId);
    // Bytes that are no envelope at all: the header cannot be read, so the row counts as operational.
    ids.unreadable = '0190c0de-0000-7000-8000-00000000ffff';
    await fed.wire.submit('KZ', Buffer.from('not an envelope'), ids.unreadable);
    await waitFor(async () => (await items('')).length === 6, { timeoutMs: 30_000, message: 'five refusals' });
  }, 90_000);

  afterAll(async () => {
    await restarted?.stop();
    await fed?.close();
    await location?.dispose();
  });

  it('lists each quarantined submission with its namespace, null for a row from before migration 12', async () => {
    const all = await items('');
    const of = (id: string | null) => all.find((i) => i.messageId === id);
    expect(of(ids.unknownKey)).toMatchObject({ code: 'ERR_KEY_UNKNOWN', exercise: false });
    expect(of(ids.unknownKeyDrill)).toMatchObject({ code: 'ERR_KEY_UNKNOWN', exercise: false });
    expect(of(ids.forgedDrill)).toMatchObject({ code: 'ERR_SIGNATURE_INVALID', exercise: false });
    expect(of(ids.policyDrill)).toMatchObject({ code: 'ERR_RECIPIENT_UNKNOWN', exercise: true });
    expect(of(ids.unreadable)).toMatchObject({ code: 'ERR_ENVELOPE_MALFORMED', exercise: false });
    expect(all.find((i) => i.code === 'ERR_ENVELOPE_MALFORMED' && i.messageId === null)?.exercise).toBeNull();
    expect(all.filter((i) => i.exercise === false)).toHaveLength(4);
  });

  it('filters the quarantine by exercise=true|false; a forged header claiming exercise stays operational', async () => {
    expect((await items('?exercise=true')).map((i) => i.messageId)).toEqual([ids.policyDrill]);
    const operational = await items('?exercise=false');
    expect(operational.map((i) => i.exercise)).toEqual([false, false, false, false]);
    expect(operational.map((i) => i.messageId).sort()).toEqual(
      [ids.unknownKey, ids.unknownKeyDrill, ids.forgedDrill, ids.unreadable].sort(),
    );
    // The forged submission is found by its code in the operational view only.
    expect(await items('?exercise=true&code=ERR_SIGNATURE_INVALID')).toEqual([]);
    expect((await items('?exercise=false&code=ERR_SIGNATURE_INVALID')).map((i) => i.messageId)).toEqual([
      ids.forgedDrill,
    ]);
    expect(await items('?exercise=true&code=ERR_KEY_UNKNOWN')).toEqual([]);
    // Rows of unknown namespace match neither filter.
    expect(await items('?exercise=true&code=ERR_ENVELOPE_MALFORMED')).toEqual([]);
    const malformed = await items('?exercise=false&code=ERR_ENVELOPE_MALFORMED');
    expect(malformed.map((i) => i.messageId)).toEqual([ids.unreadable]);
  });

  it('counts refusals per namespace, and all of them without the parameter', async () => {
    const exercise = await ok<RefusalsJson>('/v1/refusals?exercise=true');
    expect(exercise.exercise).toBe(true);
    expect(await totals('?exercise=true')).toEqual({ ERR_RECIPIENT_UNKNOWN: 1 });
    expect(await totals('?exercise=false')).toEqual({
      ERR_KEY_UNKNOWN: 2,
      ERR_SIGNATURE_INVALID: 1,
      ERR_ENVELOPE_MALFORMED: 1,
    });
    const all = await ok<RefusalsJson>('/v1/refusals');
    expect(all.exercise).toBeNull();
    expect(all.buckets.reduce((n, b) => n + b.count, 0)).toBe(6);
  });

  it('counts the same refusals per namespace in the live flow statistics', async () => {
    const flow = await waitFor(
      async () => {
        const f = await ok<FlowJson>('/v1/stats/flow?window=1h');
        return f.operational.totals['rejected'] === 4 ? f : undefined;
      },
      { timeoutMs: 30_000, message: 'four operational refusals in the flow statistics' },
    );
    expect(flowRefusals(flow.operational)).toEqual(await totals('?exercise=false'));
    expect(flowRefusals(flow.exercise)).toEqual(await totals('?exercise=true'));
    expect(flow.exercise.totals['rejected']).toBe(1);
  });

  it('counts them the same when the statistics are rebuilt from the archive after a restart', async () => {
    await fed.gateway.stop();
    restarted = await startFederationGateway({
      nats: fed.nats,
      dataDir: fed.gateway.dataDir,
      archive: location.location,
    });
    gateway = restarted;
    const flow = await ok<FlowJson>('/v1/stats/flow?window=1h');
    expect(flowRefusals(flow.exercise)).toEqual(await totals('?exercise=true'));
    // The row from before migration 12 (namespace unknown) is counted as operational here.
    const operational = await totals('?exercise=false');
    expect(flowRefusals(flow.operational)).toEqual({
      ...operational,
      ERR_ENVELOPE_MALFORMED: (operational['ERR_ENVELOPE_MALFORMED'] ?? 0) + 1,
    });
  });

  it('refuses an exercise value other than true or false', async () => {
    for (const path of ['/v1/refusals?exercise=yes', '/v1/quarantine?exercise=1']) {
      const res = await gateway.api(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { code: string; detail: string };
      expect(body.code).toBe('ERR_QUERY_INVALID');
      expect(body.detail).toContain('exercise');
    }
  });
});
