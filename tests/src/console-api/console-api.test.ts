// The operator console's read APIs over real HTTP on a running gateway (real nats-server, both
// archive engines): members with keys, last seen and backlog; refusals by code and the
// quarantine behind them after bad submissions through the real pipeline; current alarms.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '@atc/gateway';
import { generateKeyPair, type SignedEnvelope } from '@atc/shared';
import { fixtureKey } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  startTestFederation,
  waitFor,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

interface Problem {
  code: string;
  detail: string;
}
interface MemberJson {
  id: string;
  name: string;
  kind: string;
  status: string;
  keys: {
    kid: string;
    status: string;
    validFrom: string;
    validUntil: string | null;
    revokedAt: string | null;
    revocationReason: string | null;
  }[];
  lastSeen: string | null;
  backlog: number | null;
  sequenceAnomalies: {
    count: number;
    latest: { kind: string; expected: number; got: number; messageId: string } | null;
  };
  witness: { treeSize: number; receivedAt: string } | null;
  last24h: Record<'operational' | 'exercise', { sent: number; received: number }>;
}
interface QuarantineJson {
  id: number;
  receivedAt: string;
  transportSender: string | null;
  claimedSender: string | null;
  messageId: string | null;
  code: string;
  security: boolean;
  detail: string;
  size: number;
  envelopeSha256: string;
}
interface QuarantinePage {
  items: QuarantineJson[];
  nextCursor: string | null;
}
interface RefusalsJson {
  from: string;
  to: string;
  bucket: string;
  codes: { code: string; security: boolean; total: number; advice: string }[];
  buckets: { start: string; code: string; count: number }[];
}
interface AlarmJson {
  kind: string;
  severity: string;
  since: string;
  subject: string;
  detail: string;
}

const ACTOR = { who: 'cli:test-operator', why: 'TEST-0016 console fixture' };

describe.each(ARCHIVE_BACKENDS)('the console read APIs on $name', { timeout: 120_000 }, (backend) => {
  let location: TestArchiveLocation;
  let fed: TestFederation;
  let operator = '';
  let auditor = '';
  let revokedKid = '';
  const accepted: string[] = [];
  let seq = 0;

  /** Calls as the operator, as `token`, or with no token at all (null). */
  const call = (path: string, token: string | null = operator): Promise<Response> =>
    fed.gateway.api(path, token === null ? {} : { authorization: `Bearer ${token}` });
  async function ok<T>(path: string): Promise<T> {
    const res = await call(path);
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  }
  async function problem(path: string, status: number, code: string): Promise<Problem> {
    const res = await call(path);
    expect(res.status, path).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Problem;
    expect(body.code, `${path}: ${body.detail}`).toBe(code);
    expect(body.detail.length).toBeGreaterThan(10);
    return body;
  }
  const submit = (subject: string, m: SignedEnvelope): Promise<void> => fed.wire.submit(subject, m.bytes, m.messageId);
  const quarantine = (query = ''): Promise<QuarantinePage> => ok<QuarantinePage>(`/v1/quarantine${query}`);
  const alarms = async (): Promise<AlarmJson[]> => (await ok<{ items: AlarmJson[] }>('/v1/alarms')).items;

  beforeAll(async () => {
    location = await backend.create();
    fed = await startTestFederation({
      archive: location.location,
      wire: true,
      // Only RU's agent runs (a witness cosigning every second); RU never sends. Small
      // thresholds make the alarms show within seconds.
      members: { RU: { env: { ATC_WITNESS_INTERVAL: '1s' } } },
      gatewayEnv: { ATC_ALARM_MEMBER_SILENT: '1s', ATC_ALARM_WITNESS_STALE: '5s', ATC_SEQUENCE_GRACE: '1s' },
    });
    const tokens = join(fed.gateway.dataDir, 'tokens.json');
    operator = addToken(tokens, { name: 'console-test', role: 'operator' }, Date.now()).token;
    auditor = addToken(tokens, { name: 'audit-test', role: 'auditor' }, Date.now()).token;
    const { registry } = fed.gateway;
    await registry.setMemberStatus('UZ', 'suspended', ACTOR);
    const extra = await registry.addKey('BY', generateKeyPair().publicJwk, {}, ACTOR);
    revokedKid = extra.kid;
    await registry.revokeKey(extra.kid, { reason: 'compromised' }, ACTOR);
    // KZ: two operational records and one exercise record to BY, then a jump in its sequence.
    for (const exercise of [false, false, true]) {
      const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: ++seq, header: { exercise } });
      await submit('KZ', m);
      accepted.push(m.messageId);
    }
    const jump = makeMessage({ from: 'KZ', to: ['BY'], sequence: 10, header: { exercise: false } });
    await submit('KZ', jump);
    accepted.push(jump.messageId);
    await waitFor(
      async () => {
        const res = await Promise.all(accepted.map((id) => call(`/v1/messages/${id}`)));
        return res.every((r) => r.status === 200);
      },
      { timeoutMs: 30_000, message: 'KZ messages archived' },
    );
    // The sequence audit records the jump once the grace period has passed.
    await waitFor(async () => (await ok<MemberJson>('/v1/members/KZ')).sequenceAnomalies.count > 0, {
      timeoutMs: 15_000,
      message: "KZ's sequence gap recorded",
    });
  }, 90_000);

  afterAll(async () => {
    await fed?.close();
    await location?.dispose();
  });

  describe('access', () => {
    it('answers operators, refuses no token (401) and the auditor role (403)', async () => {
      for (const path of ['/v1/members', '/v1/members/KZ', '/v1/refusals', '/v1/quarantine', '/v1/alarms']) {
        const none = await call(path, null);
        expect(none.status, path).toBe(401);
        expect(((await none.json()) as Problem).code).toBe('ERR_UNAUTHENTICATED');
        const audit = await call(path, auditor);
        expect(audit.status, path).toBe(403);
        expect(((await audit.json()) as Problem).code).toBe('ERR_FORBIDDEN');
        expect((await call(path)).status, path).toBe(200);
      }
      const docs = (await (await call('/docs/json', null)).json()) as { paths: Record<string, unknown> };
      for (const path of ['/v1/members', '/v1/members/{id}', '/v1/refusals', '/v1/quarantine', '/v1/alarms']) {
        expect(Object.keys(docs.paths)).toContain(path);
      }
    });
  });

  describe('members', () => {
    it('lists every member with status, keys (a revoked one with its reason), last seen and backlog', async () => {
      const list = await waitFor(
        async () => {
          const { items } = await ok<{ items: MemberJson[] }>('/v1/members');
          const kz = items.find((m) => m.id === 'KZ');
          return kz !== undefined && kz.last24h.operational.sent === 3 && kz.last24h.exercise.sent === 1
            ? items
            : undefined;
        },
        { timeoutMs: 15_000, message: "KZ's traffic counted" },
      );
      expect(list.map((m) => m.id)).toEqual(['BY', 'KZ', 'RU', 'UZ']);
      const by = list.find((m) => m.id === 'BY')!;
      const kz = list.find((m) => m.id === 'KZ')!;
      const uz = list.find((m) => m.id === 'UZ')!;
      expect(uz.status).toBe('suspended');
      expect(kz).toMatchObject({
        status: 'active',
        kind: expect.any(String) as string,
        name: expect.any(String) as string,
      });
      const revoked = by.keys.find((k) => k.kid === revokedKid)!;
      expect(revoked).toMatchObject({ status: 'revoked', revocationReason: 'compromised' });
      expect(Date.parse(revoked.revokedAt!)).toBeGreaterThan(0);
      expect(by.keys.find((k) => k.kid === fixtureKey('BY').kid)).toMatchObject({ status: 'active', revokedAt: null });
      // Last seen: the archive's last message from it; BY and RU never sent.
      expect(Date.parse(kz.lastSeen!)).toBeGreaterThan(Date.now() - 120_000);
      expect(by.lastSeen).toBeNull();
      expect(by.last24h).toEqual({ operational: { sent: 0, received: 3 }, exercise: { sent: 0, received: 1 } });
      // No agent consumes BY's inbox: the four messages wait there.
      expect(by.backlog).toBeGreaterThanOrEqual(4);
      expect(kz.keys.map((k) => k.kid)).toEqual([fixtureKey('KZ').kid]);
      expect(kz.witness).toBeNull();
    });

    it("shows a running agent's witness cosignature", async () => {
      const ru = await waitFor(
        async () => {
          const m = await ok<MemberJson>('/v1/members/RU');
          return m.witness === null ? undefined : m;
        },
        { timeoutMs: 20_000, message: "RU's cosignature" },
      );
      expect(ru.witness!.treeSize).toBeGreaterThanOrEqual(4);
      expect(Date.parse(ru.witness!.receivedAt)).toBeGreaterThan(Date.now() - 120_000);
    });

    it('describes one member with its sequence anomalies; unknown and malformed ids are refused', async () => {
      const kz = await ok<MemberJson>('/v1/members/KZ');
      expect(kz.sequenceAnomalies.count).toBe(1);
      expect(kz.sequenceAnomalies.latest).toMatchObject({ kind: 'gap', expected: 4, got: 10, messageId: accepted[3] });
      expect((await ok<MemberJson>('/v1/members/BY')).sequenceAnomalies).toEqual({ count: 0, latest: null });
      await problem('/v1/members/ZZ', 404, 'ERR_MEMBER_UNKNOWN');
      await problem('/v1/members/kz', 400, 'ERR_MEMBER_ID_INVALID');
      const unknown = await problem('/v1/members?status=active', 400, 'ERR_QUERY_INVALID');
      expect(unknown.detail).toContain('"status"');
      await problem('/v1/members/KZ?x=1', 400, 'ERR_QUERY_INVALID');
    });
  });

  describe('refusals and quarantine', () => {
    const refused = new Map<string, string>();

    beforeAll(async () => {
      const bad: [string, string, SignedEnvelope][] = [
        ['KZ', 'ERR_KEY_UNKNOWN', makeMessage({ from: 'KZ', to: ['BY'], sequence: 100, key: generateKeyPair() })],
        ['KZ', 'ERR_KEY_OWNER_MISMATCH', makeMessage({ from: 'KZ', to: ['BY'], sequence: 101, key: fixtureKey('RU') })],
        ['KZ', 'ERR_SENDER_MISMATCH', makeMessage({ from: 'BY', to: ['RU'], sequence: 102 })],
        ['BY', 'ERR_SENDER_MISMATCH', makeMessage({ from: 'KZ', to: ['RU'], sequence: 103 })],
        [
          'KZ',
          'ERR_MESSAGE_ID_REUSED',
          makeMessage({ from: 'KZ', to: ['RU'], sequence: 104, header: { messageId: accepted[0]! } }),
        ],
        ['KZ', 'ERR_RECIPIENT_UNKNOWN', makeMessage({ from: 'KZ', to: ['ZZ'], sequence: 105 })],
      ];
      for (const [subject, code, m] of bad) {
        // A replayed id needs its own de-duplication id to get past JetStream.
        await fed.wire.submit(
          subject,
          m.bytes,
          code === 'ERR_MESSAGE_ID_REUSED' ? `${m.messageId}-replay` : m.messageId,
        );
        refused.set(`${subject}/${code}`, m.messageId);
      }
      await waitFor(async () => (await quarantine()).items.length === bad.length, {
        timeoutMs: 30_000,
        message: 'six refusals quarantined',
      });
    });

    it('counts refusals by code in time buckets, security events flagged from one table', async () => {
      const r = await ok<RefusalsJson>('/v1/refusals?bucket=minute');
      expect(r.bucket).toBe('minute');
      expect(Date.parse(r.to) - Date.parse(r.from)).toBe(86_400_000);
      const byCode = Object.fromEntries(r.codes.map((c) => [c.code, c]));
      expect(Object.keys(byCode).sort()).toEqual([
        'ERR_KEY_OWNER_MISMATCH',
        'ERR_KEY_UNKNOWN',
        'ERR_MESSAGE_ID_REUSED',
        'ERR_RECIPIENT_UNKNOWN',
        'ERR_SENDER_MISMATCH',
      ]);
      expect(byCode['ERR_SENDER_MISMATCH']).toMatchObject({ total: 2, security: true });
      for (const code of ['ERR_KEY_UNKNOWN', 'ERR_KEY_OWNER_MISMATCH', 'ERR_MESSAGE_ID_REUSED']) {
        expect(byCode[code]).toMatchObject({ total: 1, security: true });
      }
      expect(byCode['ERR_RECIPIENT_UNKNOWN']).toMatchObject({ total: 1, security: false });
      expect(byCode['ERR_RECIPIENT_UNKNOWN']!.advice).toContain('registered members');
      expect(r.buckets.reduce((n, b) => n + b.count, 0)).toBe(6);
      for (const b of r.buckets) expect(Date.parse(b.start) % 60_000).toBe(0);
      // Day buckets over an explicit range hold the same counts; a range before them holds none.
      const now = Date.now();
      const day = await ok<RefusalsJson>(
        `/v1/refusals?bucket=day&from=${new Date(now - 3 * 86_400_000).toISOString()}&to=${new Date(now + 60_000).toISOString()}`,
      );
      expect(day.buckets.reduce((n, b) => n + b.count, 0)).toBe(6);
      for (const b of day.buckets) expect(Date.parse(b.start) % 86_400_000).toBe(0);
      const before = await ok<RefusalsJson>('/v1/refusals?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z');
      expect(before).toMatchObject({ codes: [], buckets: [], bucket: 'hour' });
    });

    it('refuses bad refusal queries with a code naming the parameter', async () => {
      expect((await problem('/v1/refusals?bucket=week', 400, 'ERR_QUERY_INVALID')).detail).toContain('bucket');
      expect((await problem('/v1/refusals?from=yesterday', 400, 'ERR_QUERY_INVALID')).detail).toContain('from');
      await problem('/v1/refusals?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', 400, 'ERR_QUERY_INVALID');
      const wide = await problem(
        '/v1/refusals?bucket=minute&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z',
        400,
        'ERR_QUERY_INVALID',
      );
      expect(wide.detail).toContain('coarser bucket');
      expect((await problem('/v1/refusals?exercise=maybe', 400, 'ERR_QUERY_INVALID')).detail).toContain('exercise');
      await problem('/v1/refusals?namespace=exercise', 400, 'ERR_QUERY_INVALID');
    });

    it('lists quarantined submissions as metadata, filtered by code and sender', async () => {
      const keyUnknown = await quarantine('?code=ERR_KEY_UNKNOWN');
      expect(keyUnknown.items).toHaveLength(1);
      const item = keyUnknown.items[0]!;
      expect(item).toMatchObject({
        code: 'ERR_KEY_UNKNOWN',
        security: true,
        transportSender: 'KZ',
        claimedSender: 'KZ',
        messageId: refused.get('KZ/ERR_KEY_UNKNOWN'),
      });
      expect(item.envelopeSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(item.size).toBeGreaterThan(100);
      expect(item.detail).toContain('key');
      // Metadata only: never the bytes.
      expect(Object.keys(item).sort()).toEqual(
        [
          'claimedSender',
          'code',
          'detail',
          'envelopeSha256',
          'exercise',
          'id',
          'messageId',
          'receiptId',
          'receivedAt',
          'security',
          'size',
          'subject',
          'transportSender',
        ].sort(),
      );
      const fromBy = await quarantine('?sender=BY');
      expect(fromBy.items.map((i) => [i.code, i.transportSender, i.claimedSender])).toEqual([
        ['ERR_SENDER_MISMATCH', 'BY', 'KZ'],
      ]);
      const both = await quarantine('?code=ERR_SENDER_MISMATCH&sender=KZ');
      expect(both.items.map((i) => i.claimedSender)).toEqual(['BY']);
      const recent = await quarantine(`?from=${new Date(Date.now() - 600_000).toISOString()}`);
      expect(recent.items).toHaveLength(6);
      expect((await quarantine('?to=2026-01-01T00:00:00Z')).items).toEqual([]);
    });

    it('pages through the quarantine newest first, each row exactly once while refusals arrive', async () => {
      const all = (await quarantine()).items.map((i) => i.id);
      expect(all).toEqual([...all].sort((a, b) => b - a));
      const seen: number[] = [];
      let page = await quarantine('?limit=4');
      seen.push(...page.items.map((i) => i.id));
      // A refusal arriving between pages lands before the first page, not in the next one.
      const late = makeMessage({ from: 'KZ', to: ['ZZ'], sequence: 200 });
      await submit('KZ', late);
      await waitFor(async () => (await quarantine()).items.length === 7, { message: 'the late refusal' });
      while (page.nextCursor !== null) {
        page = await quarantine(`?limit=4&cursor=${page.nextCursor}`);
        seen.push(...page.items.map((i) => i.id));
      }
      expect(seen).toEqual(all);
      expect((await quarantine('?limit=1')).items[0]!.messageId).toBe(late.messageId);
      // A page exactly as large as what is left ends the list.
      const exact = await quarantine('?limit=7');
      expect(exact.items).toHaveLength(7);
      expect(exact.nextCursor).toBeNull();
    });

    it('refuses a bad cursor, limit, code, sender or time with its code', async () => {
      await problem('/v1/quarantine?cursor=not-a-cursor', 400, 'ERR_CURSOR_INVALID');
      // A cursor of another list is not one of this list's.
      const other = Buffer.from(JSON.stringify({ l: 'withdrawals', k: [5] })).toString('base64url');
      await problem(`/v1/quarantine?cursor=${other}`, 400, 'ERR_CURSOR_INVALID');
      // The shape of an older version's cursor (an id alone): the list is paged by time and id now.
      const idOnly = Buffer.from(JSON.stringify({ l: 'quarantine', k: [5] })).toString('base64url');
      await problem(`/v1/quarantine?cursor=${idOnly}`, 400, 'ERR_CURSOR_INVALID');
      await problem('/v1/quarantine?limit=0', 400, 'ERR_QUERY_INVALID');
      await problem('/v1/quarantine?limit=1001', 400, 'ERR_QUERY_INVALID');
      expect((await problem('/v1/quarantine?code=ERR_NOPE', 400, 'ERR_QUERY_INVALID')).detail).toContain('code');
      expect((await problem('/v1/quarantine?sender=kz', 400, 'ERR_QUERY_INVALID')).detail).toContain('sender');
      expect((await problem('/v1/quarantine?from=2026-13-01T00:00:00Z', 400, 'ERR_QUERY_INVALID')).detail).toContain(
        'from',
      );
      await problem('/v1/quarantine?member=KZ', 400, 'ERR_QUERY_INVALID');
    });
  });

  describe('alarms', () => {
    it('shows missing witness cosignatures, the sequence anomaly and silent members; not the suspended member', async () => {
      const items = await waitFor(
        async () => {
          const all = await alarms();
          const has = (kind: string, subject: string) => all.some((a) => a.kind === kind && a.subject === subject);
          return has('witness-cosignature-missing', 'KZ') &&
            has('member-silent', 'RU') &&
            !has('witness-cosignature-missing', 'RU')
            ? all
            : undefined;
        },
        { timeoutMs: 20_000, message: 'witness and silence alarms' },
      );
      const of = (kind: string) => items.filter((a) => a.kind === kind).map((a) => a.subject);
      // RU's agent cosigns; no agent runs for BY and KZ.
      expect(of('witness-cosignature-missing')).toEqual(['BY', 'KZ']);
      expect(of('witness-cosignature-stale')).toEqual([]);
      expect(of('sequence-anomaly')).toEqual(['KZ']);
      expect(of('member-silent')).toEqual(expect.arrayContaining(['BY', 'RU']));
      expect(items.some((a) => a.subject === 'UZ')).toBe(false);
      const anomaly = items.find((a) => a.kind === 'sequence-anomaly')!;
      expect(anomaly).toMatchObject({ severity: 'warning' });
      expect(anomaly.detail).toContain('got 10');
      expect(items.find((a) => a.kind === 'witness-cosignature-missing')!.severity).toBe('critical');
      expect(items.find((a) => a.subject === 'RU' && a.kind === 'member-silent')!.detail).toContain('ever archived');
      for (const a of items) expect(Number.isNaN(Date.parse(a.since))).toBe(false);
      await problem('/v1/alarms?kind=member-silent', 400, 'ERR_QUERY_INVALID');
    });
  });
});
