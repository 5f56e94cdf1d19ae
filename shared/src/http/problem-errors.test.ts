import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { badRequest, HttpProblem, notFound } from './http-problem.js';
import { problemErrors } from './problem-errors.js';

let app: FastifyInstance;

beforeAll(async () => {
  app = Fastify({ bodyLimit: 64 });
  await app.register(problemErrors, { service: 'agent', retryAdvice: 'Retry with the same key.' });
  app.get('/items/:id', () => {
    throw notFound(ErrorCode.ITEM_UNKNOWN, 'No inbox item x.');
  });
  app.get('/bad', () => {
    throw badRequest(ErrorCode.QUERY_INVALID, 'window must be 1m, 1h or 1d.');
  });
  app.get('/later', () => {
    throw new HttpProblem(503, ErrorCode.TRUST_LIST_UNAVAILABLE, 'Not available', 'Not published yet.');
  });
  app.get('/full', () => {
    throw new AtcError(ErrorCode.STORAGE_FULL, 'The disk is full.', { retryable: true });
  });
  app.get('/db-restarting', () => {
    // As node-postgres raises it when the server shuts down under a session.
    throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
  });
  app.get('/db-down', () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
  app.get('/skew', () => {
    throw new AtcError(ErrorCode.CLOCK_SKEW, 'The clock is 600 s ahead.', { retryable: true });
  });
  app.get('/boom', () => {
    throw new Error('secret internals');
  });
  app.post(
    '/echo',
    { schema: { body: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } } },
    (req) => req.body,
  );
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('problemErrors', () => {
  it('answers a thrown notFound as a 404 problem with its own code, like an unknown route', async () => {
    const item = await app.inject({ url: '/items/1' });
    expect(item.statusCode).toBe(404);
    expect(item.headers['content-type']).toContain('application/problem+json');
    expect(item.json()).toEqual({
      type: 'urn:atc:problem:ERR_ITEM_UNKNOWN',
      title: 'Not found',
      status: 404,
      detail: 'No inbox item x.',
      code: ErrorCode.ITEM_UNKNOWN,
    });
    const route = await app.inject({ url: '/nowhere?x=1' });
    expect(route.statusCode).toBe(404);
    expect(route.json()).toMatchObject({
      title: 'Not found',
      code: ErrorCode.NOT_FOUND,
      detail: 'No route GET /nowhere; see /docs for the routes.',
    });
  });

  it('keeps the status and title of an HttpProblem', async () => {
    expect((await app.inject({ url: '/bad' })).json()).toMatchObject({
      status: 400,
      title: 'Bad request',
      code: ErrorCode.QUERY_INVALID,
    });
    const later = await app.inject({ url: '/later' });
    expect(later.statusCode).toBe(503);
    expect(later.json()).toMatchObject({ title: 'Not available', code: ErrorCode.TRUST_LIST_UNAVAILABLE });
  });

  it('tells a client to retry after a storage failure', async () => {
    const res = await app.inject({ url: '/full' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('10');
    expect(res.json()).toMatchObject({ code: ErrorCode.STORAGE_FULL, detail: 'The disk is full.' });
  });

  it("answers a driver's storage error (database restarting or unreachable) 503 with Retry-After, not 500", async () => {
    for (const url of ['/db-restarting', '/db-down']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.json()).toMatchObject({ title: 'Unavailable', code: ErrorCode.STORAGE_UNAVAILABLE });
      expect(res.json<{ detail: string }>().detail).toContain('send the same request again later');
      expect(res.body).not.toContain('5432');
    }
  });

  it('tells a client to retry later while the clock is off the centre', async () => {
    const res = await app.inject({ url: '/skew' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('60');
    expect(res.json()).toMatchObject({ code: ErrorCode.CLOCK_SKEW });
  });

  it('hides an unexpected error behind a 500 with the retry advice', async () => {
    const res = await app.inject({ url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({
      code: ErrorCode.INTERNAL,
      detail: 'The request failed; see the agent log. Retry with the same key.',
    });
    expect(res.body).not.toContain('secret internals');
  });

  it('names invalid fields, and refuses bodies that are not strict JSON or too large', async () => {
    const post = (payload: string) =>
      app.inject({ method: 'POST', url: '/echo', headers: { 'content-type': 'application/json' }, payload });
    const missing = await post('{}');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: ErrorCode.VALIDATION,
      errors: [{ field: 'a', message: 'is required' }],
    });
    expect((await post('{"a":')).json()).toMatchObject({ status: 400, code: ErrorCode.MALFORMED_JSON });
    expect((await post('{"a":"x","__proto__":{}}')).json()).toMatchObject({ code: ErrorCode.JSON_KEY_FORBIDDEN });
    const large = await post(JSON.stringify({ a: 'x'.repeat(100) }));
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ code: ErrorCode.BODY_TOO_LARGE });
    expect((await post('{"a":"ok"}')).json()).toEqual({ a: 'ok' });
  });
});
