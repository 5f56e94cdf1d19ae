import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabank, openArchiveDb } from '@atc/gateway';
import { PayloadType } from '@atc/shared';
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

const RECORDS = 16;

describe.each(ARCHIVE_BACKENDS)('the data bank in a running gateway on $name', (backend) => {
  let location: TestArchiveLocation | undefined;
  let fed: TestFederation | undefined;
  afterEach(async () => {
    await fed?.close();
    await location?.dispose();
  });

  it('projects what the gateway archives, reports its lag, and `databank rebuild` gives the same bank', async () => {
    location = await backend.create();
    fed = await startTestFederation({ archive: location.location, wire: true });
    const { gateway } = fed;
    for (let i = 1; i <= RECORDS; i++) {
      const from = i % 2 === 0 ? 'KZ' : 'BY';
      const base = fixtureRequest(PayloadType.PersonRecord, i).payload;
      const m = makeMessage({
        from,
        to: ['RU'],
        sequence: i,
        payload: { ...base, recordId: `${from}-P-${i % 5}`, version: i },
        header: { exercise: i % 4 === 0 },
      });
      await fed.wire.submit(from, m.bytes, m.messageId);
    }

    // The projection catches up on its own: lag 0 in the readiness detail and the gauge.
    const ready = await waitFor(
      async () => {
        const body = (await (await gateway.api('/readyz')).json()) as {
          checks: { name: string; ok: boolean; reason?: string }[];
        };
        const check = body.checks.find((c) => c.name === 'databank');
        return check?.reason === `lag 0 entries (cursor ${RECORDS} of ${RECORDS})` ? check : false;
      },
      { timeoutMs: 60_000, intervalMs: 100, message: 'the data bank caught up with the archive' },
    );
    expect(ready.ok).toBe(true);
    const metrics = await (await gateway.api('/metrics')).text();
    expect(metrics).toMatch(/^atc_databank_lag_entries 0$/m);
    // The projection thread's own heap (the process's nodejs_heap_* count the main thread only).
    const heap = (kind: string) =>
      Number(new RegExp(`^atc_databank_thread_heap_bytes\\{kind="${kind}"\\} (\\d+)$`, 'm').exec(metrics)?.[1]);
    expect(heap('used')).toBeGreaterThan(1_000_000);
    expect(heap('total')).toBeGreaterThanOrEqual(heap('used'));
    await gateway.stop();

    const db = await openArchiveDb(location.location);
    let before: Record<string, unknown[]>;
    try {
      before = await dumpDatabank(db);
    } finally {
      await db.close();
    }
    // 2 originators x 5 record ids, operational and exercise apart.
    expect(before['databank_records']!.length).toBe(
      new Set(
        Array.from({ length: RECORDS }, (_, k) => {
          const i = k + 1;
          return `${i % 4 === 0}/${i % 2 === 0 ? 'KZ' : 'BY'}-P-${i % 5}`;
        }),
      ).size,
    );
    expect(before['databank_versions']!.length).toBe(RECORDS);

    const env = { ATC_DATA_DIR: gateway.dataDir, ...location.env };
    const status = await runGatewayCli(env, ['databank', 'status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ cursor: RECORDS, size: RECORDS, lag: 0, conflicts: 0 });

    // A change of the bank says why: refused without a reason, audited with it.
    const unexplained = await runGatewayCli(env, ['databank', 'rebuild']);
    expect(unexplained.code).toBe(2);
    expect(unexplained.stderr).toMatch(/ERR_REASON_REQUIRED: databank rebuild: --reason is required/);
    const rebuilt = await runGatewayCli(env, [
      'databank',
      'rebuild',
      '--reason',
      'test: rebuild from the archive',
      '--by',
      'operator-7',
    ]);
    expect(rebuilt.stderr).toContain(`applied ${RECORDS} of ${RECORDS} entries (100%)`);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toContain(`databank rebuilt: ${RECORDS} entries applied`);
    const relinked = await runGatewayCli(env, ['databank', 'relink', '--reason', 'test: threshold unchanged']);
    expect(relinked.code).toBe(0);
    const again = await openArchiveDb(location.location);
    try {
      expect(await dumpDatabank(again)).toEqual(before);
      const audited = await again.all<{
        actor: string;
        action: string;
        subject: string;
        reason: string;
        details: string;
      }>(`SELECT actor, action, subject, reason, details FROM audit_log WHERE action LIKE 'databank.re%' ORDER BY id`);
      expect(audited.map((r) => [r.actor.startsWith('cli:') ? 'cli' : r.actor, r.action, r.subject, r.reason])).toEqual(
        [
          ['operator-7', 'databank.rebuild', 'databank', 'test: rebuild from the archive'],
          ['cli', 'databank.relink', 'databank', 'test: threshold unchanged'],
        ],
      );
      expect(JSON.parse(audited[0]!.details)).toMatchObject({
        entries: RECORDS,
        records: before['databank_records']!.length,
      });
    } finally {
      await again.close();
    }
  }, 120_000);
});
