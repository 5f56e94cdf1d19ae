/**
 * Exit status of a service whose graceful stop a second signal cut short (128 + SIGINT).
 * Its stop is still under way and holds handles open, so only this status ends the
 * process at once.
 */
export const FORCED_EXIT = 130;

/**
 * Runs a command line program's `main` and ends the process the same way in every CLI:
 * the status is set as `process.exitCode` and the process ends by itself once what was
 * written is flushed. It exits at once only after a forced stop ({@link FORCED_EXIT}) and
 * when a reader closed the pipe early (`atc-gateway audit | head`), which is not an error.
 */
export async function runMain(main: () => Promise<number>): Promise<void> {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      // Nothing more can be written: there is nothing to flush and no one to tell.
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
  const code = await main();
  if (code === FORCED_EXIT) process.exit(code);
  process.exitCode = code;
}
