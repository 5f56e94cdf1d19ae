import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { writeBackupFile } from './sqlite-backup.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-backup-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e as AtcError).code,
  );

describe('writeBackupFile', () => {
  it('writes through a temporary file in the same folder and leaves only the target', async () => {
    const target = join(dir, 'a.db');
    let temporary = '';
    const result = await writeBackupFile(target, { what: 'the backup' }, async (file) => {
      temporary = file;
      await writeFile(file, 'copy');
      return 42;
    });
    expect(result).toBe(42);
    expect(temporary.startsWith(join(dir, '.a.db.'))).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('copy');
    expect((await readdir(dir)).filter((f) => f.includes('a.db'))).toEqual(['a.db']);
  });

  it('refuses an existing target unless force, and a database in use even with force', async () => {
    const target = join(dir, 'b.db');
    await writeFile(target, 'old');
    const write = (file: string) => writeFile(file, 'new');
    expect(await codeOf(writeBackupFile(target, { what: 'the backup' }, write))).toBe(ErrorCode.BACKUP_TARGET_EXISTS);
    expect(await readFile(target, 'utf8')).toBe('old');
    await writeBackupFile(target, { what: 'the backup', force: true }, write);
    expect(await readFile(target, 'utf8')).toBe('new');
    await writeFile(`${target}-wal`, '');
    expect(await codeOf(writeBackupFile(target, { what: 'the backup', force: true }, write))).toBe(
      ErrorCode.BACKUP_TARGET_EXISTS,
    );
  });

  it('removes the temporary file and its companions when the write fails, and says why', async () => {
    const target = join(dir, 'c.db');
    const failing = async (file: string) => {
      await writeFile(file, 'half');
      await writeFile(`${file}-journal`, 'half');
      throw new Error('disk full');
    };
    expect(await codeOf(writeBackupFile(target, { what: 'the backup' }, failing))).toBe(ErrorCode.BACKUP_UNWRITABLE);
    const refusing = async (file: string) => {
      await writeFile(file, 'half');
      throw new AtcError(ErrorCode.BACKUP_INVALID, 'the copy does not verify');
    };
    expect(await codeOf(writeBackupFile(target, { what: 'the backup' }, refusing))).toBe(ErrorCode.BACKUP_INVALID);
    expect((await readdir(dir)).filter((f) => f.includes('c.db'))).toEqual([]);
  });

  it('refuses a folder that does not exist', async () => {
    const target = join(dir, 'missing', 'd.db');
    expect(await codeOf(writeBackupFile(target, { what: 'the backup' }, (f) => writeFile(f, 'x')))).toBe(
      ErrorCode.BACKUP_UNWRITABLE,
    );
  });
});
