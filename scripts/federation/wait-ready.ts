import { setTimeout as sleep } from 'node:timers/promises';
import type { ChildService } from './child-process.js';
import type { StopSignal } from './stop-signal.js';

/** A start-up step given up because Ctrl-C was pressed. */
export class StopRequested extends Error {
  override readonly name = 'StopRequested';
}

/**
 * Polls `<url>/readyz` until it answers 200.
 *
 * @throws Error when the child exits or `timeoutMs` passes; StopRequested on Ctrl-C.
 */
export async function waitReady(url: string, child: ChildService, stop: StopSignal, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stop.requested) throw new StopRequested('stopped during start-up');
    const ended = child.ended();
    if (ended !== undefined) throw new Error(ended);
    const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) }).then(
      (res) => res.status,
      () => 0,
    );
    if (status === 200) return;
    if (Date.now() > deadline) {
      throw new Error(`${child.name} at ${url} is not ready after ${timeoutMs / 1000} s; see ${child.logFile}`);
    }
    await sleep(200);
  }
}
