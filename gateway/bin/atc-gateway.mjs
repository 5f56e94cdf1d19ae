#!/usr/bin/env node
// `atc-gateway`: the compiled CLI after a build, the sources before (see run-cli-entry.mjs).
import { runCliEntry } from './run-cli-entry.mjs';

await runCliEntry('main', import.meta.url);
