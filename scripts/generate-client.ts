// Writes client/openapi/agent.json (the agent API's OpenAPI document, keys sorted) and
// client/src/generated/agent-api.ts (its operations as TypeScript types) from the agent's
// own routes. Regenerating changes nothing. With --check it writes nothing and fails when a
// committed file differs from what the agent's routes give now. --root <dir> reads and writes
// the files under <dir> instead of the repository (tests use it on a copy).
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { agentOpenApiDocument } from '@atc/node-agent';
import { clientFiles, staleClientFiles } from './client-codegen.js';

const check = process.argv.includes('--check');
const rootArg = process.argv.indexOf('--root');
const root =
  rootArg < 0 ? new URL('../', import.meta.url) : pathToFileURL(`${resolve(process.argv[rootArg + 1] ?? '.')}/`);
const document = await agentOpenApiDocument();
const stale = await staleClientFiles(root, document);
if (check && stale.length > 0) {
  console.error(
    `${stale.join(' and ')} differ from the agent's routes; run "npx tsx --conditions=source scripts/generate-client.ts" and commit the result`,
  );
  process.exitCode = 1;
} else if (check) {
  console.log('client/openapi/agent.json and client/src/generated/agent-api.ts are up to date');
} else {
  for (const file of (await clientFiles(document)).filter((f) => stale.includes(f.path))) {
    const url = new URL(file.path, root);
    mkdirSync(new URL('.', url), { recursive: true });
    writeFileSync(url, file.text);
    console.log(`wrote ${file.path}`);
  }
}
