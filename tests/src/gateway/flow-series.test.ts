// GET /v1/stats/flow/series over real sockets: real agents, gateway and nats-server on both
// archive engines. The points add up to GET /v1/stats/flow's totals for the same window, and
// after a restart they are rebuilt from the archive the engine holds.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken } from '@atc/gateway';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  personRequest,
  startFederationGateway,
  startTestFederation,
  waitFor,
  type GatewayFixture,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

type Counts = Record<string, number>;
interface Series {
  window: string;
  from: string;
  to: string;
  stepSeconds: number;
  points: { at: string; operational: Counts; exercise: Counts }[];
}
interface Stats {
  from: string;
  operational: { totals: Counts };
  exercise: { totals: Counts };
}

const KINDS = ['accepted', 'rejected', 'delivered', 'replayed', 'sequenceAnomalies'];

/** The points' counts of one kind of traffic, added up. */
function sum(series: Series, traffic: 'operational' | 'exercise'): Counts {
  return Object.fromEntries(KINDS.map((k) => [k, series.points.reduce((n, p) => n + p[traffic][k]!, 0)]));
}

describe.each(ARCHIVE_BACKENDS)('flow series on $name', { timeout: 120_000 }, (backend) => {
  let location: TestArchiveLocation;
  let fed: TestFederation;
  let gw: GatewayFixture;
  let operator: string;
  let auditor: string;

  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
  async function read<T>(path: string): Promise<T> {
    const res = await gw.api(path, bearer(operator));
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    location = await backend.create();
    fed = await startTestFederation({
      archive: location.location,
      members: {
        KZ: { webhookSecret: 'KZ-webhook-secret-for-tests' },
        BY: { webhookSecret: 'BY-webhook-secret-for-tests' },
      },
      wire: true,
    });
    gw = fed.gateway;
    const tokensFile = join(gw.dataDir, 'tokens.json');
    operator = addToken(tokensFile, { name: 'console', role: 'operator' }, Date.now()).token;
    auditor = addToken(tokensFile, { name: 'audit', role: 'auditor' }, Date.now()).token;
  }, 90_000);

  afterAll(async () => {
    await gw?.stop();
    await fed?.close();
    await location?.dispose();
  });

  it('refuses without a token, with a wrong role, and a bad or unknown parameter with a clear problem', async () => {
    const none = await gw.api('/v1/stats/flow/series', {});
    expect(none.status).toBe(401);
    expect(((await none.json()) as { code: string }).code).toBe('ERR_UNAUTHENTICATED');
    const audit = await gw.api('/v1/stats/flow/series', bearer(auditor));
    expect(audit.status).toBe(403);
    expect(((await audit.json()) as { code: string }).code).toBe('ERR_FORBIDDEN');
    for (const window of ['2h', '1m', '']) {
      const bad = await gw.api(`/v1/stats/flow/series?window=${window}`, bearer(operator));
      expect(bad.status, window).toBe(400);
      expect(bad.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await bad.json()) as { code: string; detail: string };
      expect(problem.code).toBe('ERR_QUERY_INVALID');
      expect(problem.detail).toContain('window must be one of 1h, 24h');
    }
    const misspelt = await gw.api('/v1/stats/flow/series?windw=1h', bearer(operator));
    expect(misspelt.status).toBe(400);
    expect((await misspelt.json()) as Record<string, unknown>).toMatchObject({
      code: 'ERR_QUERY_INVALID',
      errors: [{ field: 'windw' }],
    });
  });

  it('answers per minute over the hour and per 15 minutes over the day, adding up to the totals', async () => {
    const empty = await read<Series>('/v1/stats/flow/series');
    expect(sum(empty, 'operational')).toEqual(Object.fromEntries(KINDS.map((k) => [k, 0])));

    for (const [n, exercise] of [
      [1, false],
      [2, false],
      [3, true],
    ] as const) {
      const res = await fed.agent('KZ').api('POST', '/v1/messages', { ...personRequest(['BY'], n), exercise });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
    }
    const refused = makeMessage({ from: 'KZ', to: ['ZZ'], sequence: 1_000_000, header: { exercise: false } });
    await fed.wire.submit('KZ', refused.bytes, refused.messageId);
    await waitFor(
      async () => {
        const s = await read<Stats>('/v1/stats/flow?window=1h');
        return (
          s.operational.totals['delivered'] === 2 &&
          s.exercise.totals['delivered'] === 1 &&
          s.operational.totals['rejected'] === 1
        );
      },
      { timeoutMs: 30_000, message: 'traffic counted' },
    );

    for (const [window, step] of [
      ['1h', 60],
      ['24h', 900],
    ] as const) {
      const series = await read<Series>(`/v1/stats/flow/series?window=${window}`);
      const stats = await read<Stats>(`/v1/stats/flow?window=${window}`);
      expect(series).toMatchObject({ window, stepSeconds: step, from: stats.from });
      expect(sum(series, 'operational')).toEqual(stats.operational.totals);
      expect(sum(series, 'exercise')).toEqual(stats.exercise.totals);
      expect(sum(series, 'operational')).toMatchObject({ accepted: 2, rejected: 1, delivered: 2 });
      expect(sum(series, 'exercise')).toMatchObject({ accepted: 1, rejected: 0, delivered: 1 });
      // Oldest first, one point per step without gaps, the last one holding the current minute.
      const at = series.points.map((p) => Date.parse(p.at));
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBe(step * 1000);
      expect(at[0]).toBeLessThanOrEqual(Date.parse(series.from));
      expect(at[0]! + step * 1000).toBeGreaterThan(Date.parse(series.from));
      expect(at.at(-1)).toBeLessThanOrEqual(Date.parse(series.to));
      expect(at.at(-1)! + step * 1000).toBeGreaterThan(Date.parse(series.to));
      if (window === '1h') expect(series.points).toHaveLength(61);
    }
  });

  it('rebuilds the series from the archive after a restart', async () => {
    const before = await read<Series>('/v1/stats/flow/series');
    await gw.stop();
    gw = await startFederationGateway({ nats: fed.nats, dataDir: gw.dataDir, archive: gw.archive });
    const after = await read<Series>('/v1/stats/flow/series');
    expect(sum(after, 'operational')).toEqual(sum(before, 'operational'));
    expect(sum(after, 'exercise')).toEqual(sum(before, 'exercise'));
    expect(sum(after, 'operational')['accepted']).toBe(2);
  });
});
