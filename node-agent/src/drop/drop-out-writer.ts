import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  backoffDelay,
  ErrorCode,
  Jitter,
  storageFailureOf,
  type BackoffOptions,
  type Clock,
  type Logger,
} from '@atc/shared';
import type { DeliveryItem, DeliveryOutcome } from '../handover/webhook-deliverer.js';
import { writeAtomically } from './write-atomically.js';

/** Message ids are UUIDs; anything else never becomes a file name. */
const SAFE_NAME = /^[A-Za-z0-9-]{1,100}$/;
/**
 * Waits between attempts to write one item: from half a second, doubling, up to a minute.
 * Equal jitter: the items a full disk refused together do not all come back at once.
 */
const RETRY: BackoffOptions = { baseMs: 500, maxMs: 60_000, jitter: Jitter.EQUAL };

/** What a {@link DropOutWriter} works with. */
export interface DropOutWriterDeps {
  /** The drop folder's `out/`. */
  readonly outDir: string;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Told of each item written. */
  readonly onWritten?: () => void;
  /** Told of each write put off, with its code. */
  readonly onError?: (code: string) => void;
}

/**
 * Hands received items over as files: `out/<message id>.json`, the same JSON as the webhook
 * body and GET /v1/inbox/{id}, written under a hidden temporary name and renamed, so a reader
 * never sees half a file. A write that fails (disk full, folder unwritable) is retried with
 * backoff for as long as it takes: the item stays pending in the inbox, nothing is lost.
 */
export class DropOutWriter {
  constructor(private readonly deps: DropOutWriterDeps) {}

  /** Writes one item; `retry` when it cannot now. */
  async deliver(item: DeliveryItem): Promise<DeliveryOutcome> {
    const { outDir, clock, logger } = this.deps;
    const started = clock();
    if (!SAFE_NAME.test(item.id)) {
      return { kind: 'failed', reason: 'rejected', error: 'the message id cannot be a file name', durationMs: 0 };
    }
    try {
      await mkdir(outDir, { recursive: true, mode: 0o750 });
      await writeAtomically(join(outDir, `${item.id}.json`), `${JSON.stringify(item.body)}\n`);
      this.deps.onWritten?.();
      return { kind: 'delivered', status: 0, durationMs: clock() - started };
    } catch (e) {
      const code = storageFailureOf(e)?.code ?? ErrorCode.DROP_FOLDER_UNWRITABLE;
      logger.error(
        { err: e, code, messageId: item.id, attempt: item.attempt },
        'a received item cannot be written to the drop folder out/; it stays in the inbox and is written again later',
      );
      this.deps.onError?.(code);
      const delay = backoffDelay(Math.max(1, item.attempt), RETRY);
      return {
        kind: 'retry',
        retryAt: clock() + delay,
        error: `${code}: ${(e as Error).message}`,
        durationMs: clock() - started,
      };
    }
  }
}
