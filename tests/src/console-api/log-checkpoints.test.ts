// GET /v1/log/checkpoints over real HTTP on a running gateway (real nats-server, both archive
// engines): the signed checkpoints newest first with their witnesses' cosignatures, exactly as
// GET /v1/log/checkpoint serves each one, cursor pages, and bad input refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  startTestFederation,
  waitFor,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

interface CheckpointJson {
  size: number;
  rootHash: string;
  createdAt: string;
  note: string;
  cosignatures: { witness: string; line: string; signedAt: string; receivedAt: string }[];
}
interface CheckpointPage {
  items: CheckpointJson[];
  nextCursor: string | null;
}

describe.each(ARCHIVE_BACKENDS)('the log checkpoint list on $name', { timeout: 120_000 }, (backend) => {
  let location: TestArchiveLocation;
  let fed: TestFederation;

  const get = (path: string): Promise<Response> => fed.gateway.api(path, {});
  async function page(query = ''): Promise<CheckpointPage> {
    const res = await get(`/v1/log/checkpoints${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as CheckpointPage;
  }

  beforeAll(async () => {
    location = await backend.create();
    fed = await startTestFederation({
      archive: location.location,
      wire: true,
      // RU's agent is a witness cosigning every second; KZ only submits on the wire.
      members: { RU: { env: { ATC_WITNESS_INTERVAL: '1s' } } },
    });
    for (let seq = 1; seq <= 3; seq++) {
      const m = makeMessage({ from: 'KZ', to: ['BY'], sequence: seq });
      await fed.wire.submit('KZ', m.bytes, m.messageId);
      await waitFor(async () => (await fed.gateway.api(`/v1/log/proof/inclusion?messageId=${m.messageId}`)).ok, {
        timeoutMs: 30_000,
        message: `message ${seq} in the log`,
      });
    }
    await waitFor(async () => (await page('?limit=1')).items[0]?.cosignatures.some((c) => c.witness === 'RU'), {
      timeoutMs: 30_000,
      message: 'RU cosigned the latest checkpoint',
    });
  }, 120_000);

  afterAll(async () => {
    await fed?.close();
    await location?.dispose();
  });

  it('lists every checkpoint newest first, each exactly as /v1/log/checkpoint serves it with its cosignatures', async () => {
    const { items, nextCursor } = await page();
    expect(nextCursor).toBeNull();
    expect(items.length).toBeGreaterThanOrEqual(2);
    const sizes = items.map((c) => c.size);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(new Set(sizes).size).toBe(sizes.length);
    for (const c of items) {
      const served = await get(`/v1/log/checkpoint?size=${c.size}`);
      expect(served.status).toBe(200);
      // The served note is the gateway's note followed by each kept cosignature line.
      expect(await served.text()).toBe(`${c.note}${c.cosignatures.map((s) => `${s.line}\n`).join('')}`);
      expect(c.note.split('\n').slice(0, 3)).toEqual([expect.any(String), String(c.size), c.rootHash]);
      expect(Date.parse(c.createdAt)).not.toBeNaN();
    }
    const ru = items[0]!.cosignatures.find((s) => s.witness === 'RU')!;
    expect(ru.line.startsWith('\u2014 ')).toBe(true);
    expect(ru.line).toContain('/witness/RU ');
    expect(Date.parse(ru.receivedAt)).toBeGreaterThanOrEqual(Date.parse(items[0]!.createdAt) - 1000);
  });

  it('pages with nextCursor, each checkpoint once', async () => {
    const all = (await page()).items.map((c) => c.size);
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const p: CheckpointPage = await page(`?limit=1${cursor === null ? '' : `&cursor=${cursor}`}`);
      expect(p.items.length).toBeLessThanOrEqual(1);
      walked.push(...p.items.map((c) => c.size));
      cursor = p.nextCursor;
    } while (cursor !== null);
    // No message arrives after beforeAll (cosignatures add no checkpoint): the pages are the whole list.
    expect(walked).toEqual(all);
  });

  it('refuses bad input with a code and a sentence, and is described in the OpenAPI document', async () => {
    const otherList = Buffer.from(JSON.stringify({ l: 'quarantine', k: [5] })).toString('base64url');
    const cases: [string, string][] = [
      ['?limit=0', 'ERR_QUERY_INVALID'],
      ['?limit=1001', 'ERR_QUERY_INVALID'],
      ['?limit=ten', 'ERR_QUERY_INVALID'],
      ['?cursor=not*a*cursor', 'ERR_CURSOR_INVALID'],
      [`?cursor=${otherList}`, 'ERR_CURSOR_INVALID'],
      ['?size=3', 'ERR_QUERY_INVALID'],
    ];
    for (const [query, code] of cases) {
      const res = await get(`/v1/log/checkpoints${query}`);
      expect(res.status, query).toBe(400);
      const problem = (await res.json()) as { code: string; detail: string };
      expect(problem.code, `${query}: ${problem.detail}`).toBe(code);
      expect(problem.detail.length).toBeGreaterThan(20);
    }
    const docs = (await (await get('/docs/json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toContain('/v1/log/checkpoints');
  });
});
