#!/usr/bin/env node
// `atc-verify`: the compiled CLI after a build, the sources before (see shared/bin/run-cli-entry.mjs).
import { runCliEntry } from '@atc/shared/run-cli-entry';

await runCliEntry('verify-main', import.meta.url, ['shared']);
