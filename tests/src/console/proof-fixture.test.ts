import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProofFixture, buildRotationFixture, CONSOLE_SOURCE_DIR, renderProofFixture } from '@atc/tests';

// The console verifies proofs against a committed fixture made by the gateway's log code
// (the console may import no workspace): it must be what that code makes today.
describe('the console proof fixture', () => {
  it('is what the gateway log code makes now (regenerate with npm run generate)', async () => {
    const committed = readFileSync(join(CONSOLE_SOURCE_DIR, 'src/proof/log-fixture.json'), 'utf8');
    expect(committed).toBe(renderProofFixture(await buildProofFixture()));
  });

  it('across a gateway key rotation is what the gateway log code makes now (regenerate with npm run generate)', async () => {
    const committed = readFileSync(join(CONSOLE_SOURCE_DIR, 'src/proof/rotation-fixture.json'), 'utf8');
    expect(committed).toBe(`${JSON.stringify(await buildRotationFixture(), null, 2)}\n`);
  });
});
