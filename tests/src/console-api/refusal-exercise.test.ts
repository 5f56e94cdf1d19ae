// Refusals and the quarantine kept apart by namespace (migration 12, `exercise` query parameter)
// over real HTTP on a running gateway, real nats-server and both archive engines: bad
// submissions claiming exercise or operational traffic through the real pipeline, and a row
// quarantined before the gateway recorded the namespace (exercise NULL, listed only unfiltered).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveDb } from '@atc/gateway';
import { generateKeyPair } from '@atc/shared';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  startTestFederation,
  waitFor,
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

describe.each(ARCHIVE_BACKENDS)('refusals by namespace on $name', { timeout: 120_000 }, (backend) => {
  let location: TestArchiveLocation;
  let fed: TestFederation;
  const ids = { operational: '', exercise: '', unreadable: '' };

  async function ok<T>(path: string): Promise<T> {
    const res = await fed.gateway.api(path);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  }
  const items = async (query: string): Promise<QuarantineItem[]> =>
    (await ok<{ items: QuarantineItem[] }>(`/v1/quarantine${query}`)).items;
  const totals = async (query: string): Promise<Record<string, number>> => {
    const r = await ok<RefusalsJson>(`/v1/refusals${query}`);
    return Object.fromEntries(r.codes.map((c) => [c.code, c.total]));
  };

  beforeAll(async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, wire: true, members: {} });
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
    const forged = makeMessage({
      from: 'KZ',
      to: ['BY'],
      sequence: 1,
      key: generateKeyPair(),
      header: { exercise: false },
    });
    const drill = makeMessage({
      from: 'KZ',
      to: ['BY'],
      sequence: 2,
      key: generateKeyPair(),
      header: { exercise: true },
    });
    ids.operational = forged.messageId;
    ids.exercise = drill.messageId;
    await fed.wire.submit('KZ', forged.bytes, forged.messageId);
    await fed.wire.submit('KZ', drill.bytes, drill.messageId);
    // Bytes that are no envelope at all: the header cannot be read, so the row counts as operational.
    ids.unreadable = '0190c0de-0000-7000-8000-00000000ffff';
    await fed.wire.submit('KZ', Buffer.from('not an envelope'), ids.unreadable);
    await waitFor(async () => (await items('')).length === 4, { timeoutMs: 30_000, message: 'three refusals' });
  }, 90_000);

  afterAll(async () => {
    await fed?.close();
    await location?.dispose();
  });

  it('lists each quarantined submission with its namespace, null for a row from before migration 12', async () => {
    const all = await items('');
    const of = (id: string | null) => all.find((i) => i.messageId === id)?.exercise;
    expect(of(ids.operational)).toBe(false);
    expect(of(ids.exercise)).toBe(true);
    expect(all.find((i) => i.code === 'ERR_ENVELOPE_MALFORMED' && i.messageId === null)?.exercise).toBeNull();
    expect(all.filter((i) => i.exercise === false)).toHaveLength(2);
  });

  it('filters the quarantine by exercise=true|false; rows of unknown namespace match neither', async () => {
    expect((await items('?exercise=true')).map((i) => i.messageId)).toEqual([ids.exercise]);
    const operational = await items('?exercise=false');
    expect(operational.map((i) => i.exercise)).toEqual([false, false]);
    expect(operational.map((i) => i.messageId)).toContain(ids.operational);
    expect(operational.some((i) => i.messageId === ids.exercise)).toBe(false);
    expect((await items('?exercise=true&code=ERR_KEY_UNKNOWN')).map((i) => i.code)).toEqual(['ERR_KEY_UNKNOWN']);
    expect(await items('?exercise=true&code=ERR_ENVELOPE_MALFORMED')).toEqual([]);
    const malformed = await items('?exercise=false&code=ERR_ENVELOPE_MALFORMED');
    expect(malformed.map((i) => i.messageId)).toEqual([ids.unreadable]);
  });

  it('counts refusals per namespace, and all of them without the parameter', async () => {
    const exercise = await ok<RefusalsJson>('/v1/refusals?exercise=true');
    expect(exercise.exercise).toBe(true);
    expect(await totals('?exercise=true')).toEqual({ ERR_KEY_UNKNOWN: 1 });
    const operational = await totals('?exercise=false');
    expect(operational['ERR_KEY_UNKNOWN']).toBe(1);
    expect(Object.values(operational).reduce((a, b) => a + b, 0)).toBe(2);
    const all = await ok<RefusalsJson>('/v1/refusals');
    expect(all.exercise).toBeNull();
    expect(all.buckets.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it('refuses an exercise value other than true or false', async () => {
    for (const path of ['/v1/refusals?exercise=yes', '/v1/quarantine?exercise=1']) {
      const res = await fed.gateway.api(path);
      expect(res.status, path).toBe(400);
      const body = (await res.json()) as { code: string; detail: string };
      expect(body.code).toBe('ERR_QUERY_INVALID');
      expect(body.detail).toContain('exercise');
    }
  });
});
