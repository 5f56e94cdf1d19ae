/** Counts of one kind of traffic over the window, as `GET /v1/stats/flow` sends them. */
export interface FlowTotals {
  accepted: number;
  rejected: number;
  delivered: number;
  replayed: number;
  sequenceAnomalies: number;
}

/** Messages from one sender to one recipient over the window. */
export interface FlowCell {
  readonly sender: string;
  readonly recipient: string;
  /** Accepted from sender to recipient. */
  readonly count: number;
  /** Count per second over the window. */
  readonly rate: number;
  /** Of those, confirmed by the recipient's agent. */
  readonly delivered: number;
}

/** Operational or exercise traffic over the window. */
export interface TrafficStats {
  readonly totals: FlowTotals;
  readonly flows: readonly FlowCell[];
  readonly refusals: readonly { readonly code: string; readonly count: number }[];
}

/** One member's last submission and inbox backlog. */
export interface MemberStats {
  readonly member: string;
  readonly lastSeen: string | null;
  readonly backlog: number | null;
}

/** The body of `GET /v1/stats/flow`. */
export interface FlowStatsJson {
  readonly window: string;
  readonly from: string;
  readonly to: string;
  readonly seconds: number;
  readonly operational: TrafficStats;
  readonly exercise: TrafficStats;
  readonly members: readonly MemberStats[];
  readonly truncated: boolean;
}

/** One event of `GET /v1/events` (the JSON in its `data:` line). */
export interface FlowEventJson {
  readonly kind: 'accepted' | 'rejected' | 'delivered' | 'replayed' | 'sequence-anomaly';
  readonly at: string;
  readonly messageId: string | null;
  readonly sender: string | null;
  readonly recipients?: readonly string[];
  readonly code?: string;
  readonly exercise?: boolean;
  readonly delivery?: { readonly messageId: string; readonly sender: string; readonly first: boolean };
}

/** The event kinds of the live feed. */
export const FLOW_EVENT_KINDS = ['accepted', 'rejected', 'delivered', 'replayed', 'sequence-anomaly'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a feed event's JSON; undefined when it is not one the console understands. */
export function parseFlowEvent(data: string): FlowEventJson | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || typeof value['at'] !== 'string' || Number.isNaN(Date.parse(value['at']))) return undefined;
  if (!FLOW_EVENT_KINDS.some((k) => k === value['kind'])) return undefined;
  return value as unknown as FlowEventJson;
}

/** Checks the shape of a `GET /v1/stats/flow` body before the console draws from it. */
export function parseFlowStats(value: unknown): FlowStatsJson {
  const traffic = (t: unknown): boolean => isRecord(t) && isRecord(t['totals']) && Array.isArray(t['flows']);
  if (
    !isRecord(value) ||
    typeof value['to'] !== 'string' ||
    typeof value['seconds'] !== 'number' ||
    !traffic(value['operational']) ||
    !traffic(value['exercise']) ||
    !Array.isArray(value['members'])
  ) {
    throw new TypeError('the flow statistics are not in the expected shape');
  }
  return value as unknown as FlowStatsJson;
}

const pairKey = (sender: string, recipient: string): string => `${sender}>${recipient}`;

interface MutableTraffic {
  totals: FlowTotals;
  cells: Map<string, { sender: string; recipient: string; count: number; delivered: number }>;
  refusals: Map<string, number>;
}

function mutable(t: TrafficStats): MutableTraffic {
  return {
    totals: { ...t.totals },
    cells: new Map(t.flows.map((f) => [pairKey(f.sender, f.recipient), { ...f }])),
    refusals: new Map(t.refusals.map((r) => [r.code, r.count])),
  };
}

function addToPair(t: MutableTraffic, sender: string, recipient: string, field: 'count' | 'delivered'): void {
  const key = pairKey(sender, recipient);
  const cell = t.cells.get(key) ?? { sender, recipient, count: 0, delivered: 0 };
  cell[field] += 1;
  t.cells.set(key, cell);
}

function applyEvent(t: MutableTraffic, e: FlowEventJson): void {
  switch (e.kind) {
    case 'accepted':
      t.totals.accepted += 1;
      if (e.sender !== null) for (const r of e.recipients ?? []) addToPair(t, e.sender, r, 'count');
      return;
    case 'delivered':
      // A repeated DeliveryAck delivers nothing new (the gateway counts it the same way).
      if (e.delivery?.first === false) return;
      t.totals.delivered += 1;
      if (e.delivery !== undefined && e.sender !== null) addToPair(t, e.delivery.sender, e.sender, 'delivered');
      return;
    case 'rejected':
      t.totals.rejected += 1;
      if (e.code !== undefined) t.refusals.set(e.code, (t.refusals.get(e.code) ?? 0) + 1);
      return;
    case 'replayed':
      t.totals.replayed += 1;
      return;
    case 'sequence-anomaly':
      t.totals.sequenceAnomalies += 1;
      return;
  }
}

function frozen(t: MutableTraffic, seconds: number): TrafficStats {
  return {
    totals: t.totals,
    flows: [...t.cells.values()]
      .map((c) => ({ ...c, rate: c.count / seconds }))
      .sort((a, b) => a.sender.localeCompare(b.sender) || a.recipient.localeCompare(b.recipient)),
    refusals: [...t.refusals].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count),
  };
}

const SUBMISSIONS: ReadonlySet<FlowEventJson['kind']> = new Set(['accepted', 'rejected', 'delivered', 'replayed']);

/**
 * The statistics as they stand after the live events: `base` is the last answer of
 * `GET /v1/stats/flow`, and only events dated after its `to` are added, so an event the
 * answer already counted is not counted twice.
 */
export function withLiveEvents(base: FlowStatsJson, events: readonly FlowEventJson[]): FlowStatsJson {
  const cutoff = Date.parse(base.to);
  const fresh = events.filter((e) => Date.parse(e.at) > cutoff);
  if (fresh.length === 0) return base;
  const operational = mutable(base.operational);
  const exercise = mutable(base.exercise);
  const lastSeen = new Map(base.members.map((m) => [m.member, m.lastSeen]));
  let latest = cutoff;
  for (const e of fresh) {
    applyEvent(e.exercise === true ? exercise : operational, e);
    const at = Date.parse(e.at);
    latest = Math.max(latest, at);
    if (SUBMISSIONS.has(e.kind) && e.sender !== null) {
      const seen = lastSeen.get(e.sender);
      if (seen === undefined || seen === null || Date.parse(seen) < at) lastSeen.set(e.sender, e.at);
    }
  }
  const seconds = Math.max(base.seconds, (latest - Date.parse(base.from)) / 1000);
  const backlog = new Map(base.members.map((m) => [m.member, m.backlog]));
  return {
    ...base,
    to: new Date(latest).toISOString(),
    seconds,
    operational: frozen(operational, seconds),
    exercise: frozen(exercise, seconds),
    members: [...lastSeen]
      .map(([member, seen]) => ({ member, lastSeen: seen, backlog: backlog.get(member) ?? null }))
      .sort((a, b) => a.member.localeCompare(b.member)),
  };
}

/** The sender x recipient grid of one kind of traffic: the members that appear, sorted. */
export interface Matrix {
  readonly senders: readonly string[];
  readonly recipients: readonly string[];
  readonly cell: (sender: string, recipient: string) => FlowCell | undefined;
}

/** Arranges flows as a matrix. */
export function matrixOf(flows: readonly FlowCell[]): Matrix {
  const cells = new Map(flows.map((f) => [pairKey(f.sender, f.recipient), f]));
  return {
    senders: [...new Set(flows.map((f) => f.sender))].sort(),
    recipients: [...new Set(flows.map((f) => f.recipient))].sort(),
    cell: (sender, recipient) => cells.get(pairKey(sender, recipient)),
  };
}
