// What the poison-and-slow fault tests count: copies per delivery state in the archive, the
// items a national system's webhook took, and single samples of a Prometheus exposition.
import { openArchiveDb, type ArchiveLocation } from '@atc/gateway';
import type { WebhookReceiver } from '@atc/tests';

/** A recipient's copies in the archive, by delivery state. */
export interface CopyStates {
  readonly pending: number;
  readonly routed: number;
  readonly delivered: number;
}

/** How many copies routed to `recipient` are in each delivery state (read from the archive itself). */
export async function copyStates(archive: ArchiveLocation, recipient: string): Promise<CopyStates> {
  const db = await openArchiveDb(archive);
  try {
    const rows = await db.all<{ state: keyof CopyStates; n: number | string }>(
      'SELECT state, count(*) AS n FROM deliveries WHERE recipient = ? GROUP BY state',
      [recipient],
    );
    const by = new Map(rows.map((r) => [r.state, Number(r.n)]));
    return { pending: by.get('pending') ?? 0, routed: by.get('routed') ?? 0, delivered: by.get('delivered') ?? 0 };
  } finally {
    await db.close();
  }
}

/** Per inbox item id, how many webhook calls about it the receiver answered 2xx. */
export function takenByWebhook(receiver: WebhookReceiver): Map<string, number> {
  const taken = new Map<string, number>();
  for (const call of receiver.calls) {
    if (call.status < 200 || call.status >= 300) continue;
    const { id } = JSON.parse(call.body) as { id: string };
    taken.set(id, (taken.get(id) ?? 0) + 1);
  }
  return taken;
}

/** The value of one sample (`name{labels}`) of a Prometheus text exposition; undefined when absent. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
