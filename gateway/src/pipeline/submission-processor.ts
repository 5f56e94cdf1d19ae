import {
  DATA_RECORD_TYPES,
  isRefusal,
  isUuidV7,
  memberOfSubmitSubject,
  PayloadType,
  RefusalCode,
  RefusalError,
  sha256,
  verifyEnvelope,
  type atc,
  type Clock,
  type KeyResolver,
  type ResolvedKey,
  type SignatureCheck,
  type VerifiedEnvelope,
} from '@atc/shared';
import type { MessageStore } from '../archive/message-store.js';
import {
  batchResultOf,
  newBatchState,
  replayOf,
  type BatchResult,
  type BatchState,
  type PipelinePolicy,
  type RuleContext,
  type Submission,
} from './batch-state.js';
import { envelopeEvent } from './flow-events.js';
import type { DirectoryMember, MemberDirectory } from './member-directory.js';
import { claimedHeader, refusedBefore, refuse } from './refusal.js';
import { acceptDataBankQuery } from './rules/databank-query.js';
import { acceptAck } from './rules/delivery-ack.js';
import { checkPolicy, isReplay } from './rules/policy.js';
import { acceptPurgeAck } from './rules/purge-ack.js';
import { acceptRecord } from './rules/routing.js';

export type { BatchResult, PipelinePolicy, Route, Submission } from './batch-state.js';

/** Collaborators of the processor. */
export interface ProcessorDeps {
  readonly store: MessageStore;
  /** The registry's members, read once per batch. */
  readonly members: { listMembers(): Promise<readonly DirectoryMember[]> };
  readonly resolver: KeyResolver;
  readonly policy: PipelinePolicy;
  readonly clock: Clock;
  /** Checks Ed25519 signatures (default: on the main thread); see SignaturePool. */
  readonly verifySignature?: SignatureCheck;
}

/** A submission after the checks that need no batch state: form, sender, key, signature. */
interface CheckedSubmission {
  readonly submission: Submission;
  readonly sha: Buffer;
  readonly transportSender: string | null;
  readonly outcome: { readonly verified: VerifiedEnvelope } | { readonly refusal: RefusalError };
}

/** A check begun before its batch: its result, or the internal failure it ended with. */
type Precheck = { readonly checked: CheckedSubmission } | { readonly failed: unknown };

/** What {@link SubmissionProcessor.precheck} began, for the submission's {@link Submission.prechecked}. */
export interface Prechecked {
  readonly result: Promise<Precheck>;
}

/**
 * The gateway pipeline (DESIGN.md section 4) for one batch: verify each submission, apply
 * idempotency, time window, member status, routing and handling policy, and decide what
 * to archive, quarantine, route and receipt. Nothing is written here: the caller commits
 * {@link BatchResult.write} in one transaction, then publishes. Each rule has its own module:
 * rules/policy.ts (idempotency, time window, sender), rules/routing.ts (recipients, answers),
 * rules/delivery-ack.ts, rules/purge-ack.ts, rules/databank-query.ts, refusal.ts (quarantine and REJECTED receipts), flow-events.ts.
 */
export class SubmissionProcessor {
  /** The keys prechecks read: renewed with each batch, as the batch's own view is. */
  #precheckKeys: KeyResolver;

  constructor(private readonly deps: ProcessorDeps) {
    this.#precheckKeys = batchKeyView(deps.resolver);
  }

  /**
   * Begins the checks that need no batch state (form, sender, key, signature, payload) for a
   * submission that is queued: its signature is then verified on the worker pool while the
   * batch before it is committed. Its batch uses the result only if the key it was verified
   * with reads the same in the batch's view of the registry; otherwise it checks again.
   */
  precheck(subject: string, data: Uint8Array): Prechecked {
    const submission: Submission = { subject, data, msgId: undefined };
    return {
      result: this.check(submission, this.#precheckKeys).then(
        (checked) => ({ checked }),
        (failed: unknown) => ({ failed }),
      ),
    };
  }

  /** Evaluates a batch. Throws only for internal failures (the batch is then retried). */
  async process(submissions: readonly Submission[]): Promise<BatchResult> {
    // One registry read per batch, not per message: the registry changes rarely, and a
    // change becomes visible from the next batch.
    const members = memberView(await this.deps.members.listMembers());
    // The next batch's prechecks read this view too; that batch checks them against its own.
    const keys = batchKeyView(this.deps.resolver);
    this.#precheckKeys = keys;
    // Signatures first, all at once (they depend on nothing else in the batch); then one
    // archive read for every id the batch names; then the policy, message by message.
    const checked = await Promise.all(submissions.map((s) => this.#checked(s, keys)));
    // Refused at the checks: the id a stream message's header claims, in case that stream
    // message was accepted before (delivered again after a key was revoked: see #acceptedBefore).
    const claimed = new Map<CheckedSubmission, string>();
    for (const c of checked) {
      if ('verified' in c.outcome || c.submission.streamSeq === undefined) continue;
      const id = claimedHeader(c.submission.data).messageId;
      if (id !== null) claimed.set(c, id);
    }
    const named = checked.flatMap((c) => {
      const { outcome } = c;
      if (!('verified' in outcome)) {
        const id = claimed.get(c);
        return id === undefined ? [] : [id];
      }
      const v = outcome.verified;
      const ids = [v.header.messageId];
      if (v.payloadType === PayloadType.DeliveryAck) ids.push((v.payload as atc.v1.DeliveryAck).messageId);
      if (v.payloadType === PayloadType.PurgeAck) ids.push((v.payload as atc.v1.PurgeAck).withdrawalMessageId);
      if (v.payloadType === PayloadType.InformationResponse && isUuidV7(v.header.inReplyTo))
        ids.push(v.header.inReplyTo);
      return ids;
    });
    const streamSeqs = submissions.flatMap((s) => (s.streamSeq === undefined ? [] : [s.streamSeq]));
    const [archived, refusedFromStream] = await Promise.all([
      this.deps.store.findMessages(named),
      this.deps.store.quarantinedFromStreams(streamSeqs),
    ]);
    const state = newBatchState(archived, refusedFromStream);
    const context: RuleContext = {
      members,
      policy: this.deps.policy,
      clock: this.deps.clock,
      store: this.deps.store,
    };
    for (const c of checked) await this.evaluate(c, claimed.get(c), state, context);
    return batchResultOf(state);
  }

  /**
   * `id` (the message id the header of `s` claims) when this very stream message, with these
   * bytes, was archived as accepted before: a decision committed stands, though the checks would
   * refuse it now (its key revoked or removed since the crash that made JetStream deliver it again).
   */
  #acceptedBefore(s: Submission, id: string | undefined, sha: Buffer, state: BatchState): string | undefined {
    if (id === undefined) return undefined;
    const archived = state.archived.get(id);
    return archived !== undefined && archived.streamSeq === s.streamSeq && archived.envelopeSha256.equals(sha)
      ? id
      : undefined;
  }

  /** The checks of `s`: its precheck's when they still hold in the batch's view of the keys, else anew. */
  async #checked(s: Submission, keys: KeyResolver): Promise<CheckedSubmission> {
    if (s.prechecked !== undefined) {
      const precheck = await s.prechecked.result;
      // A refusal is checked again: a key may have been added since (refusals are rare).
      if ('checked' in precheck && 'verified' in precheck.checked.outcome) {
        const { verified } = precheck.checked.outcome;
        if (sameKey(verified.key, await keys.resolveKey(verified.key.kid)))
          return Object.assign({}, precheck.checked, { submission: s }); // not a spread: see verifyEnvelope
      }
    }
    return this.check(s, keys);
  }

  /** Form, sender, key and signature of one submission. Throws only for internal failures. */
  private async check(s: Submission, resolver: KeyResolver): Promise<CheckedSubmission> {
    const sha = sha256(s.data);
    const transportSender = memberOfSubmitSubject(s.subject) ?? null;
    try {
      if (transportSender === null) {
        throw new RefusalError(RefusalCode.SENDER_MISMATCH, `subject ${s.subject} is not a member's submit subject`);
      }
      const verified = await verifyEnvelope(s.data, {
        resolver,
        maxBytes: this.deps.policy.maxEnvelopeBytes,
        transportSender,
        payloadOnDemand: readsNoPayload,
        ...(this.deps.verifySignature === undefined ? {} : { verifySignature: this.deps.verifySignature }),
      });
      return { submission: s, sha, transportSender, outcome: { verified } };
    } catch (e) {
      if (!isRefusal(e)) throw e;
      return { submission: s, sha, transportSender, outcome: { refusal: e } };
    }
  }

  /** Decides about one submission; `claimedId`: the id its header claims, when the checks refused a stream message. */
  private async evaluate(
    checked: CheckedSubmission,
    claimedId: string | undefined,
    state: BatchState,
    context: RuleContext,
  ): Promise<void> {
    const { submission: s, sha, transportSender, outcome } = checked;
    // Refusals from the checks (form, sender, key, signature, payload digest) come before the
    // header is known to be the sender's: they are operational whatever the header claims.
    const signatureVerified = 'verified' in outcome;
    // What archiveAccepted records with the envelope; this submission's alone (see the finally).
    state.streamSeq = s.streamSeq;
    try {
      // A stream message refused before (delivered again after a crash): that refusal stands.
      if (refusedBefore(s, sha, transportSender, state, context)) return;
      if ('refusal' in outcome) {
        const accepted = this.#acceptedBefore(s, claimedId, sha, state);
        if (accepted === undefined) throw outcome.refusal;
        // Its acceptance stands: answered as a replay (no flow event: nothing was verified now).
        state.replays.push(replayOf(accepted, s, s.streamSeq));
        return;
      }
      const { verified } = outcome;
      if (isReplay(verified, sha, state)) {
        const id = verified.header.messageId;
        const seen = state.seen.get(id);
        const decidedFrom = seen === undefined ? state.archived.get(id)?.streamSeq : seen.streamSeq;
        state.replays.push(replayOf(id, s, decidedFrom));
        state.events.push(envelopeEvent('replayed', verified, context.clock()));
        return;
      }
      checkPolicy(verified, context);
      if (verified.payloadType === PayloadType.DeliveryAck) await acceptAck(verified, sha, state, context);
      else if (verified.payloadType === PayloadType.PurgeAck) await acceptPurgeAck(verified, sha, state, context);
      else if (verified.payloadType === PayloadType.DataBankQuery) acceptDataBankQuery(verified, sha, state, context);
      else await acceptRecord(verified, sha, state, context);
    } catch (e) {
      if (!isRefusal(e)) throw e;
      await refuse(s, sha, transportSender, e, state, context, signatureVerified);
    } finally {
      state.streamSeq = undefined;
    }
  }
}

/**
 * The payload types whose content no rule of the pipeline reads: of a person, organisation or
 * incident record only its (record_id, version) (`VerifiedEnvelope.record`). Their decoded
 * payload is checked, then not kept while the submission waits for its batch and goes through it.
 */
const PAYLOADS_NOT_READ: ReadonlySet<PayloadType> = new Set(DATA_RECORD_TYPES);
const readsNoPayload = (type: PayloadType): boolean => PAYLOADS_NOT_READ.has(type);

/** A member directory over the members read for one batch. */
function memberView(members: readonly DirectoryMember[]): MemberDirectory {
  const byId = new Map(members.map((m) => [m.id, m]));
  return {
    getMember: (id) => byId.get(id),
    listMembers: () => members,
  };
}

/** Whether two readings of a key agree on everything a verification depends on. */
function sameKey(a: ResolvedKey, b: ResolvedKey | undefined): boolean {
  return (
    b !== undefined &&
    a.kid === b.kid &&
    a.owner === b.owner &&
    a.publicKey === b.publicKey &&
    a.validFrom === b.validFrom &&
    a.validUntil === b.validUntil &&
    a.revokedAt === b.revokedAt &&
    a.revocationReason === b.revocationReason
  );
}

/** A key resolver that reads each kid once (for one batch). */
function batchKeyView(resolver: KeyResolver): KeyResolver {
  const seen = new Map<string, ReturnType<KeyResolver['resolveKey']>>();
  return {
    resolveKey(kid) {
      let found = seen.get(kid);
      if (found === undefined) {
        found = resolver.resolveKey(kid);
        seen.set(kid, found);
      }
      return found;
    },
  };
}
