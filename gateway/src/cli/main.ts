#!/usr/bin/env node
// The `atc-gateway` command: wires the process (argv, environment, streams, signals) to
// runCli and exits with its status.
import { runCli } from './run-cli.js';

// A reader that closed the pipe early (`atc-gateway audit | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

/**
 * Signals this soon after the one taken are the same Ctrl-C: the terminal signals the whole
 * foreground process group and a wrapper in it (npm forwards signals to its script) relays
 * its own copy, so "serve" must not take the copy for a second, forcing signal.
 */
const SAME_SIGNAL_WINDOW_MS = 1500;
let lastStopSignalAt = Number.NEGATIVE_INFINITY;

const code = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  out: (line) => {
    process.stdout.write(`${line}\n`);
  },
  err: (line) => {
    process.stderr.write(`${line}\n`);
  },
  nextStopSignal: () =>
    new Promise((resolve) => {
      const onSignal = (signal: NodeJS.Signals): void => {
        // A copy of the signal just taken is not a second request (see SAME_SIGNAL_WINDOW_MS).
        if (Date.now() - lastStopSignalAt < SAME_SIGNAL_WINDOW_MS) return;
        lastStopSignalAt = Date.now();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        resolve(signal);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    }),
});
// Exit explicitly so that a handle left open cannot keep a finished command alive, but
// only once what was written has been flushed.
await flush(process.stdout);
await flush(process.stderr);
process.exit(code);

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => {
      resolve();
    });
  });
}
