// The audit log over HTTP on both engines, through real sockets: pages of GET /v1/audit by
// cursor, and GET /v1/audit/verify reporting the hash chain intact, then naming the row that
// was changed behind the gateway's back; operators and anonymous callers are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchiveDb } from '@atc/gateway';
import { ARCHIVE_BACKENDS, startNatsServer, type NatsServerHandle, type TestArchiveLocation } from '@atc/tests';
import { signIn, startConsoleGateway, type ConsoleGateway } from './console-gateway.js';

interface Problem {
  code: string;
  detail: string;
}

interface AuditPage {
  items: { id: number; actor: string; role: string | null; action: string }[];
  nextCursor: string | null;
}

interface Verification {
  ok: boolean;
  rows: number;
  head: string | null;
  brokenId: number | null;
  problem: string | null;
  checkedAt: string;
}

describe.each(ARCHIVE_BACKENDS)('the audit log API on $name', { timeout: 60_000 }, (backend) => {
  let nats: NatsServerHandle;
  let location: TestArchiveLocation;
  let gw: ConsoleGateway;
  const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    nats = await startNatsServer();
    location = await backend.create();
    gw = await startConsoleGateway(nats, location.env);
    // Five sign-ins: five audit rows to page through.
    for (let i = 0; i < 5; i++) await signIn(gw, gw.tokens.auditor);
  }, 60_000);

  afterAll(async () => {
    await gw?.destroy();
    await location?.dispose();
    await nats?.stop();
  });

  it('pages the log newest first by cursor, without gaps or repeats', async () => {
    const all = (await gw.call('/v1/audit?action=console.sign_in', { headers: bearer(gw.tokens.auditor) })).json();
    const ids = (all as AuditPage).items.map((e) => e.id);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const query: string = `action=console.sign_in&limit=2${cursor === '' ? '' : `&cursor=${cursor}`}`;
      const res = await gw.call(`/v1/audit?${query}`, { headers: bearer(gw.tokens.admin) });
      expect(res.status, res.text).toBe(200);
      const page = res.json() as AuditPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(ids);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('refuses a cursor it did not give, and operators and anonymous callers', async () => {
    const forged = Buffer.from(JSON.stringify({ l: 'messages/operational', k: [1, 1] })).toString('base64url');
    const bad = await gw.call(`/v1/audit?cursor=${forged}`, { headers: bearer(gw.tokens.auditor) });
    expect(bad.status).toBe(400);
    expect((bad.json() as Problem).code).toBe('ERR_CURSOR_INVALID');
    for (const path of ['/v1/audit', '/v1/audit/verify']) {
      const anonymous = await gw.call(path);
      expect(anonymous.status).toBe(401);
      expect((anonymous.json() as Problem).code).toBe('ERR_UNAUTHENTICATED');
      const operator = await gw.call(path, { headers: bearer(gw.tokens.operator) });
      expect(operator.status).toBe(403);
      expect((operator.json() as Problem).code).toBe('ERR_FORBIDDEN');
    }
    const unknown = await gw.call('/v1/audit/verify?deep=true', { headers: bearer(gw.tokens.auditor) });
    expect(unknown.status).toBe(400);
    expect((unknown.json() as Problem).code).toBe('ERR_QUERY_INVALID');
    expect((await gw.call('/v1/audit/nothing', { headers: bearer(gw.tokens.auditor) })).status).toBe(404);
    const docs = (await gw.call('/docs/json')).json() as {
      paths: Record<string, { get?: { description?: string; parameters?: { name: string }[] } }>;
    };
    expect(docs.paths['/v1/audit/verify']?.get?.description).toContain('hash chain');
    expect(docs.paths['/v1/audit']?.get?.parameters?.map((p) => p.name)).toContain('cursor');
  });

  it('reports the chain intact, then the first row changed behind the gateway', async () => {
    const intact = await gw.call('/v1/audit/verify', { headers: bearer(gw.tokens.auditor) });
    expect(intact.status, intact.text).toBe(200);
    const ok = intact.json() as Verification;
    expect(ok).toMatchObject({ ok: true, brokenId: null, problem: null });
    expect(ok.head).toMatch(/^[0-9a-f]{64}$/);
    expect(ok.rows).toBeGreaterThanOrEqual(5);
    expect(Date.parse(ok.checkedAt)).not.toBeNaN();

    const page = (await gw.call('/v1/audit?limit=3', { headers: bearer(gw.tokens.auditor) })).json() as AuditPage;
    const victim = page.items[2]!.id;
    const db = await openArchiveDb(location.location);
    try {
      await db.run('UPDATE audit_log SET reason = ? WHERE id = ?', ['nothing to see here', victim]);
    } finally {
      await db.close();
    }
    const broken = (await gw.call('/v1/audit/verify', { headers: bearer(gw.tokens.admin) })).json() as Verification;
    expect(broken).toMatchObject({ ok: false, head: null, brokenId: victim });
    expect(broken.problem).toContain(`audit row ${victim}`);
    expect(broken.problem).toContain('changed after it was written');
  });
});
