/**
 * Runs `batch` (one short transaction of at most `limit` rows) again and again until one does
 * fewer than `limit`, yielding to the event loop between batches so that the API and the relay
 * go on; `onBatch` is told of each that did anything. Resolves to every batch's result.
 */
export async function inBatches<R>(
  batch: () => R,
  rowsOf: (result: R) => number,
  limit: number,
  onBatch?: (result: R) => void,
): Promise<R[]> {
  const results: R[] = [];
  for (;;) {
    const result = batch();
    results.push(result);
    const rows = rowsOf(result);
    if (rows > 0) onBatch?.(result);
    if (rows < limit) return results;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
