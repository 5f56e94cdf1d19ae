import { RefusalCode, RefusalError, type atc, type VerifiedEnvelope } from '@atc/shared';
import type { BatchState, RuleContext } from '../batch-state.js';

/**
 * The members holding a copy of the record a withdrawal withdraws: every recipient of any
 * archived version of (sender, target.record_id) with the withdrawal's exercise marking, from
 * the archive's record index and from the versions accepted earlier in the same batch.
 * (validateReferences already refused a target of another originator.)
 */
async function holdersOf(v: VerifiedEnvelope, state: BatchState, context: RuleContext): Promise<Set<string>> {
  const { header } = v;
  const recordId = (v.payload as atc.v1.RecordWithdrawal).target?.recordId ?? '';
  const holders = new Set<string>();
  for (const d of await context.store.recordDeliveries(header.sender, recordId, header.exercise)) {
    holders.add(d.recipient);
  }
  for (const seen of state.seen.values()) {
    if (seen.sender === header.sender && seen.exercise === header.exercise && seen.record?.recordId === recordId) {
      for (const r of seen.recipients) holders.add(r);
    }
  }
  return holders;
}

/**
 * The recipients of a RecordWithdrawal: those its originator named (or the broadcast's) and
 * every member that received any version of the record, so that the withdrawal reaches every
 * copy; never the sender, never the gateway. A holder that is suspended still gets it (its
 * inbox keeps it until it reads again): naming it is allowed for the same reason, whereas a
 * suspended member that holds no copy is refused as for any message (RECIPIENT_SUSPENDED).
 * `broadcastRecipients` expands a broadcast as for any record.
 */
export async function withdrawalRecipients(
  v: VerifiedEnvelope,
  state: BatchState,
  context: RuleContext,
  broadcastRecipients: () => readonly string[],
): Promise<string[]> {
  const { header } = v;
  const { members, policy } = context;
  const holders = await holdersOf(v, state, context);
  let named: readonly string[];
  if (header.broadcast) named = broadcastRecipients();
  else {
    for (const r of header.recipients) {
      const member = members.getMember(r);
      if (member === undefined || r === policy.gatewayId) {
        throw new RefusalError(RefusalCode.RECIPIENT_UNKNOWN, `recipient ${r} is not a registered member`, {
          field: 'recipients',
        });
      }
      if (member.status !== 'active' && !holders.has(r)) {
        throw new RefusalError(
          RefusalCode.RECIPIENT_SUSPENDED,
          `recipient ${r} is suspended and holds no copy of the withdrawn record`,
          { field: 'recipients' },
        );
      }
    }
    named = header.recipients;
  }
  const all = new Set([...named, ...holders]);
  all.delete(header.sender);
  all.delete(policy.gatewayId);
  return [...all].sort();
}
