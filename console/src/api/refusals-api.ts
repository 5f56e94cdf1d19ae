/** Which refusals a view shows: one namespace, or all of them (also those of unknown namespace). */
export type Namespace = 'operational' | 'exercise' | 'all';

/** The namespaces, in the order the page offers them. */
export const NAMESPACES: readonly Namespace[] = ['operational', 'exercise', 'all'];

/** Bucket lengths of `GET /v1/refusals`, with the range the page shows for each. */
export const REFUSAL_RANGES = { minute: 3_600_000, hour: 86_400_000, day: 30 * 86_400_000 } as const;

/** One of the bucket lengths. */
export type Bucket = keyof typeof REFUSAL_RANGES;

/** `GET /v1/refusals`: counts per code and time bucket. */
export interface RefusalsJson {
  readonly from: string;
  readonly to: string;
  readonly bucket: Bucket;
  readonly exercise: boolean | null;
  readonly codes: readonly { code: string; security: boolean; total: number; advice: string }[];
  readonly buckets: readonly { start: string; code: string; count: number }[];
}

/** A quarantined submission (`GET /v1/quarantine`): metadata only, never the bytes. */
export interface QuarantineItemJson {
  readonly id: number;
  readonly receivedAt: string;
  readonly subject: string;
  readonly transportSender: string | null;
  readonly claimedSender: string | null;
  readonly messageId: string | null;
  readonly code: string;
  readonly security: boolean;
  readonly detail: string;
  readonly size: number;
  readonly envelopeSha256: string;
  readonly receiptId: string | null;
  readonly exercise: boolean | null;
}

/** A page of the quarantine. */
export interface QuarantinePageJson {
  readonly items: readonly QuarantineItemJson[];
  readonly nextCursor: string | null;
}

function exerciseParam(ns: Namespace): string | undefined {
  return ns === 'all' ? undefined : String(ns === 'exercise');
}

function query(params: Readonly<Record<string, string | undefined>>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) q.set(k, v);
  return q.toString();
}

/** The `GET /v1/refusals` path for a namespace and bucket, over the bucket's range ending `nowMs`. */
export function refusalsPath(ns: Namespace, bucket: Bucket, nowMs: number): string {
  const from = new Date(nowMs - REFUSAL_RANGES[bucket]).toISOString();
  return `/v1/refusals?${query({ bucket, from, exercise: exerciseParam(ns) })}`;
}

/** The `GET /v1/quarantine` path of a code's quarantined submissions in a namespace. */
export function quarantinePath(code: string, ns: Namespace, cursor?: string): string {
  return `/v1/quarantine?${query({ code, exercise: exerciseParam(ns), limit: '50', cursor })}`;
}
