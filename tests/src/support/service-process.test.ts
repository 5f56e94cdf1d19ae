import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnGatewayProcess } from '@atc/tests';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atc-service-process-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a service that exits while starting', () => {
  // Well under the 30 s a service is given to get ready: the exit ends the wait at once.
  it('fails the start at once, with the last lines of its log in the error', { timeout: 15_000 }, async () => {
    // A data directory without the gateway's key: `atc-gateway serve` refuses to start.
    const start = spawnGatewayProcess({ ATC_DATA_DIR: join(dir, 'no-key'), ATC_LOG_LEVEL: 'info' }, dir);
    const error = await start.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /^gateway exited with 1 before \/readyz answered 200; the last lines of .*gateway\.log:\n/,
    );
    // The refusal the gateway wrote on stderr is in it, though the file is deleted afterwards.
    expect(error?.message).toContain('ERR_KEY_FILE_INVALID');
  });
});
