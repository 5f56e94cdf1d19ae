// The built operator console served by the gateway at /console/ through real sockets: public,
// with a strict CSP and the other security headers on every answer, long caching only for
// hashed assets, client-side routes answered with index.html for page loads only, nothing
// outside the console's folder reachable, and a clear code while the console is not built.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNatsServer, type NatsServerHandle } from '@atc/tests';
import { startConsoleGateway, type Answer, type ConsoleGateway } from './console-gateway.js';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const INDEX =
  '<!doctype html><html><head><script type="module" src="/console/assets/app-5f3c2a1b.js"></script></head><body></body></html>';
const SCRIPT = 'console.log("fictitious console bundle");';
const SECRET = 'fictitious secret beside the console folder';

let nats: NatsServerHandle;
let dir: string;
let consoleDir: string;
let gw: ConsoleGateway;

beforeAll(async () => {
  nats = await startNatsServer();
  dir = await mkdtemp(join(tmpdir(), 'atc-console-static-'));
  // The console folder does not exist yet: the gateway starts all the same.
  consoleDir = join(dir, 'site', 'dist');
  await mkdir(join(dir, 'site'));
  await writeFile(join(dir, 'site', 'package.json'), JSON.stringify({ secret: SECRET }));
  await writeFile(join(dir, 'secret.txt'), SECRET);
  gw = await startConsoleGateway(nats, { ATC_CONSOLE_DIR: consoleDir });
}, 60_000);

afterAll(async () => {
  await gw.destroy();
  await nats.stop();
  await rm(dir, { recursive: true, force: true });
});

function expectSecurityHeaders(res: Answer, what: string): void {
  expect(res.headers['content-security-policy'], what).toBe(CSP);
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['referrer-policy'], what).toBe('no-referrer');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(res.headers['cross-origin-opener-policy'], what).toBe('same-origin');
}

const page = { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' };

describe('the console files', { timeout: 60_000 }, () => {
  it('says how to build the console while it is not built', async () => {
    for (const path of ['/console/', '/console/messages']) {
      const res = await gw.call(path, { headers: page });
      expect(res.status, path).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const body = res.json() as { code: string; detail: string };
      expect(body.code).toBe('ERR_CONSOLE_NOT_BUILT');
      expect(body.detail).toContain('npm run build');
      expect(body.detail).not.toContain(dir);
      expectSecurityHeaders(res, path);
    }
    expect(gw.log.some((l) => l.includes('operator console not built') && l.includes(consoleDir))).toBe(true);
    // An index.html is what makes a build.
    await mkdir(join(consoleDir, 'assets'), { recursive: true });
    await writeFile(join(consoleDir, 'assets', 'app-5f3c2a1b.js'), SCRIPT);
    const still = await gw.call('/console/', { headers: page });
    expect((still.json() as { code: string }).code).toBe('ERR_CONSOLE_NOT_BUILT');
  });

  it('serves index.html at /console/, without a token, revalidated on every load', async () => {
    await writeFile(join(consoleDir, 'index.html'), INDEX);
    await writeFile(join(consoleDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const res = await gw.call('/console/', { headers: page });
    expect(res.status).toBe(200);
    expect(res.text).toBe(INDEX);
    expect(res.headers['content-type']).toMatch(/^text\/html\b/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(res, '/console/');
    const index = await gw.call('/console/index.html');
    expect([index.status, index.headers['cache-control']]).toEqual([200, 'no-cache']);
    const icon = await gw.call('/console/favicon.svg');
    expect([icon.status, icon.headers['cache-control']]).toEqual([200, 'no-cache']);
    expectSecurityHeaders(icon, 'favicon');
  });

  it('redirects /console to /console/', async () => {
    for (const [path, location] of [
      ['/console', '/console/'],
      ['/console?lang=ru', '/console/?lang=ru'],
    ] as const) {
      const res = await gw.call(path);
      expect(res.status, path).toBe(301);
      expect(res.headers.location).toBe(location);
      expectSecurityHeaders(res, path);
    }
  });

  it('caches hashed assets for a year', async () => {
    const res = await gw.call('/console/assets/app-5f3c2a1b.js');
    expect(res.status).toBe(200);
    expect(res.text).toBe(SCRIPT);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript\b/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectSecurityHeaders(res, 'asset');
  });

  it('answers index.html for unknown paths only to a browser loading a page', async () => {
    const route = await gw.call('/console/messages/0190a1b2-0000-7000-8000-000000000001', { headers: page });
    expect(route.status).toBe(200);
    expect(route.text).toBe(INDEX);
    expect(route.headers['cache-control']).toBe('no-cache');
    expectSecurityHeaders(route, 'client-side route');

    const cases: [string, Record<string, string>, string][] = [
      ['/console/assets/missing-0000.js', { accept: '*/*' }, 'GET'],
      ['/console/messages', { accept: 'application/json' }, 'GET'],
      ['/console/messages', {}, 'GET'],
      ['/console/messages', page, 'POST'],
      ['/console/messages', page, 'DELETE'],
    ];
    for (const [path, headers, method] of cases) {
      const res = await gw.call(path, { method, headers });
      expect(res.status, `${method} ${path} ${headers['accept']}`).toBe(404);
      expect(res.text).not.toContain('<html');
      expect((res.json() as { code: string }).code).toBe('ERR_NOT_FOUND');
      expectSecurityHeaders(res, `${method} ${path}`);
    }
  });

  it('never serves a file outside the console folder', async () => {
    const paths = [
      '/console/../package.json',
      '/console/../../secret.txt',
      '/console/%2e%2e/package.json',
      '/console/%2e%2e%2fpackage.json',
      '/console/%2E%2E%2F%2E%2E%2Fsecret.txt',
      '/console/assets/..%2f..%2fpackage.json',
      '/console/assets/%2e%2e/%2e%2e/%2e%2e/secret.txt',
      '/console/..%5c..%5csecret.txt',
      '/console/%2fetc%2fpasswd',
      '/console//etc/passwd',
      '/console/assets/%00app-5f3c2a1b.js',
      '/console/.%2e/package.json',
    ];
    for (const path of paths) {
      for (const headers of [page, { accept: '*/*' }]) {
        const res = await gw.call(path, { headers });
        expect(res.text, path).not.toContain(SECRET);
        expect(res.text, path).not.toContain('root:');
        // Either refused, or the console's own page (a client-side route).
        if (res.status === 200) expect(res.text, path).toBe(INDEX);
        else expect(res.status, path).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('keeps the console out of the API documentation', async () => {
    const res = await gw.call('/docs/json');
    expect(res.status).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toContain('/v1/console/session');
    expect(paths.filter((p) => p.startsWith('/console'))).toEqual([]);
    const session = (res.json() as { paths: Record<string, Record<string, unknown>> }).paths['/v1/console/session']!;
    expect(Object.keys(session).sort()).toEqual(['delete', 'get', 'post']);
  });
});
