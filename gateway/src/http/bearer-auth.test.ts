import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@atc/shared';
import { credentialAuth } from '@atc/shared/http';
import { addToken, revokeToken } from '../auth/token-admin.js';
import { readTokenFile, writeTokenFile } from '../auth/token-file.js';
import { TokenBook } from '../auth/token-book.js';
import { bearerAuth } from './bearer-auth.js';

const dir = await mkdtemp(join(tmpdir(), 'atc-auth-'));
const file = join(dir, 'tokens.json');
let now = Date.UTC(2026, 0, 15, 10, 0, 0);
const logLines: string[] = [];
const logger = createLogger({
  name: 'atc-auth-test',
  level: 'trace',
  destination: new Writable({
    write(chunk: Buffer, _enc, cb) {
      logLines.push(chunk.toString());
      cb();
    },
  }),
});
let app: FastifyInstance;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tokens['op'] = addToken(file, { name: 'op', role: 'operator' }, now).token;
  tokens['aud'] = addToken(file, { name: 'aud', role: 'auditor' }, now).token;
  tokens['adm'] = addToken(file, { name: 'adm', role: 'admin' }, now).token;
  tokens['brief'] = addToken(file, { name: 'brief', role: 'operator', expiresAt: now + 60_000 }, now).token;
  app = Fastify({ loggerInstance: logger }) as unknown as FastifyInstance;
  await app.register(credentialAuth, {
    realm: 'atc-gateway',
    maxFailures: 100,
    windowMs: 60_000,
    count: () => undefined,
  });
  await app.register(bearerAuth, { tokens: new TokenBook(file, logger, () => now) });
  app.get('/open', { config: { public: true } }, () => ({ ok: true }));
  app.get('/ops', { preHandler: app.requireRole('operator') }, (req) => ({ who: req.principal?.name }));
  app.get('/audit', { preHandler: app.requireRole('auditor') }, () => ({ ok: true }));
  app.get('/forgotten', () => ({ ok: true }));
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

const call = (url: string, token?: string) =>
  app.inject({ url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

describe('bearerAuth', () => {
  it('makes tokens of the documented form and keeps only their hashes, mode 0600', async () => {
    expect(tokens['op']).toMatch(/^atc_[A-Za-z0-9_-]{43}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = JSON.stringify(readTokenFile(file));
    for (const t of Object.values(tokens)) expect(text).not.toContain(t);
  });

  it('refuses a request without a valid token with 401, a challenge and a stable code', async () => {
    for (const [token, detail] of [
      [undefined, /tokens add/],
      ['atc_nonsense', /not known/],
    ] as const) {
      const res = await call('/ops', token);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="atc-gateway"/);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json<{ status: number; code: string; detail: string }>();
      expect(body).toMatchObject({ status: 401, code: 'ERR_UNAUTHENTICATED' });
      expect(body.detail).toMatch(detail);
    }
    const basic = await app.inject({ url: '/ops', headers: { authorization: 'Basic b3A6cHc=' } });
    expect(basic.statusCode).toBe(401);
    expect(basic.json<{ detail: string }>().detail).toContain('Bearer <token>');
  });

  it('lets a role through where it is allowed, admin everywhere, and answers 403 elsewhere', async () => {
    expect((await call('/ops', tokens['op'])).json()).toEqual({ who: 'op' });
    expect((await call('/ops', tokens['adm'])).statusCode).toBe(200);
    expect((await call('/audit', tokens['adm'])).statusCode).toBe(200);
    expect((await call('/audit', tokens['aud'])).statusCode).toBe(200);
    const denied = await call('/audit', tokens['op']);
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({
      code: 'ERR_FORBIDDEN',
      detail: 'Token op has role operator; this needs auditor or admin.',
    });
    expect((await call('/open')).statusCode).toBe(200);
  });

  it('makes a route without a guard admin-only', async () => {
    expect((await call('/forgotten')).statusCode).toBe(401);
    expect((await call('/forgotten', tokens['op'])).statusCode).toBe(403);
    expect((await call('/forgotten', tokens['adm'])).statusCode).toBe(200);
  });

  it('refuses an expired token, naming it and when it expired', async () => {
    expect((await call('/ops', tokens['brief'])).statusCode).toBe(200);
    now += 60_000;
    const res = await call('/ops', tokens['brief']);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(res.json<{ detail: string }>().detail).toContain('brief expired at 2026-01-15T10:01:00');
  });

  it('sees a revocation without a restart, and fails closed on a broken file', async () => {
    revokeToken(file, 'op');
    now += 1000; // past the metadata re-check interval
    expect((await call('/ops', tokens['op'])).statusCode).toBe(401);
    expect((await call('/ops', tokens['adm'])).statusCode).toBe(200);
    const kept = readTokenFile(file);
    writeTokenFile(file, kept); // rewritten unchanged: still works
    now += 1000;
    expect((await call('/ops', tokens['adm'])).statusCode).toBe(200);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{"version": 1, "tokens": [{"name": "adm"');
    now += 1000;
    expect((await call('/ops', tokens['adm'])).statusCode).toBe(401);
    writeTokenFile(file, kept);
    now += 1000;
    expect((await call('/ops', tokens['adm'])).statusCode).toBe(200);
  });

  it('never writes a token to the log, even at trace level', () => {
    const text = logLines.join('');
    expect(text).toContain('tokens loaded');
    expect(text).toContain('request refused');
    for (const t of Object.values(tokens)) {
      expect(text).not.toContain(t);
      expect(text).not.toContain(t.slice(4));
    }
  });
});
