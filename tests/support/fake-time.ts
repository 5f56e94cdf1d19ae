import { existsSync } from 'node:fs';

/** Debian's libfaketime (package `faketime`), preloaded into a child process to shift its clock. */
export const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

/**
 * The environment that runs a child process with its wall clock shifted by `offset` (libfaketime
 * syntax, e.g. `+10m`, `-5m`), its monotonic clock left alone so that timers keep time; or why it
 * cannot (the library is not installed: `apt-get install faketime`).
 */
export function fakeTimeEnv(offset: string): { readonly env: Record<string, string> } | { readonly missing: string } {
  if (!existsSync(LIBFAKETIME)) {
    return { missing: `${LIBFAKETIME} is absent: install Debian's faketime package to run the clock skew tests` };
  }
  return { env: { LD_PRELOAD: LIBFAKETIME, FAKETIME: offset, FAKETIME_DONT_FAKE_MONOTONIC: '1' } };
}
