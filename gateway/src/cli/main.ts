#!/usr/bin/env node
// The `atc-gateway` command: wires the process (argv, environment, streams, signals) to
// runCli; runMain sets the exit status it resolves with.
import { nextStopSignal, runMain } from '@atc/shared';
import { runCli } from './run-cli.js';

await runMain(() =>
  runCli(process.argv.slice(2), {
    env: process.env,
    stdin: process.stdin,
    out: (line) => {
      process.stdout.write(`${line}\n`);
    },
    err: (line) => {
      process.stderr.write(`${line}\n`);
    },
    nextStopSignal,
  }),
);
