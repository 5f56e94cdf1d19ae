// Writes console/src/proof/log-fixture.json and rotation-fixture.json from the gateway's log
// code with fixed keys.
// Regenerating changes nothing; tests/src/console/proof-fixture.test.ts checks the committed file.
import { writeFileSync } from 'node:fs';
import { buildProofFixture, buildRotationFixture, renderProofFixture } from '@atc/tests';

const fixture = await buildProofFixture();
writeFileSync(new URL('../console/src/proof/log-fixture.json', import.meta.url), renderProofFixture(fixture));
console.log('wrote console/src/proof/log-fixture.json');
writeFileSync(
  new URL('../console/src/proof/rotation-fixture.json', import.meta.url),
  `${JSON.stringify(await buildRotationFixture(), null, 2)}\n`,
);
console.log('wrote console/src/proof/rotation-fixture.json');
