// Writes proto/vectors/envelopes.json from fixed keys and inputs (see shared/src/testing/vectors.ts).
// Regenerating changes nothing; a test checks the committed file against a fresh build.
import { writeFileSync } from 'node:fs';
import { buildVectors, renderVectors } from '@atc/shared/testing';

const vectors = buildVectors();
const path = new URL('../proto/vectors/envelopes.json', import.meta.url);
writeFileSync(path, renderVectors(vectors));
console.log(`wrote proto/vectors/envelopes.json (${vectors.length} vectors)`);
