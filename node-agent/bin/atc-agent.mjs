#!/usr/bin/env node
// `atc-agent`: the compiled CLI after a build, the sources before (see shared/bin/run-cli-entry.mjs).
import { runCliEntry } from '@atc/shared/run-cli-entry';

await runCliEntry('main', import.meta.url, ['shared', 'client']);
