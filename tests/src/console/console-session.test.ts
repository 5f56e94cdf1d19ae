// The operator console's sign-in on a running gateway, through real sockets: a token exchanged
// for an HttpOnly SameSite=Strict cookie that the role guards and the live feed accept, CSRF
// protection of state changes, refusals logged, counted and rate-limited, idle and absolute
// expiry, revocation and sign-out, each recorded in the audit log.
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeToken } from '@atc/gateway';
import { fixtureKey } from '@atc/shared/testing';
import { createTestCertificates, startNatsServer, waitFor, type NatsServerHandle } from '@atc/tests';
import { metric, signIn, startConsoleGateway, type ConsoleGateway, type SessionJson } from './console-gateway.js';

interface Problem {
  code: string;
  detail: string;
}

let nats: NatsServerHandle;
let gw: ConsoleGateway;

beforeAll(async () => {
  nats = await startNatsServer();
  gw = await startConsoleGateway(nats);
}, 60_000);

afterAll(async () => {
  await gw.destroy();
  await nats.stop();
});

const withCookie = (cookie: string, extra: Record<string, string> = {}): Record<string, string> => ({
  cookie,
  ...extra,
});
const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const metrics = async (): Promise<string> => (await gw.call('/metrics')).text;

/** Opens the live feed with only a cookie, as an EventSource would, and reads its status and type. */
function openFeed(url: string, cookie: string): Promise<{ status: number; type: string | undefined }> {
  const target = new URL('/v1/events', url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(target, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] });
      res.destroy();
    });
    req.on('error', reject);
    req.end();
  });
}

describe('console sign-in', { timeout: 60_000 }, () => {
  it('exchanges an operator token for an HttpOnly SameSite=Strict cookie and the key to pin', async () => {
    const before = metric(await metrics(), 'atc_gateway_console_sign_ins_total{outcome="signed_in"}');
    const { setCookie, cookie, session } = await signIn(gw, gw.tokens.operator);
    const [pair, ...attributes] = setCookie.split(';').map((p) => p.trim());
    expect(pair).toMatch(/^atc_session=[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(pair!.slice('atc_session='.length), 'base64url')).toHaveLength(32);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    expect(session).toMatchObject({
      actor: gw.names.operator,
      role: 'operator',
      gatewayKey: fixtureKey('ATC').publicJwk,
      logOrigin: 'atc-exchange/ATC',
    });
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const idle = Date.parse(session.idleExpiresAt) - Date.now();
    const max = Date.parse(session.expiresAt) - Date.now();
    expect(idle).toBeGreaterThan(29 * 60_000);
    expect(idle).toBeLessThanOrEqual(30 * 60_000);
    expect(max).toBeGreaterThan(8 * 3_600_000 - 60_000);
    expect(metric(await metrics(), 'atc_gateway_console_sign_ins_total{outcome="signed_in"}')).toBe(before + 1);

    // The session answers again, with the same CSRF token; the token never reached the log.
    const again = await gw.call('/v1/console/session', { headers: withCookie(cookie) });
    expect(again.status).toBe(200);
    expect(again.json() as SessionJson).toMatchObject({ actor: gw.names.operator, csrfToken: session.csrfToken });
    const logged = gw.log.join('');
    expect(logged).toContain('console sign-in');
    for (const secret of [gw.tokens.operator, cookie.split('=')[1]!, session.csrfToken]) {
      expect(logged).not.toContain(secret);
    }
  });

  it('lets the cookie stand for the token on guarded routes and the live feed, with the same roles', async () => {
    const operator = await signIn(gw, gw.tokens.operator);
    const auditor = await signIn(gw, gw.tokens.auditor);
    expect((await gw.call('/v1/stats/flow', { headers: withCookie(operator.cookie) })).status).toBe(200);
    const feed = await openFeed(gw.url, operator.cookie);
    expect(feed.status).toBe(200);
    expect(feed.type).toMatch(/^text\/event-stream\b/);

    // Refused where an operator token is refused, and the other way round.
    const audit = await gw.call('/v1/audit', { headers: withCookie(operator.cookie) });
    expect(audit.status).toBe(403);
    expect((audit.json() as Problem).code).toBe('ERR_FORBIDDEN');
    expect((await gw.call('/v1/audit', { headers: withCookie(auditor.cookie) })).status).toBe(200);
    expect((await openFeed(gw.url, auditor.cookie)).status).toBe(403);

    // A bearer header wins over the cookie: a wrong one is refused even with a good cookie.
    const both = await gw.call('/v1/stats/flow', {
      headers: withCookie(operator.cookie, bearer('atc_not-a-real-token')),
    });
    expect(both.status).toBe(401);
    // Without a cookie or with one the gateway never gave: 401, and no session for a made-up value.
    const none = await gw.call('/v1/console/session');
    expect(none.status).toBe(401);
    expect(none.json() as Problem).toMatchObject({ code: 'ERR_UNAUTHENTICATED' });
    expect((none.json() as Problem).detail).toContain('sign in again');
    const forged = await gw.call('/v1/stats/flow', { headers: withCookie(`atc_session=${'A'.repeat(43)}`) });
    expect(forged.status).toBe(401);
    expect((forged.json() as Problem).detail).toContain('sign in again');
  });

  it('refuses a wrong token with 401, counted and logged without it, then 429 after the limit', async () => {
    const from = '127.0.0.41';
    const wrong = 'atc_fictitious-wrong-token-0000000000000000000000';
    const before = await metrics();
    const res = await gw.call('/v1/console/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: wrong }),
      from,
    });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((res.json() as Problem).code).toBe('ERR_UNAUTHENTICATED');
    const after = await metrics();
    expect(metric(after, 'atc_gateway_auth_failures_total{reason="unknown"}')).toBe(
      metric(before, 'atc_gateway_auth_failures_total{reason="unknown"}') + 1,
    );
    expect(metric(after, 'atc_gateway_console_sign_ins_total{outcome="refused"}')).toBe(
      metric(before, 'atc_gateway_console_sign_ins_total{outcome="refused"}') + 1,
    );
    expect(gw.log.join('')).not.toContain(wrong);
    expect(gw.log.some((l) => l.includes('request refused: not authenticated') && l.includes(from))).toBe(true);

    // 20 failures a minute per address, then refused unread, even with the right token.
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const r = await gw.call('/v1/console/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: `${wrong}${i}` }),
        from,
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 19)).toEqual(Array<number>(19).fill(401));
    expect(statuses[19]).toBe(429);
    const limited = await gw.call('/v1/console/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: gw.tokens.operator }),
      from,
    });
    expect(limited.status).toBe(429);
    expect((limited.json() as Problem).code).toBe('ERR_RATE_LIMITED');
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(metric(await metrics(), 'atc_gateway_console_sign_ins_total{outcome="rate_limited"}')).toBeGreaterThan(0);
    // Another address is not affected.
    await signIn(gw, gw.tokens.operator, '127.0.0.42');
  });

  it('refuses a missing, malformed, oversized or non-JSON body with its code', async () => {
    const post = (body: string | undefined, type = 'application/json') =>
      gw.call('/v1/console/session', {
        method: 'POST',
        headers: body === undefined ? {} : { 'content-type': type },
        ...(body === undefined ? {} : { body }),
        from: '127.0.0.43',
      });
    const cases: [string | undefined, string, number, string][] = [
      [undefined, 'application/json', 400, 'ERR_VALIDATION'],
      ['', 'application/json', 400, 'ERR_MALFORMED_JSON'],
      ['token=atc_x', 'application/json', 400, 'ERR_MALFORMED_JSON'],
      ['{}', 'application/json', 400, 'ERR_VALIDATION'],
      ['{"token": 12}', 'application/json', 400, 'ERR_VALIDATION'],
      ['{"token": ""}', 'application/json', 400, 'ERR_VALIDATION'],
      ['[]', 'application/json', 400, 'ERR_VALIDATION'],
      ['{"token": "atc_x", "__proto__": {}}', 'application/json', 400, 'ERR_JSON_KEY_FORBIDDEN'],
      // Which token would count is the reader's guess: neither.
      ['{"token": "atc_x", "token": "atc_y"}', 'application/json', 400, 'ERR_JSON_KEY_DUPLICATE'],
      [JSON.stringify({ token: 'x'.repeat(5000) }), 'application/json', 413, 'ERR_BODY_TOO_LARGE'],
      // What a form on another site can send: refused before any token is looked at.
      ['token=atc_x', 'application/x-www-form-urlencoded', 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
      ['{"token": "atc_x"}', 'text/plain', 400, 'ERR_VALIDATION'],
    ];
    for (const [body, type, status, code] of cases) {
      const res = await post(body, type);
      expect([res.status, (res.json() as Problem).code], `${type} ${body?.slice(0, 40)}`).toEqual([status, code]);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const large = await post(JSON.stringify({ token: 'x'.repeat(5000) }));
    expect((large.json() as Problem).detail).toContain('4096 bytes');
  });

  it('asks for the CSRF token on state changes made with the cookie, not with a bearer token', async () => {
    const admin = await signIn(gw, gw.tokens.admin);
    const confirm = (headers: Record<string, string>) =>
      gw.call('/v1/databank/candidates/1/confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ reason: 'TEST-CSRF fictitious check' }),
      });
    for (const headers of [
      withCookie(admin.cookie),
      withCookie(admin.cookie, { 'x-csrf-token': 'wrong' }),
      withCookie(admin.cookie, { 'x-csrf-token': `${admin.session.csrfToken}x` }),
    ]) {
      const refused = await confirm(headers);
      expect(refused.status).toBe(403);
      expect((refused.json() as Problem).code).toBe('ERR_CSRF');
      expect((refused.json() as Problem).detail).toContain('X-CSRF-Token header the sign-in returned');
    }
    // With the right token the request reaches the route (no candidate 1 in an empty bank).
    const passed = await confirm(withCookie(admin.cookie, { 'x-csrf-token': admin.session.csrfToken }));
    expect(passed.status, passed.text).toBe(404);
    expect((passed.json() as Problem).code).toBe('ERR_CANDIDATE_UNKNOWN');
    const viaBearer = await confirm(bearer(gw.tokens.admin));
    expect([viaBearer.status, (viaBearer.json() as Problem).code]).toEqual([404, 'ERR_CANDIDATE_UNKNOWN']);
    // Reads need no CSRF token.
    expect((await gw.call('/v1/stats/flow', { headers: withCookie(admin.cookie) })).status).toBe(200);
  });

  it('signs out with the CSRF token only; the cookie is cleared and no longer accepted', async () => {
    const { cookie, session } = await signIn(gw, gw.tokens.operator);
    const out = (headers: Record<string, string>) => gw.call('/v1/console/session', { method: 'DELETE', headers });
    const noCsrf = await out(withCookie(cookie));
    expect([noCsrf.status, (noCsrf.json() as Problem).code]).toEqual([403, 'ERR_CSRF']);
    const wrongCsrf = await out(withCookie(cookie, { 'x-csrf-token': session.csrfToken.slice(1) }));
    expect([wrongCsrf.status, (wrongCsrf.json() as Problem).code]).toEqual([403, 'ERR_CSRF']);
    expect((await gw.call('/v1/stats/flow', { headers: withCookie(cookie) })).status).toBe(200);

    const done = await out(withCookie(cookie, { 'x-csrf-token': session.csrfToken }));
    expect(done.status).toBe(204);
    const cleared = [done.headers['set-cookie'] ?? []].flat();
    expect(cleared).toHaveLength(1);
    expect(cleared[0]).toMatch(/^atc_session=;/);
    expect(cleared[0]).toContain('Max-Age=0');
    expect(cleared[0]).toContain('HttpOnly');
    expect((await gw.call('/v1/stats/flow', { headers: withCookie(cookie) })).status).toBe(401);
    expect((await gw.call('/v1/console/session', { headers: withCookie(cookie) })).status).toBe(401);
    expect((await out(withCookie(cookie, { 'x-csrf-token': session.csrfToken }))).status).toBe(401);
  });

  it('ends the sessions of a revoked token', async () => {
    const { cookie } = await signIn(gw, gw.tokens.auditor);
    expect((await gw.call('/v1/audit', { headers: withCookie(cookie) })).status).toBe(200);
    revokeToken(gw.config.tokensFile, gw.names.auditor);
    const refused = await waitFor(
      async () => {
        const r = await gw.call('/v1/console/session', { headers: withCookie(cookie) });
        return r.status === 401 ? r : undefined;
      },
      { timeoutMs: 5_000, intervalMs: 50, message: 'session of the revoked token refused' },
    );
    expect((refused.json() as Problem).detail).toContain(`token ${gw.names.auditor} behind this console session`);
    expect((await gw.call('/v1/audit', { headers: withCookie(cookie) })).status).toBe(401);
  });

  it('records sign-ins and sign-outs in the audit log', async () => {
    const { cookie, session } = await signIn(gw, gw.tokens.operator);
    const out = await gw.call('/v1/console/session', {
      method: 'DELETE',
      headers: withCookie(cookie, { 'x-csrf-token': session.csrfToken }),
    });
    expect(out.status).toBe(204);
    interface Entry {
      actor: string;
      role: string;
      action: string;
      subject: string;
      at: string;
      details: Record<string, unknown>;
    }
    const list = async (action: string): Promise<Entry[]> => {
      const res = await gw.call(`/v1/audit?action=${action}`, { headers: bearer(gw.tokens.admin) });
      expect(res.status).toBe(200);
      return (res.json() as { items: Entry[] }).items;
    };
    const signIns = await list('console.sign_in');
    expect(signIns.filter((e) => e.actor === gw.names.operator).length).toBeGreaterThanOrEqual(2);
    expect(signIns[0]).toMatchObject({
      actor: gw.names.operator,
      role: 'operator',
      subject: `token:${gw.names.operator}`,
      details: { client: '127.0.0.1', expiresAt: session.expiresAt },
    });
    expect(Date.now() - Date.parse(signIns[0]!.at)).toBeLessThan(60_000);
    const signOuts = await list('console.sign_out');
    expect(signOuts[0]).toMatchObject({ actor: gw.names.operator, role: 'operator', action: 'console.sign_out' });
    expect(JSON.stringify([...signIns, ...signOuts])).not.toContain(cookie.split('=')[1]!);
  });
});

describe('console session expiry', { timeout: 60_000 }, () => {
  let short: ConsoleGateway;
  beforeAll(async () => {
    short = await startConsoleGateway(nats, { ATC_CONSOLE_SESSION_IDLE: '2s', ATC_CONSOLE_SESSION_MAX: '5s' });
  }, 60_000);
  afterAll(async () => {
    await short.destroy();
  });

  it('ends a session left unused for ATC_CONSOLE_SESSION_IDLE', async () => {
    const { cookie, session } = await signIn(short, short.tokens.operator);
    expect(Date.parse(session.idleExpiresAt) - Date.parse(session.expiresAt)).toBeLessThan(-2_500);
    // Polled less often than the idle time: the first look finds it, a later one finds it ended.
    const polls: number[] = [];
    const ended = await waitFor(
      async () => {
        const r = await short.call('/v1/console/session', { headers: withCookie(cookie) });
        polls.push(r.status);
        return r.status === 401 ? r : undefined;
      },
      { timeoutMs: 6_000, intervalMs: 2_600, message: 'idle session ended' },
    );
    expect(polls[0]).toBe(200);
    expect((ended.json() as Problem).detail).toContain('unused');
  });

  it('ends a session at ATC_CONSOLE_SESSION_MAX although it is used all along', async () => {
    const { cookie } = await signIn(short, short.tokens.operator);
    const started = Date.now();
    const ended = await waitFor(
      async () => {
        const r = await short.call('/v1/stats/flow', { headers: withCookie(cookie) });
        return r.status === 401 ? r : undefined;
      },
      { timeoutMs: 10_000, intervalMs: 200, message: 'session ended at its longest life' },
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
    expect((ended.json() as Problem).detail).toContain('longest life');
  });
});

describe('console sign-in over HTTPS', { timeout: 60_000 }, () => {
  let dir: string;
  let tls: ConsoleGateway;
  let ca: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atc-console-tls-'));
    const certs = await createTestCertificates(join(dir, 'pki'));
    ca = certs.ca;
    tls = await startConsoleGateway(
      nats,
      { ATC_HTTP_TLS_CERT_FILE: certs.serverCertFile, ATC_HTTP_TLS_KEY_FILE: certs.serverKeyFile },
      ca,
    );
  }, 60_000);
  afterAll(async () => {
    await tls.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  it('marks the cookie Secure', async () => {
    expect(tls.url).toMatch(/^https:/);
    const { setCookie, cookie } = await signIn(tls, tls.tokens.operator);
    expect(
      setCookie
        .split(';')
        .slice(1)
        .map((p) => p.trim())
        .sort(),
    ).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict', 'Secure']);
    expect((await tls.call('/v1/stats/flow', { headers: withCookie(cookie) })).status).toBe(200);
    expect(ca).toContain('CERTIFICATE');
  });
});
