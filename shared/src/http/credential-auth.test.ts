import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/atc-error.js';
import { AuthFailureReason, type AuthRefusal } from './auth-failures.js';
import { credentialAuth } from './credential-auth.js';
import { problemErrors } from './problem-errors.js';

let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A service whose credential is "Bearer good" (or "Bearer reader", which may only read). */
async function build(maxFailures = 100): Promise<{ app: FastifyInstance; counted: string[] }> {
  const counted: string[] = [];
  app = Fastify({ trustProxy: true });
  await app.register(problemErrors, { service: 'test' });
  await app.register(credentialAuth, {
    realm: 'atc-test',
    maxFailures,
    windowMs: 60_000,
    count: (reason) => counted.push(reason),
  });
  const check =
    (write: boolean) =>
    (req: { headers: { authorization?: string | undefined } }): AuthRefusal | undefined => {
      const auth = req.headers.authorization;
      if (auth === undefined) return { reason: AuthFailureReason.MISSING, detail: 'Send a credential.' };
      if (auth === 'Bearer good') return undefined;
      if (auth === 'Bearer reader') {
        return write
          ? { reason: AuthFailureReason.FORBIDDEN, principal: 'reader', detail: 'reader may only read.' }
          : undefined;
      }
      return { reason: AuthFailureReason.UNKNOWN, detail: 'Unknown credential.' };
    };
  app.get('/read', { preHandler: app.credentialGuard(check(false)) }, () => ({ ok: true }));
  app.post('/write', { onRequest: app.credentialGuard((req) => Promise.resolve(check(true)(req))) }, () => ({
    ok: true,
  }));
  await app.ready();
  return { app, counted };
}

const from = (ip: string, authorization?: string) => ({
  'x-forwarded-for': ip,
  ...(authorization === undefined ? {} : { authorization }),
});

describe('credentialAuth', () => {
  it('lets a request through when its check accepts the credential', async () => {
    const { app } = await build();
    const res = await app.inject({ url: '/read', headers: from('10.0.0.1', 'Bearer good') });
    expect(res.statusCode).toBe(200);
    expect((await app.inject({ url: '/read', headers: from('10.0.0.1', 'Bearer reader') })).statusCode).toBe(200);
  });

  it('answers 401 with a challenge (naming the error only when a credential was sent), and counts each', async () => {
    const { app, counted } = await build();
    const missing = await app.inject({ url: '/read', headers: from('10.0.0.2') });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="atc-test"');
    expect(missing.json()).toMatchObject({ code: ErrorCode.UNAUTHENTICATED, detail: 'Send a credential.' });
    const unknown = await app.inject({ url: '/read', headers: from('10.0.0.2', 'Bearer bad') });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.headers['www-authenticate']).toBe('Bearer realm="atc-test", error="invalid_token"');
    expect(counted).toEqual(['missing', 'unknown']);
  });

  it('answers 403 when the check says the credential may not do this', async () => {
    const { app, counted } = await build();
    const res = await app.inject({ method: 'POST', url: '/write', headers: from('10.0.0.3', 'Bearer reader') });
    expect(res.statusCode).toBe(403);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.json()).toMatchObject({ code: ErrorCode.FORBIDDEN, detail: 'reader may only read.' });
    expect(counted).toEqual(['forbidden']);
  });

  it('refuses a client that failed too often with 429 before looking at its credential, others not', async () => {
    const { app, counted } = await build(3);
    for (let i = 0; i < 3; i++) {
      expect((await app.inject({ url: '/read', headers: from('10.0.0.4', 'Bearer bad') })).statusCode).toBe(401);
    }
    const limited = await app.inject({ url: '/read', headers: from('10.0.0.4', 'Bearer good') });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ code: ErrorCode.RATE_LIMITED });
    expect(counted.at(-1)).toBe('rate_limited');
    // The limit is the failing client's alone; successes are never charged.
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ url: '/read', headers: from('10.0.0.5', 'Bearer good') })).statusCode).toBe(200);
    }
  });
});
