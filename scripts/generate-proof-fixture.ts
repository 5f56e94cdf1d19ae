// Writes console/src/proof/log-fixture.json from the gateway's log code with fixed keys.
// Regenerating changes nothing; tests/src/console/proof-fixture.test.ts checks the committed file.
import { writeFileSync } from 'node:fs';
import { buildProofFixture, renderProofFixture } from '@atc/tests';

const fixture = await buildProofFixture();
writeFileSync(new URL('../console/src/proof/log-fixture.json', import.meta.url), renderProofFixture(fixture));
console.log('wrote console/src/proof/log-fixture.json');
