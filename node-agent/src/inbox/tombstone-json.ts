import type { Tombstone } from './withdrawal-store.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** A tombstone as the integrator API shows it: what was erased, who withdrew it and why; no content. */
export function tombstoneJson(t: Tombstone): Record<string, unknown> {
  return {
    withdrawalId: t.withdrawalMessageId,
    cursor: t.id,
    originator: t.originator,
    recordId: t.recordId,
    exercise: t.exercise,
    targetVersion: t.targetVersion,
    reason: t.reason,
    explanation: t.explanation,
    withdrawnAt: iso(t.withdrawnAt),
    erasedAt: iso(t.erasedAt),
    versions: t.versions,
    itemIds: t.itemIds,
    count: t.count,
    lateCount: t.lateCount,
    lastErasedAt: t.lastErasedAt === null ? null : iso(t.lastErasedAt),
    purgeAckId: t.purgeAckMessageId,
    purgeAckedAt: t.purgeAckedAt === null ? null : iso(t.purgeAckedAt),
  };
}

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;

/** Response schema of {@link tombstoneJson}. */
export const tombstoneSchema = {
  type: 'object',
  description: 'What the agent keeps of a withdrawn record once it erased its items: no content.',
  properties: {
    withdrawalId: { type: 'string', description: 'message id of the RecordWithdrawal (an inbox item itself)' },
    cursor: { type: 'integer', description: 'position in GET /v1/withdrawals (?after=)' },
    originator: { type: 'string', description: 'the member that withdrew its record' },
    recordId: str,
    exercise: { type: 'boolean' },
    targetVersion: { type: 'integer', description: 'the version the withdrawal named, 0 for the record as a whole' },
    reason: { type: 'string', description: 'e.g. INACCURATE, ORDERED' },
    explanation: str,
    withdrawnAt: { type: 'string', description: "the withdrawal's created_at" },
    erasedAt: { type: 'string', description: 'when the agent erased the items it held as the withdrawal arrived' },
    versions: { type: 'array', items: int, description: 'record versions erased, ascending' },
    itemIds: { type: 'array', items: str, description: 'inbox items erased (GET /v1/inbox/{id} answers 410)' },
    count: { type: 'integer', description: 'items erased, late arrivals included' },
    lateCount: { type: 'integer', description: 'versions that arrived after the withdrawal, erased on arrival' },
    lastErasedAt: strOrNull,
    purgeAckId: {
      type: ['string', 'null'],
      description: 'the PurgeAck sent to the centre once the national system took the withdrawal; null until then',
    },
    purgeAckedAt: strOrNull,
  },
} as const;
