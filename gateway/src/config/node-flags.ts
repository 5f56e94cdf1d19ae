import { getHeapStatistics } from 'node:v8';

/**
 * The Node.js flags `atc-gateway serve` runs with wherever this project starts it: the Docker
 * image's NODE_OPTIONS (tests/src/deploy checks that it says the same), `npm start` and the
 * benchmark. `--max-old-space-size=512`: without a limit under about 2 GiB, V8 lets the main
 * thread's old generation grow to up to four times what it holds before a full collection;
 * with this one, to about 1.4 times. Draining a backlog the main thread holds about 50 MB; its
 * old generation reached 94 MB reserved without the limit and 50 MB with it. Over a drain of
 * 200,000 messages the gateway's peak RSS fell from 392-436 to 286-301 MB, for about 10% more
 * CPU per message (more frequent full collections). The data bank's thread has its own limit,
 * ATC_DATABANK_HEAP_MB.
 */
export const GATEWAY_NODE_FLAGS = ['--max-old-space-size=512'] as const;

/** V8's own heap limit on a 64-bit machine is above this; a limit set with the flag above is below it. */
const UNSET_HEAP_LIMIT_BYTES = 2 * 1024 ** 3;

/**
 * A warning for the log when the main thread's heap limit is V8's default (the process was
 * started without {@link GATEWAY_NODE_FLAGS}), else undefined.
 */
export function heapLimitWarning(limitBytes: number = getHeapStatistics().heap_size_limit): string | undefined {
  if (limitBytes <= UNSET_HEAP_LIMIT_BYTES) return undefined;
  return `the main thread's heap limit is ${Math.round(limitBytes / 2 ** 20)} MiB, V8's default: its garbage may grow to about four times what it holds before a collection; start node with ${GATEWAY_NODE_FLAGS.join(' ')} (as the Docker image does) or set NODE_OPTIONS to it`;
}
