// The gateway's audit log as a hash chain, on both archive engines: rows from before the
// chain are chained at open, concurrent writers (two connections, as two replicas) never
// fork it, and `verify` names the first row changed, removed or inserted behind its back.
import { describe, expect, it } from 'vitest';
import { FIXTURE_TIME } from '@atc/shared/testing';
import { ARCHIVE_BACKENDS } from '@atc/tests';
import { bankArchives } from './bank-archives.js';

const read = (n: number) => ({
  actor: 'test-auditor',
  role: 'auditor',
  action: 'databank.read',
  subject: `record:KZ/KZ-P-${n}`,
  reason: `Case TEST-${n}: fictitious check`,
  details: { version: 1, n },
});

describe.each(ARCHIVE_BACKENDS)('the audit chain on $name', { timeout: 60_000 }, (backend) => {
  const open = bankArchives(backend);

  it('chains registry changes and reads, and concurrent writers in two connections never fork it', async () => {
    const [a, b] = [await open(), await open()];
    await a.registry.addMember({ id: 'KZ', name: 'Test member KZ', kind: 'national' }, { who: 'test', why: 'TEST-1' });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).registry.audit.append(read(i))));
    const report = await b.registry.audit.verify();
    expect(report).toMatchObject({ ok: true, rows: 41 });
    // One line: every row's previous hash is its predecessor's hash.
    const rows = await a.db.all<{ prev_hash: Uint8Array; hash: Uint8Array }>(
      'SELECT prev_hash, hash FROM audit_log ORDER BY id',
    );
    rows.forEach((r, i) => {
      expect(Buffer.from(r.prev_hash).equals(i === 0 ? Buffer.alloc(32) : Buffer.from(rows[i - 1]!.hash))).toBe(true);
    });
    expect(report.ok && report.head).toBe(Buffer.from(rows.at(-1)!.hash).toString('hex'));
    expect(await a.registry.auditLog({ action: 'databank.read', limit: 1000 })).toHaveLength(40);
    expect((await a.registry.auditLog({ action: 'member.add' }))[0]).toMatchObject({ actor: 'test', subject: 'KZ' });
  });

  it('chains the rows written before the chain existed when the log is next used', async () => {
    const a = await open();
    // Rows as a gateway before the chain wrote them: no role, no hashes, noted by the migration.
    for (let i = 0; i < 3; i++) {
      await a.db.run('INSERT INTO audit_log (at, actor, action, subject, reason, details) VALUES (?, ?, ?, ?, ?, ?)', [
        FIXTURE_TIME + i,
        'cli:test',
        'member.add',
        `M${i}`,
        'TEST-legacy',
        '{}',
      ]);
    }
    await a.db.run("UPDATE gateway_state SET value = (SELECT MAX(id) FROM audit_log) WHERE key = 'audit_legacy_until'");
    // Opening the archive chains them.
    const b = await open();
    expect(await b.db.all('SELECT id FROM audit_log WHERE hash IS NULL')).toEqual([]);
    await b.registry.audit.append(read(1));
    expect(await a.registry.audit.verify()).toMatchObject({ ok: true, rows: 4 });
  });

  it('hashes text as it is stored: an unpaired surrogate (a name cut inside a pair) is stored and hashed as U+FFFD', async () => {
    const a = await open();
    // 99 letters and a character outside the BMP, cut after its first half as a subject may be.
    const cut = `${'A'.repeat(99)}\u{1D400}`.slice(0, 100);
    expect(cut.endsWith('\uD835')).toBe(true);
    const row = await a.registry.audit.append({ ...read(1), subject: `search:${cut}`, reason: 'Case \uDC00 TEST-1' });
    expect(row.subject).toBe(`search:${'A'.repeat(99)}\uFFFD`);
    await a.registry.audit.append(read(2));
    const stored = await a.db.get<{ subject: string; reason: string }>(
      'SELECT subject, reason FROM audit_log WHERE id = ?',
      [row.id],
    );
    expect(stored).toEqual({ subject: row.subject, reason: 'Case \uFFFD TEST-1' });
    expect(await a.registry.audit.verify()).toMatchObject({ ok: true, rows: 2 });
  });

  it('names the first row inserted directly, removed, or changed', async () => {
    const a = await open();
    for (let i = 0; i < 5; i++) await a.registry.audit.append(read(i));
    const ids = (await a.db.all<{ id: number }>('SELECT id FROM audit_log ORDER BY id')).map((r) => r.id);

    await a.db.run('UPDATE audit_log SET details = ? WHERE id = ?', ['{"version":2,"n":3}', ids[3]!]);
    expect(await a.registry.audit.verify()).toMatchObject({
      ok: false,
      brokenId: ids[3],
      problem: expect.stringContaining('was changed after it was written') as string,
    });

    await a.db.run('DELETE FROM audit_log WHERE id >= ?', [ids[2]!]);
    await a.registry.audit.append(read(9));
    await a.db.run('DELETE FROM audit_log WHERE id = ?', [ids[1]!]);
    const removed = await a.registry.audit.verify();
    expect(removed).toMatchObject({
      ok: false,
      problem: expect.stringContaining(`does not follow row ${ids[0]!}`) as string,
    });

    const b = await open();
    await b.db.run('DELETE FROM audit_log');
    await b.db.run('INSERT INTO audit_log (at, actor, action, subject, reason, details) VALUES (?, ?, ?, ?, ?, ?)', [
      FIXTURE_TIME,
      'intruder',
      'databank.read',
      'record:KZ/KZ-P-1',
      'none',
      '{}',
    ]);
    expect(await b.registry.audit.verify()).toMatchObject({
      ok: false,
      problem: expect.stringContaining('inserted into the database directly') as string,
    });
  });
});
