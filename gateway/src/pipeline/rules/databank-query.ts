import { type VerifiedEnvelope } from '@atc/shared';
import type { BatchState, RuleContext } from '../batch-state.js';
import type { FlowEvent } from '../../domain/flow-event.js';
import { envelopeEvent } from '../flow-events.js';
import { archiveAck, requireAddressedToGateway } from './gateway-acks.js';

/**
 * A member's DataBankQuery: addressed to the gateway alone (its payload rules already refused
 * queries too broad, limits out of range and unreadable names). Archived and receipted like any
 * submission, routed to no one: the log holds who searched for whom and why. The answer, a
 * DataBankResult, is sent after the commit by the QueryAnswerer, never on this path.
 */
export function acceptDataBankQuery(v: VerifiedEnvelope, sha: Buffer, state: BatchState, context: RuleContext): void {
  requireAddressedToGateway(v, context);
  archiveAck(v, sha, state, context);
  state.events.push(
    Object.assign(envelopeEvent('accepted', v, context.clock()), { recipients: [] } satisfies Partial<FlowEvent>),
  );
}
