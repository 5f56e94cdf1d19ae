import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { healthRoutes, type HealthRoutesOptions, type ReadinessCheck } from './health-routes.js';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

let scrapes = 0;
const metrics = {
  contentType: 'text/plain; version=0.0.4; charset=utf-8',
  metrics: () => Promise.resolve(`# TYPE scrapes gauge\nscrapes ${scrapes}\n`),
};

async function build(readiness: readonly ReadinessCheck[], extra: Partial<HealthRoutesOptions> = {}) {
  app = Fastify();
  await app.register(healthRoutes, { readiness, metrics, ...extra });
  return app;
}

describe('healthRoutes', () => {
  it('answers /healthz with {"status":"ok"} whatever the checks say', async () => {
    const a = await build([{ name: 'nats', check: () => false }]);
    const res = await a.inject({ url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"status":"ok"}');
  });

  it('is ready when every check holds, and lists them in order', async () => {
    const a = await build([
      { name: 'nats', check: () => true },
      { name: 'database', check: () => Promise.resolve({ ok: true }) },
    ]);
    const res = await a.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('{"status":"ready","checks":[{"name":"nats","ok":true},{"name":"database","ok":true}]}');
  });

  it('answers 503 naming each failing check, with its reason when it gives one; a throwing check fails', async () => {
    const a = await build([
      { name: 'nats', check: () => true },
      { name: 'disk', check: () => ({ ok: false, reason: 'under the reserve' }) },
      { name: 'trust', check: () => Promise.resolve(false) },
      {
        name: 'database',
        check: () => {
          throw new Error('connection lost');
        },
      },
      { name: 'witness', check: () => Promise.reject(new Error('timeout')) },
    ]);
    const res = await a.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'not ready',
      checks: [
        { name: 'nats', ok: true },
        { name: 'disk', ok: false, reason: 'under the reserve' },
        { name: 'trust', ok: false },
        { name: 'database', ok: false },
        { name: 'witness', ok: false },
      ],
    });
  });

  it('answers within its bound when a check hangs: that check fails, naming the timeout', async () => {
    const a = await build(
      [
        { name: 'nats', check: () => true },
        { name: 'archive', check: () => new Promise<boolean>(() => undefined) },
      ],
      { checkTimeoutMs: 200 },
    );
    const t0 = Date.now();
    const res = await a.inject({ url: '/readyz' });
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      status: 'not ready',
      checks: [
        { name: 'nats', ok: true },
        { name: 'archive', ok: false, reason: 'the check did not answer within 200 ms' },
      ],
    });
  });

  it('refreshes gauges before each scrape of /metrics and serves the registry as it is', async () => {
    const a = await build([], {
      beforeScrape: () => {
        scrapes++;
      },
    });
    const first = await a.inject({ url: '/metrics' });
    expect(first.headers['content-type']).toBe(metrics.contentType);
    expect(first.body).toBe('# TYPE scrapes gauge\nscrapes 1\n');
    expect((await a.inject({ url: '/metrics' })).body).toContain('scrapes 2');
  });

  it('gives the three routes the options it is told, e.g. a config the auth plugin reads', async () => {
    const seen: unknown[] = [];
    app = Fastify();
    app.addHook('onRoute', (route) => {
      if (route.method === 'GET') seen.push([route.url, route.config]);
    });
    await app.register(healthRoutes, { readiness: [], metrics, route: { config: { public: true } } });
    await app.ready();
    expect(seen).toEqual([
      ['/healthz', { public: true }],
      ['/readyz', { public: true }],
      ['/metrics', { public: true }],
    ]);
  });
});
