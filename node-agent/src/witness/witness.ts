import type { KeyObject } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  cosignCheckpoint,
  formatSignatureLine,
  isAtcError,
  logSubject,
  parseLogReply,
  verifyConsistency,
  witnessKeyName,
  type Checkpoint,
  type Clock,
  type LogReply,
  type LogRequest,
  type Logger,
  type Component,
} from '@atc/shared';
import { checkpointOrigin, openGatewayCheckpoint, type GatewayKeys } from './open-gateway-checkpoint.js';
import type { AlarmKind, WitnessStore } from './witness-store.js';

/** Collaborators of the witness. */
export interface WitnessDeps {
  readonly nc: NatsConnection;
  readonly memberId: string;
  /** The trusted gateway keys, which sign the checkpoints. */
  readonly gatewayKey: GatewayKeys;
  /** This member's signing key, which cosigns. */
  readonly memberKey: KeyObject;
  readonly store: WitnessStore;
  readonly logger: Logger;
  readonly clock: Clock;
  /** How often the latest checkpoint is fetched and checked. */
  readonly intervalMs: number;
  readonly requestTimeoutMs?: number;
  /** Called for every alarm raised (metrics). */
  readonly onAlarm?: (kind: AlarmKind) => void;
}

/** Outcome of checking one checkpoint against the last accepted one. */
export type WitnessOutcome = 'accepted' | 'unchanged' | 'older' | 'alarm' | 'unavailable';

/** How many observed checkpoints are checked against the accepted one at a time. */
const OBSERVED_SIDE_BY_SIDE = 8;

/** The tree size a checkpoint note states (its second line); its signature is checked later. */
function noteSize(note: string): number {
  const start = note.indexOf('\n') + 1;
  const size = Number(note.slice(start, note.indexOf('\n', start)));
  return Number.isSafeInteger(size) ? size : -1;
}

const fromB64 = (values: readonly string[] | undefined): Buffer[] =>
  (values ?? []).map((v) => Buffer.from(v, 'base64'));

/**
 * The agent as a witness of the centre's archive log (DESIGN.md section 5). It remembers
 * the last checkpoint it accepted; every newer one it sees (fetched on a timer, or carried
 * by a receipt) must come with a consistency proof from it; if the proof holds it accepts
 * the checkpoint and returns a cosignature (C2SP tlog-cosignature) signed with the member
 * key. A checkpoint that is not an extension of what it accepted raises an alarm, keeps
 * both checkpoints and the proof as evidence, and is never cosigned.
 */
export class Witness implements Component {
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  /** Checkpoints observed and not yet checked, by their exact text (see {@link observe}). */
  readonly #observed = new Map<
    string,
    { readonly outcome: Promise<WitnessOutcome>; readonly settle: (o: Promise<WitnessOutcome>) => void }
  >();

  constructor(private readonly deps: WitnessDeps) {}

  /** Starts checking on a timer (the first check at once). Calling it while running does nothing. */
  start(): void {
    if (this.timer !== undefined) return;
    const tick = (): void => {
      void this.checkLatest().catch((e: unknown) => {
        this.deps.logger.warn({ err: e }, 'log check failed; retrying later');
      });
    };
    tick();
    this.timer = setInterval(tick, this.deps.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a check in flight. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.chain.catch(() => undefined);
  }

  /** Fetches the latest checkpoint with a consistency proof from the last accepted one. */
  checkLatest(): Promise<WitnessOutcome> {
    return this.serial(async () => {
      const last = this.deps.store.last();
      const reply = await this.request({ op: 'checkpoint', from: last?.size ?? 0 });
      if (reply === undefined || reply.checkpoint === undefined) return 'unavailable';
      return this.consider(reply.checkpoint, reply.from ?? 0, fromB64(reply.consistency));
    });
  }

  /**
   * Checks a checkpoint seen elsewhere (an ACCEPTED receipt carries one) against the last
   * accepted one, asking the gateway for the proof that links them.
   *
   * Every receipt carries a checkpoint, and each new one costs round trips to the centre, so
   * receipts can come faster than checkpoints are checked one at a time. The checkpoints seen
   * meanwhile therefore wait together, each text once, and are checked in one go when the
   * check before them is done: the largest first, then every other one as a prefix of it, those
   * checks side by side. None is skipped; what waits is bounded by what arrives during one go
   * (one pending check per receipt, chained, grew without bound under load).
   */
  observe(note: string): Promise<WitnessOutcome> {
    const waiting = this.#observed.get(note);
    if (waiting !== undefined) return waiting.outcome;
    let settle!: (outcome: Promise<WitnessOutcome>) => void;
    const outcome = new Promise<WitnessOutcome>((resolve) => {
      settle = resolve;
    });
    this.#observed.set(note, { outcome, settle });
    if (this.#observed.size === 1) void this.serial(() => this.checkObserved());
    return outcome;
  }

  /** Checks the checkpoints observed since the last go (see {@link observe}). */
  private async checkObserved(): Promise<void> {
    const batch = [...this.#observed];
    this.#observed.clear();
    batch.sort(([a], [b]) => noteSize(b) - noteSize(a));
    const one = async ([note, waiting]: (typeof batch)[number]): Promise<void> => {
      const outcome = this.observeOne(note);
      waiting.settle(outcome);
      await outcome.catch(() => undefined);
    };
    const [largest, ...rest] = batch;
    if (largest !== undefined) await one(largest);
    // Checking a checkpoint no larger than the accepted one changes nothing but alarms, so
    // those run side by side; a larger one (the largest was not accepted) waits its turn.
    const size = this.deps.store.last()?.size ?? -1;
    const prefixes = rest.filter(([note]) => noteSize(note) <= size);
    const later = rest.filter(([note]) => noteSize(note) > size);
    for (let i = 0; i < prefixes.length; i += OBSERVED_SIDE_BY_SIDE)
      await Promise.all(prefixes.slice(i, i + OBSERVED_SIDE_BY_SIDE).map(one));
    for (const entry of later) await one(entry);
  }

  private async observeOne(note: string): Promise<WitnessOutcome> {
    const last = this.deps.store.last();
    // Every receipt of a batch carries the same checkpoint: once accepted and cosigned,
    // the same text needs no second look.
    if (last !== undefined && last.cosignedAt !== null && note === last.note) return 'unchanged';
    const cp = this.open(note);
    if (cp === undefined) return 'alarm';
    if (last === undefined || cp.size === last.size) return this.consider(note, 0, []);
    const [first, second] = cp.size > last.size ? [last.size, cp.size] : [cp.size, last.size];
    const reply = await this.request({ op: 'consistency', first, second });
    if (reply === undefined) return 'unavailable';
    const proof = fromB64(reply.consistency);
    if (cp.size > last.size) return this.consider(note, last.size, proof);
    // An older checkpoint must be a prefix of what was accepted.
    if (!verifyConsistency(cp.size, last.size, proof, cp.rootHash, last.rootHash)) {
      this.alarm('inconsistent', `checkpoint ${cp.size} is not a prefix of the accepted checkpoint ${last.size}`, {
        accepted: last.note,
        seen: note,
        proof: reply.consistency ?? [],
      });
      return 'alarm';
    }
    return 'older';
  }

  /** Raises the alarm for an ACCEPTED receipt whose log proof does not hold. */
  reportBadReceipt(messageId: string, problem: string, evidence: Record<string, unknown>): void {
    this.alarm('bad-receipt-proof', `receipt for ${messageId}: ${problem}`, evidence);
  }

  /** Whether the log looks honest: no alarm is open. */
  healthy(): boolean {
    return this.deps.store.openAlarms() === 0;
  }

  /** Decides about a checkpoint given a consistency proof from tree size `from`. */
  private async consider(note: string, from: number, proof: readonly Buffer[]): Promise<WitnessOutcome> {
    const { store, clock } = this.deps;
    const cp = this.open(note);
    if (cp === undefined) return 'alarm';
    const last = store.last();
    if (last !== undefined) {
      const evidence = { accepted: last.note, seen: note, proof: proof.map((p) => p.toString('base64')) };
      if (cp.size < last.size) {
        this.alarm('rollback', `checkpoint ${cp.size} is smaller than the accepted ${last.size}`, evidence);
        return 'alarm';
      }
      if (cp.size === last.size) {
        if (cp.rootHash.equals(last.rootHash)) return last.cosignedAt === null ? this.cosign(cp, note) : 'unchanged';
        this.alarm('inconsistent', `two different trees of size ${cp.size}`, evidence);
        return 'alarm';
      }
      if (from !== last.size || !verifyConsistency(last.size, cp.size, proof, last.rootHash, cp.rootHash)) {
        this.alarm(
          'inconsistent',
          `checkpoint ${cp.size} is not an extension of the accepted checkpoint ${last.size}`,
          evidence,
        );
        return 'alarm';
      }
    }
    const gatewayNote = this.gatewayOnly(note);
    store.accept({ size: cp.size, origin: cp.origin, rootHash: cp.rootHash, note: gatewayNote, acceptedAt: clock() });
    this.deps.logger.debug({ size: cp.size }, 'checkpoint accepted');
    return this.cosign(cp, gatewayNote);
  }

  private async cosign(cp: Checkpoint, note: string): Promise<WitnessOutcome> {
    const { memberId, memberKey, clock } = this.deps;
    const body = note.slice(0, note.indexOf('\n\n') + 1);
    const sig = cosignCheckpoint(body, witnessKeyName(memberId), memberKey, Math.floor(clock() / 1000));
    const reply = await this.request({ op: 'cosign', size: cp.size, signature: formatSignatureLine(sig) });
    if (reply?.cosigned === true) this.deps.store.markCosigned(cp.size, clock());
    return 'accepted';
  }

  /** Verifies the gateway's signature; an invalid one raises nothing (anyone can send bytes) but is logged. */
  private open(note: string): Checkpoint | undefined {
    const last = this.deps.store.last();
    try {
      const parsed = openGatewayCheckpoint(note, this.deps.gatewayKey);
      if (last !== undefined && parsed.checkpoint.origin !== last.origin) {
        this.alarm('origin-changed', `the log's origin changed from ${last.origin} to ${parsed.checkpoint.origin}`, {
          accepted: last.note,
          seen: note,
        });
        return undefined;
      }
      return parsed.checkpoint;
    } catch (e) {
      if (!isAtcError(e)) throw e;
      this.deps.logger.warn(
        { code: e.code, detail: e.message },
        'checkpoint refused: not signed by the pinned gateway key',
      );
      return undefined;
    }
  }

  /** The note with the gateway's signature only (cosignatures of others are dropped). */
  private gatewayOnly(note: string): string {
    const origin = checkpointOrigin(note);
    const end = note.indexOf('\n\n');
    const lines = note
      .slice(end + 2)
      .split('\n')
      .filter((l) => l.startsWith(`\u2014 ${origin} `));
    return `${note.slice(0, end + 2)}${lines.map((l) => `${l}\n`).join('')}`;
  }

  private alarm(kind: AlarmKind, detail: string, evidence: Record<string, unknown>): void {
    this.deps.store.raise(kind, detail, evidence, this.deps.clock());
    this.deps.onAlarm?.(kind);
    this.deps.logger.error({ kind, detail }, 'ALARM: the centre served a log view this witness cannot reconcile');
  }

  private async request(body: LogRequest): Promise<LogReply | undefined> {
    try {
      const m = await this.deps.nc.request(logSubject(this.deps.memberId), JSON.stringify(body), {
        timeout: this.deps.requestTimeoutMs ?? 5_000,
      });
      let reply: LogReply;
      try {
        reply = parseLogReply(m.data);
      } catch (e) {
        if (!isAtcError(e)) throw e;
        this.deps.logger.warn({ code: e.code, detail: e.message }, 'log reply refused');
        return undefined;
      }
      if (reply.error !== undefined) {
        this.deps.logger.warn({ code: reply.error.code, detail: reply.error.detail }, 'log request refused');
        return undefined;
      }
      return reply;
    } catch (e) {
      this.deps.logger.debug({ err: e }, 'log request failed');
      return undefined;
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
