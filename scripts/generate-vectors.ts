// Writes the interop vectors under proto/vectors/ from fixed keys and inputs (see
// shared/src/testing/vector-files.ts). Regenerating changes nothing. With --check it writes
// nothing and fails when a committed file differs from a fresh build (CI runs it so).
import { readFileSync, writeFileSync } from 'node:fs';
import { buildVectorFiles } from '@atc/shared/testing';

const check = process.argv.includes('--check');
const stale: string[] = [];
for (const file of buildVectorFiles()) {
  const url = new URL(`../proto/vectors/${file.name}`, import.meta.url);
  if (!check) {
    writeFileSync(url, file.text);
    console.log(`wrote proto/vectors/${file.name}`);
    continue;
  }
  let committed: string | undefined;
  try {
    committed = readFileSync(url, 'utf8');
  } catch {
    committed = undefined;
  }
  if (committed !== file.text) stale.push(file.name);
}
if (stale.length > 0) {
  console.error(
    `proto/vectors/ is out of date (${stale.join(', ')}): run "tsx --conditions=source scripts/generate-vectors.ts" and commit the result`,
  );
  process.exitCode = 1;
} else if (check) {
  console.log('proto/vectors/ is up to date');
}
