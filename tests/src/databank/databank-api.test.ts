// The data bank's operator API through real HTTP on a running gateway (NATS, both archive
// engines): purpose-audited content reads, roles, cursors, exercise separation, and the
// hash-chained audit log checked by `atc-gateway audit verify`.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addToken, openArchiveDb } from '@atc/gateway';
import { atc, PayloadType, toTimestamp } from '@atc/shared';
import { fixtureRequest } from '@atc/shared/testing';
import {
  ARCHIVE_BACKENDS,
  makeMessage,
  runGatewayCli,
  startTestFederation,
  waitFor,
  type TestArchiveLocation,
  type TestFederation,
} from '@atc/tests';

const PURPOSE = 'Case TEST-0001: check of a border alert';
const DAY = 86_400_000;

interface Problem {
  code: string;
  detail: string;
}

interface AuditJson {
  id: number;
  actor: string;
  role?: string;
  action: string;
  subject: string;
  reason: string;
  details: Record<string, unknown>;
}

/** An OpenAPI 3 document, as far as the naming check reads it. */
interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

interface OpenApiOperation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/**
 * Every JSON name the data bank and audit routes of `doc` define, with where it is: response
 * and request body property names (nested objects and arrays too, `$ref`s followed) and
 * query parameter names.
 */
function apiNames(doc: OpenApiDoc): { where: string; name: string }[] {
  const names: { where: string; name: string }[] = [];
  const resolve = (schema: unknown): unknown => {
    const ref = (schema as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string') return schema;
    return doc.components?.schemas?.[ref.replace('#/components/schemas/', '')];
  };
  const walk = (raw: unknown, where: string, seen: Set<unknown>): void => {
    const schema = resolve(raw);
    if (typeof schema !== 'object' || schema === null || seen.has(schema)) return;
    seen.add(schema);
    const s = schema as Record<string, unknown>;
    for (const [name, child] of Object.entries((s['properties'] ?? {}) as Record<string, unknown>)) {
      names.push({ where, name });
      walk(child, `${where}.${name}`, seen);
    }
    walk(s['items'], `${where}[]`, seen);
    walk(s['additionalProperties'], `${where}{}`, seen);
    for (const key of ['allOf', 'anyOf', 'oneOf'])
      for (const [i, child] of ((s[key] ?? []) as unknown[]).entries()) walk(child, `${where}/${key}${i}`, seen);
  };
  for (const [path, operations] of Object.entries(doc.paths)) {
    if (!/^\/v1\/(databank|audit)(\/|$)/.test(path)) continue;
    for (const [method, op] of Object.entries(operations)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) if (p.in === 'query') names.push({ where: `${at} ?`, name: p.name });
      for (const media of Object.values(op.requestBody?.content ?? {})) walk(media.schema, `${at} body`, new Set());
      for (const [status, response] of Object.entries(op.responses ?? {}))
        for (const media of Object.values(response.content ?? {})) walk(media.schema, `${at} ${status}`, new Set());
    }
  }
  return names;
}

function person(
  from: string,
  seq: number,
  recordId: string,
  version: number,
  family: string,
  exercise = false,
  reviewBy?: number,
  passport = `TEST${seq}`.padEnd(8, '0'),
) {
  const base = fixtureRequest(PayloadType.PersonRecord, seq).payload;
  const signed = makeMessage({
    from,
    to: [from === 'RU' ? 'KZ' : 'RU'],
    sequence: seq,
    header: {
      exercise,
      handling: {
        tlp: atc.v1.TlpLevel.TLP_LEVEL_AMBER,
        ...(reviewBy === undefined ? {} : { reviewBy: toTimestamp(reviewBy) }),
      },
    },
    payload: {
      ...base,
      recordId,
      version,
      names: [
        {
          script: 'Latn',
          parts: [
            { type: atc.v1.NamePartType.NAME_PART_TYPE_FAMILY, value: family },
            { type: atc.v1.NamePartType.NAME_PART_TYPE_GIVEN, value: 'Ivan' },
          ],
        },
      ],
      documents: [{ type: atc.v1.DocumentType.DOCUMENT_TYPE_PASSPORT, number: passport, issuingCountry: 'KZ' }],
    },
  });
  return { from, signed };
}

function withdrawal(from: string, seq: number, recordId: string) {
  const signed = makeMessage({
    from,
    to: ['RU'],
    type: PayloadType.RecordWithdrawal,
    sequence: seq,
    // Fixture headers alternate the exercise marking: say which namespace.
    header: { exercise: false },
    payload: {
      ...fixtureRequest(PayloadType.RecordWithdrawal, seq).payload,
      recordId: `${from}-W-${seq}`,
      target: { originator: from, recordId, version: 1 },
    },
  });
  return { from, signed };
}

describe.each(ARCHIVE_BACKENDS)('the data bank API on $name', { timeout: 120_000 }, (backend) => {
  let location: TestArchiveLocation;
  let fed: TestFederation;
  let env: Record<string, string | undefined>;
  const tokens = { auditor: '', operator: '' };
  const names = { auditor: '', operator: '' };

  const call = (path: string, token?: string): Promise<Response> =>
    fed.gateway.api(path, token === undefined ? {} : { authorization: `Bearer ${token}` });
  const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
  const reads = async (): Promise<AuditJson[]> => {
    const run = await runGatewayCli(env, ['audit', '--action', 'databank.read', '--limit', '1000', '--json']);
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as AuditJson[];
  };

  beforeAll(async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, wire: true });
    env = { ATC_DATA_DIR: fed.gateway.dataDir, ...location.env };
    const messages = [
      person('KZ', 1, 'KZ-P-1', 1, 'Testov'),
      person('KZ', 2, 'KZ-P-1', 2, 'Testova'),
      // Same originator and record id in the exercise namespace: another record.
      person('KZ', 3, 'KZ-P-1', 1, 'Exerciseva', true),
      // The same version twice with other content: a conflict.
      person('BY', 4, 'BY-P-1', 1, 'Primerov'),
      person('BY', 5, 'BY-P-1', 1, 'Primerova'),
      person('BY', 6, 'BY-P-2', 1, 'Obraztsov'),
      withdrawal('BY', 7, 'BY-P-2'),
      // A withdrawal of a record the bank does not hold: flagged.
      withdrawal('KZ', 8, 'KZ-P-404'),
      // Review dates: one in ten days, one in a few seconds (then out of the current view).
      person('UZ', 9, 'UZ-P-10D', 1, 'Proverkin', false, Date.now() + 10 * DAY),
      person('UZ', 10, 'UZ-P-SOON', 1, 'Srochnov', false, Date.now() + 6_000),
      // Subjects: UZ reports KZ-P-1's passport (one subject); RU the same name and birth date (a candidate).
      person('UZ', 11, 'UZ-P-LINK', 1, 'Testowa', false, undefined, 'TEST2000'),
      person('RU', 12, 'RU-P-CAND', 1, 'Testova'),
    ];
    for (const { from, signed } of messages) await fed.wire.submit(from, signed.bytes, signed.messageId);
    const suffix = backend.name;
    for (const role of ['auditor', 'operator'] as const) {
      names[role] = `test-${role}-${suffix}`;
      tokens[role] = addToken(join(fed.gateway.dataDir, 'tokens.json'), { name: names[role], role }, Date.now()).token;
    }
    // Every message archived (none refused), then the bank caught up with the whole log.
    for (const { signed } of messages) {
      await waitFor(async () => (await fed.gateway.api(`/v1/messages/${signed.messageId}`)).status === 200, {
        timeoutMs: 30_000,
        intervalMs: 50,
        message: `message ${signed.messageId} archived`,
      });
    }
    await waitFor(
      async () => {
        const res = await call('/v1/databank/status', tokens.operator);
        if (res.status !== 200) return false;
        const s = await json<{ cursor: number; size: number; lag: number }>(res);
        return s.lag === 0 && s.cursor === s.size;
      },
      { timeoutMs: 60_000, intervalMs: 100, message: 'the bank applied the whole log and the tokens are known' },
    );
  }, 120_000);

  afterAll(async () => {
    await fed?.close();
    await location?.dispose();
  });

  it('refuses a content read without a stated purpose: 400, no content, no audit row', async () => {
    for (const query of ['', '?purpose=', '?purpose=%20%20%20', '?purpose=ab', `?purpose=${'x'.repeat(501)}`]) {
      const res = await call(`/v1/databank/records/KZ/KZ-P-1${query}`, tokens.auditor);
      expect(res.status, query).toBe(400);
      const text = await res.text();
      expect((JSON.parse(text) as Problem).code).toBe('ERR_PURPOSE_REQUIRED');
      expect(text).not.toContain('Testov');
    }
    expect(await reads()).toEqual([]);
  });

  it('serves the current version to an auditor, audited with who, role and purpose before it is sent', async () => {
    const res = await call(`/v1/databank/records/KZ/KZ-P-1?purpose=${encodeURIComponent(PURPOSE)}`, tokens.auditor);
    expect(res.status).toBe(200);
    const body = await json<Record<string, unknown>>(res);
    expect(body).toMatchObject({
      exercise: false,
      originator: 'KZ',
      recordId: 'KZ-P-1',
      recordType: PayloadType.PersonRecord,
      version: 2,
      withdrawn: false,
      handling: { tlp: 'TLP_LEVEL_AMBER' },
      content: { recordId: 'KZ-P-1', version: 2 },
      contentErasedAt: null,
    });
    expect(JSON.stringify(body['content'])).toContain('Testova');
    expect(body['content']).not.toHaveProperty('nonce');

    const [row] = await reads();
    expect(row).toMatchObject({
      actor: names.auditor,
      role: 'auditor',
      action: 'databank.read',
      subject: 'record:KZ/KZ-P-1',
      reason: PURPOSE,
      details: { exercise: false, version: 2, messageId: body['messageId'] },
    });

    // Auditors read the audit log over HTTP too; operators may not.
    const http = await json<{ items: AuditJson[] }>(
      await call('/v1/audit?action=databank.read&limit=1', tokens.auditor),
    );
    expect(http.items).toMatchObject([
      { actor: names.auditor, role: 'auditor', reason: PURPOSE, subject: 'record:KZ/KZ-P-1' },
    ]);
    expect((await call('/v1/audit', tokens.operator)).status).toBe(403);

    // The table shows the role and the purpose too.
    const table = await runGatewayCli(env, ['audit', '--action', 'databank.read']);
    expect(table.stdout).toMatch(/ROLE/);
    expect(table.stdout).toMatch(
      new RegExp(`${names.auditor}\\s+auditor\\s+databank\\.read\\s+record:KZ/KZ-P-1\\s+${PURPOSE}`),
    );
  });

  it('names every JSON field of the data bank and audit API in camelCase (OpenAPI at /docs/json)', async () => {
    const names = apiNames(await json<OpenApiDoc>(await call('/docs/json')));
    // The walk reaches the nested schemas: lists, records, withdrawals with their members, review lists.
    for (const name of ['nextCursor', 'recordId', 'currentMessageId', 'contentErasedAt', 'ackedVersions', 'notHeld'])
      expect(
        names.map((n) => n.name),
        name,
      ).toContain(name);
    for (const name of ['noticeMessageId', 'withinDays', 'updatedSince', 'purpose', 'action'])
      expect(
        names.map((n) => n.name),
        name,
      ).toContain(name);
    expect(names.filter((n) => !/^[a-z][A-Za-z0-9]*$/.test(n.name)).map((n) => `${n.where}: ${n.name}`)).toEqual([]);

    // A snake_case (or any unknown) query parameter is refused, not ignored.
    for (const [path, camel] of [
      ['/v1/databank/review?within_days=5', 'withinDays'],
      ['/v1/databank/subjects?updated_since=2026-01-15T09:30:00Z', 'updatedSince'],
      ['/v1/audit?limit=1&record_id=KZ-P-1', undefined],
    ] as const) {
      const old = await call(path, tokens.auditor);
      expect(old.status, path).toBe(400);
      const problem = await json<Problem>(old);
      expect(problem.code, path).toBe('ERR_QUERY_INVALID');
      expect(problem.detail, path).toContain('is not a query parameter of this route');
      if (camel !== undefined) expect(problem.detail, path).toContain(`did you mean ${camel}?`);
    }
  });

  it('lets only auditors and admins read content, operators and auditors the metadata', async () => {
    const purpose = `?purpose=${encodeURIComponent(PURPOSE)}`;
    const before = (await reads()).length;
    const refused = await call(`/v1/databank/records/KZ/KZ-P-1${purpose}`, tokens.operator);
    expect(refused.status).toBe(403);
    expect((await json<Problem>(refused)).code).toBe('ERR_FORBIDDEN');
    expect((await call(`/v1/databank/records/KZ/KZ-P-1${purpose}`)).status).toBe(401);
    expect((await call(`/v1/databank/records/KZ/KZ-P-1${purpose}`, fed.gateway.adminToken)).status).toBe(200);
    expect(await reads()).toHaveLength(before + 1);

    // OpenAPI documents the bank's paths, the purpose parameter of content reads among them.
    const docs = await json<{ paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>(
      await call('/docs/json'),
    );
    for (const path of [
      '/v1/databank/subjects',
      '/v1/databank/withdrawals',
      '/v1/databank/review',
      '/v1/databank/flags',
    ]) {
      expect(docs.paths, path).toHaveProperty([path]);
    }
    const recordDoc = docs.paths['/v1/databank/records/{originator}/{recordId}']!['get']!;
    expect(recordDoc.parameters!.map((p) => p.name)).toContain('purpose');

    for (const path of ['/v1/databank/status', '/v1/databank/records/KZ/KZ-P-1/versions', '/v1/databank/conflicts']) {
      expect((await call(path, tokens.operator)).status, path).toBe(200);
      expect((await call(path, tokens.auditor)).status, path).toBe(200);
      expect((await call(path)).status, path).toBe(401);
    }
  });

  it('answers 404 for a record the bank does not hold and 410 for a withdrawn one, each asking audited with its refusal', async () => {
    const before = (await reads()).length;
    const purpose = `purpose=${encodeURIComponent(PURPOSE)}`;
    const unknown = await call(`/v1/databank/records/KZ/KZ-P-404?${purpose}`, tokens.auditor);
    expect(unknown.status).toBe(404);
    expect((await json<Problem>(unknown)).code).toBe('ERR_RECORD_UNKNOWN');
    const history = await call('/v1/databank/records/KZ/KZ-P-404/versions', tokens.operator);
    expect(history.status).toBe(404);
    expect((await json<Problem>(history)).code).toBe('ERR_RECORD_UNKNOWN');
    const gone = await call(`/v1/databank/records/BY/BY-P-2?${purpose}`, tokens.auditor);
    expect(gone.status).toBe(410);
    const text = await gone.text();
    expect((JSON.parse(text) as Problem).code).toBe('ERR_RECORD_WITHDRAWN');
    expect(text).not.toContain('Obraztsov');
    // Asking for content is recorded whether or not the bank had any to give (newest first).
    const rows = await reads();
    expect(rows).toHaveLength(before + 2);
    expect(rows.slice(0, 2)).toMatchObject([
      {
        actor: names.auditor,
        subject: 'record:BY/BY-P-2',
        reason: PURPOSE,
        details: { refused: 410, code: 'ERR_RECORD_WITHDRAWN' },
      },
      { actor: names.auditor, subject: 'record:KZ/KZ-P-404', details: { refused: 404, code: 'ERR_RECORD_UNKNOWN' } },
    ]);

    // Bad input of the path and query: their own codes.
    expect((await json<Problem>(await call(`/v1/databank/records/kz!/X?${purpose}`, tokens.auditor))).code).toBe(
      'ERR_VALIDATION',
    );
    expect((await json<Problem>(await call('/v1/databank/status?exercise=maybe', tokens.operator))).code).toBe(
      'ERR_QUERY_INVALID',
    );
  });

  it('pages a history with opaque cursors and refuses a bad one', async () => {
    const path = '/v1/databank/records/KZ/KZ-P-1/versions';
    const first = await json<{ items: { version: number; state: string }[]; nextCursor: string | null }>(
      await call(`${path}?limit=1`, tokens.operator),
    );
    expect(first.items).toMatchObject([{ version: 1, state: 'superseded' }]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await json<{ items: { version: number; state: string }[]; nextCursor: string | null }>(
      await call(`${path}?limit=1&cursor=${first.nextCursor!}`, tokens.operator),
    );
    expect(second.items).toMatchObject([{ version: 2, state: 'current' }]);
    expect(second.nextCursor).toBeNull();

    const conflicts = await json<{ nextCursor: string | null }>(
      await call('/v1/databank/conflicts?limit=1', tokens.operator),
    );
    const bad = [
      'not-a-cursor!',
      Buffer.from('{"l":').toString('base64url'),
      Buffer.from('{"l":"flags:operational","k":[1]}').toString('base64url'),
    ];
    for (const cursor of bad) {
      const res = await call(`${path}?cursor=${encodeURIComponent(cursor)}`, tokens.operator);
      expect(res.status, cursor).toBe(400);
      expect((await json<Problem>(res)).code).toBe('ERR_CURSOR_INVALID');
    }
    // A cursor of one namespace is refused in the other.
    const exercise = await call(`${path}?exercise=true&cursor=${first.nextCursor!}`, tokens.operator);
    expect((await json<Problem>(exercise)).code).toBe('ERR_CURSOR_INVALID');
    expect(conflicts.nextCursor).toBeNull();
    for (const limit of ['0', '501', 'ten']) {
      const res = await call(`${path}?limit=${limit}`, tokens.operator);
      expect(res.status, limit).toBe(400);
      expect((await json<Problem>(res)).code).toBe('ERR_QUERY_INVALID');
    }
  });

  it('keeps the exercise namespace apart: exercise=true returns only exercise records, marked', async () => {
    const purpose = `purpose=${encodeURIComponent(PURPOSE)}`;
    const drill = await json<Record<string, unknown>>(
      await call(`/v1/databank/records/KZ/KZ-P-1?exercise=true&${purpose}`, tokens.auditor),
    );
    expect(drill).toMatchObject({ exercise: true, version: 1, originator: 'KZ', recordId: 'KZ-P-1' });
    expect(JSON.stringify(drill['content'])).toContain('Exerciseva');
    expect(JSON.stringify(drill)).not.toContain('Testov');
    expect((await reads())[0]).toMatchObject({ subject: 'exercise:record:KZ/KZ-P-1', details: { exercise: true } });

    const [operational, exercise] = await Promise.all(
      ['', '?exercise=true'].map(async (q) =>
        json<{ exercise: boolean; counts: Record<string, number> }>(
          await call(`/v1/databank/status${q}`, tokens.operator),
        ),
      ),
    );
    expect(operational).toMatchObject({
      exercise: false,
      counts: { records: 7, withdrawn: 1, conflicts: 1, flags: 1 },
    });
    expect(exercise).toMatchObject({ exercise: true, counts: { records: 1, withdrawn: 0, conflicts: 0, flags: 0 } });

    const conflicts = await json<{ exercise: boolean; items: Record<string, unknown>[] }>(
      await call('/v1/databank/conflicts', tokens.operator),
    );
    expect(conflicts.items).toMatchObject([{ exercise: false, originator: 'BY', recordId: 'BY-P-1', version: 1 }]);
    expect(
      (await json<{ items: unknown[] }>(await call('/v1/databank/conflicts?exercise=true', tokens.operator))).items,
    ).toEqual([]);
    const flags = await json<{ items: Record<string, unknown>[] }>(await call('/v1/databank/flags', tokens.operator));
    expect(flags.items).toMatchObject([{ exercise: false, code: 'ERR_RECORD_UNKNOWN', detail: 'KZ/KZ-P-404' }]);
    const versions = await json<{ exercise: boolean; items: { state: string }[] }>(
      await call('/v1/databank/records/KZ/KZ-P-1/versions?exercise=true', tokens.operator),
    );
    expect(versions).toMatchObject({ exercise: true, items: [{ state: 'current' }] });
    // The operational record BY-P-2 does not exist in the exercise namespace.
    expect((await call(`/v1/databank/records/BY/BY-P-1?exercise=true&${purpose}`, tokens.auditor)).status).toBe(404);
  });

  it('lists withdrawals with the purge state of every member they reached', async () => {
    const list = await json<{ exercise: boolean; items: Record<string, unknown>[]; nextCursor: string | null }>(
      await call('/v1/databank/withdrawals', tokens.operator),
    );
    expect(list).toMatchObject({ exercise: false, nextCursor: null });
    // Newest first: the withdrawal of a record the bank never held is listed too, reaching nobody.
    expect(list.items.map((w) => w['recordId'])).toEqual(['KZ-P-404', 'BY-P-2']);
    expect(list.items[1]).toMatchObject({
      exercise: false,
      originator: 'BY',
      overdue: false,
      members: [{ member: 'RU', state: 'pending', versions: [1] }],
    });
    const id = list.items[1]!['messageId'] as string;
    expect(await json(await call(`/v1/databank/withdrawals/${id}`, tokens.auditor))).toMatchObject({ messageId: id });
    expect(
      (await json<{ items: unknown[] }>(await call('/v1/databank/withdrawals?overdue=true', tokens.operator))).items,
    ).toEqual([]);
    expect(
      (await json<{ items: unknown[] }>(await call('/v1/databank/withdrawals?exercise=true', tokens.operator))).items,
    ).toEqual([]);
    // The operational withdrawal is not in the exercise namespace.
    const other = await call(`/v1/databank/withdrawals/${id}?exercise=true`, tokens.operator);
    expect(other.status).toBe(404);
    expect((await json<Problem>(other)).code).toBe('ERR_MESSAGE_UNKNOWN');
    expect((await json<Problem>(await call('/v1/databank/withdrawals/not-an-id', tokens.operator))).code).toBe(
      'ERR_MESSAGE_ID_INVALID',
    );
    expect((await json<Problem>(await call('/v1/databank/withdrawals?cursor=bogus', tokens.operator))).code).toBe(
      'ERR_CURSOR_INVALID',
    );
  });

  it('lists records due for review, and a record past its review date leaves the current view', async () => {
    const due = await json<{
      withinDays: number;
      originators: { originator: string; records: Record<string, unknown>[] }[];
    }>(await call('/v1/databank/review', tokens.operator));
    expect(due.withinDays).toBe(30);
    expect(due.originators.map((o) => o.originator)).toEqual(['UZ']);
    expect(due.originators[0]!.records.map((r) => r['recordId'])).toEqual(['UZ-P-SOON', 'UZ-P-10D']);
    const soon = await json<typeof due>(await call('/v1/databank/review?withinDays=5', tokens.operator));
    expect(soon.originators[0]!.records.map((r) => r['recordId'])).toEqual(['UZ-P-SOON']);
    expect((await json<Problem>(await call('/v1/databank/review?withinDays=x', tokens.operator))).code).toBe(
      'ERR_QUERY_INVALID',
    );

    const purpose = `purpose=${encodeURIComponent(PURPOSE)}`;
    const gone = await waitFor(
      async () => {
        const res = await call(`/v1/databank/records/UZ/UZ-P-SOON?${purpose}`, tokens.auditor);
        return res.status === 410 ? res : false;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: 'UZ-P-SOON passed its review date' },
    );
    const text = await gone.text();
    expect((JSON.parse(text) as Problem).code).toBe('ERR_REVIEW_DATE_PASSED');
    expect(text).not.toContain('Srochnov');
    // Nor is it in any dossier any more.
    const uz = await json<{ items: { subjectId: string }[] }>(
      await call('/v1/databank/subjects?member=UZ', tokens.operator),
    );
    for (const { subjectId } of uz.items) {
      const dossier = await call(`/v1/databank/subjects/${subjectId}?${purpose}`, tokens.auditor);
      expect(dossier.status).toBe(200);
      expect(await dossier.text()).not.toContain('UZ-P-SOON');
    }
    const past = await json<typeof due>(await call('/v1/databank/review?withinDays=0', tokens.operator));
    expect(past.originators[0]!.records).toMatchObject([{ recordId: 'UZ-P-SOON', pastDue: true }]);
  });

  it("lists subjects, serves a dossier as an audited content read, and takes admins' decisions", async () => {
    const post = (path: string, token: string, body: unknown): Promise<Response> =>
      fetch(new URL(path, fed.gateway.gateway.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const list = await json<{ exercise: boolean; items: Record<string, unknown>[]; nextCursor: string | null }>(
      await call('/v1/databank/subjects?member=UZ&limit=500', tokens.operator),
    );
    expect(list.exercise).toBe(false);
    const linked = list.items.find((s) => (s['members'] as { member: string }[]).some((m) => m.member === 'KZ'));
    expect(linked).toMatchObject({ exercise: false, category: 'person', records: 2 });
    expect(JSON.stringify(list)).not.toContain('Testov');
    const subjectId = linked!['subjectId'] as string;
    const drill = await json<{ items: Record<string, unknown>[] }>(
      await call('/v1/databank/subjects?exercise=true', tokens.operator),
    );
    expect(drill.items.length).toBeGreaterThan(0);
    expect(drill.items.every((s) => s['exercise'] === true)).toBe(true);
    expect((await json<Problem>(await call('/v1/databank/subjects?cursor=bogus', tokens.operator))).code).toBe(
      'ERR_CURSOR_INVALID',
    );

    // One subject's metadata (a bookmarked subject page): the listing's summary, no content, no audit row.
    const readsBefore = (await reads()).length;
    const summary = await json<Record<string, unknown>>(
      await call(`/v1/databank/subjects/${subjectId}/summary`, tokens.operator),
    );
    expect(summary).toEqual(linked);
    expect((await reads()).length).toBe(readsBefore);
    const noSuch = await call('/v1/databank/subjects/S-000000999999/summary', tokens.operator);
    expect(noSuch.status).toBe(404);
    expect((await json<Problem>(noSuch)).code).toBe('ERR_SUBJECT_UNKNOWN');
    // Another namespace does not hold it: exercise and operational subjects never mix.
    expect((await call(`/v1/databank/subjects/${subjectId}/summary?exercise=true`, tokens.operator)).status).toBe(404);
    expect((await call(`/v1/databank/subjects/${subjectId}/summary?purpose=x`, tokens.operator)).status).toBe(400);
    expect((await call(`/v1/databank/subjects/${subjectId}/summary`, 'atc_not-a-token')).status).toBe(401);

    // The dossier: purpose required, auditors only, audited.
    expect((await json<Problem>(await call(`/v1/databank/subjects/${subjectId}`, tokens.auditor))).code).toBe(
      'ERR_PURPOSE_REQUIRED',
    );
    const purpose = `purpose=${encodeURIComponent(PURPOSE)}`;
    expect((await call(`/v1/databank/subjects/${subjectId}?${purpose}`, tokens.operator)).status).toBe(403);
    const dossier = await json<{ dossier: { originator: string; recordId: string; content: unknown }[] }>(
      await call(`/v1/databank/subjects/${subjectId}?${purpose}`, tokens.auditor),
    );
    expect(dossier.dossier.map((r) => `${r.originator}/${r.recordId}`).sort()).toEqual(['KZ/KZ-P-1', 'UZ/UZ-P-LINK']);
    expect(JSON.stringify(dossier)).toContain('Testowa');
    expect((await reads())[0]).toMatchObject({
      actor: names.auditor,
      role: 'auditor',
      subject: `subject:${subjectId}`,
      reason: PURPOSE,
    });
    const unknown = await call(`/v1/databank/subjects/no-such-subject?${purpose}`, tokens.auditor);
    expect(unknown.status).toBe(404);
    expect((await json<Problem>(unknown)).code).toBe('ERR_SUBJECT_UNKNOWN');

    // Candidates: metadata for operators and auditors; confirm, reject, split and revert for operators
    // and admins (auditors oversee, they do not decide).
    const open = await json<{ items: { candidateId: string; records: { recordId: string }[] }[] }>(
      await call('/v1/databank/candidates?status=open', tokens.operator),
    );
    const candidate = open.items.find((c) => c.records.some((r) => r.recordId === 'RU-P-CAND'));
    expect(candidate).toBeDefined();
    const confirmPath = `/v1/databank/candidates/${candidate!.candidateId}/confirm`;
    const refused = await post(confirmPath, tokens.auditor, { reason: 'TICKET-1' });
    expect(refused.status).toBe(403);
    expect((await json<Problem>(await post(confirmPath, tokens.operator, { reason: '  ' }))).code).toBe(
      'ERR_REASON_REQUIRED',
    );
    const confirmed = await post(confirmPath, tokens.operator, { reason: 'TICKET-1: same person' });
    expect(confirmed.status).toBe(200);
    const outcome = await json<{ decision: { decisionId: string; kind: string } }>(confirmed);
    expect(outcome.decision.kind).toBe('confirm');
    const again = await post(confirmPath, fed.gateway.adminToken, { reason: 'TICKET-1 again' });
    expect(again.status).toBe(409);
    expect((await json<Problem>(again)).code).toBe('ERR_CANDIDATE_STALE');
    const revertPath = `/v1/databank/decisions/${outcome.decision.decisionId}/revert`;
    expect((await post(revertPath, tokens.operator, { reason: 'TICKET-2: wrong person' })).status).toBe(200);
    const twice = await post(revertPath, fed.gateway.adminToken, { reason: 'TICKET-2 again' });
    expect(twice.status).toBe(409);
    expect((await json<Problem>(twice)).code).toBe('ERR_DECISION_STALE');
    const ghost = await post('/v1/databank/candidates/no-such-candidate/reject', fed.gateway.adminToken, {
      reason: 'x1',
    });
    expect(ghost.status).toBe(404);
    expect((await json<Problem>(ghost)).code).toBe('ERR_CANDIDATE_UNKNOWN');
    const split = await post(`/v1/databank/subjects/${subjectId}/split`, fed.gateway.adminToken, {
      originator: 'UZ',
      recordId: 'UZ-P-LINK',
      reason: 'TICKET-3: another passport holder',
    });
    expect(split.status).toBe(200);

    const decisions = await runGatewayCli(env, ['audit', '--json', '--limit', '50']);
    const rows = (JSON.parse(decisions.stdout) as AuditJson[]).filter(
      (r) => r.action.startsWith('databank.') && r.action !== 'databank.read',
    );
    expect(rows.map((r) => [r.action, r.role, r.reason])).toEqual([
      ['databank.split', 'admin', 'TICKET-3: another passport holder'],
      ['databank.revert', 'operator', 'TICKET-2: wrong person'],
      ['databank.confirm', 'operator', 'TICKET-1: same person'],
    ]);
  });

  it('sends nothing when the read cannot be audited: 503 ERR_AUDIT_UNAVAILABLE', async () => {
    const db = await openArchiveDb(location.location);
    const block =
      db.dialect === 'sqlite'
        ? ["CREATE TRIGGER audit_blocked BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'blocked by test'); END"]
        : [
            "CREATE FUNCTION audit_blocked() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'blocked by test'; END $$ LANGUAGE plpgsql",
            'CREATE TRIGGER audit_blocked BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_blocked()',
          ];
    const before = (await reads()).length;
    try {
      for (const sql of block) await db.exec(sql);
      const res = await call(`/v1/databank/records/KZ/KZ-P-1?purpose=${encodeURIComponent(PURPOSE)}`, tokens.auditor);
      expect(res.status).toBe(503);
      const text = await res.text();
      expect((JSON.parse(text) as Problem).code).toBe('ERR_AUDIT_UNAVAILABLE');
      expect(text).not.toContain('Testov');
    } finally {
      await db.exec(
        db.dialect === 'sqlite'
          ? 'DROP TRIGGER audit_blocked'
          : 'DROP TRIGGER audit_blocked ON audit_log; DROP FUNCTION audit_blocked()',
      );
      await db.close();
    }
    expect(await reads()).toHaveLength(before);
  });

  it('`audit verify` passes, then names a read row edited directly in the database', async () => {
    const ok = await runGatewayCli(env, ['audit', 'verify']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^audit log verified: \d+ rows chained, head [0-9a-f]{64}$/);

    const [read] = await reads();
    const db = await openArchiveDb(location.location);
    try {
      await db.run('UPDATE audit_log SET reason = ? WHERE id = ?', ['Nothing to see', read!.id]);
    } finally {
      await db.close();
    }
    const broken = await runGatewayCli(env, ['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('ERR_AUDIT_CHAIN_BROKEN');
    expect(broken.stderr).toContain(`audit row ${read!.id} `);
    expect(broken.stderr).toContain('was changed after it was written');
    const report = await runGatewayCli(env, ['audit', 'verify', '--json']);
    expect(JSON.parse(report.stdout)).toMatchObject({ ok: false, brokenId: read!.id, code: 'ERR_AUDIT_CHAIN_BROKEN' });
  });
});
