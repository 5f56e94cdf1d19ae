import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import {
  AtcError,
  ErrorCode,
  isAtcError,
  parseLogRequest,
  parseNote,
  parseSignatureLine,
  publicKeyFromJwk,
  storageFailureOf,
  Subjects,
  verifyCosignature,
  witnessKeyName,
  type Clock,
  type LogReply,
  type Logger,
} from '@atc/shared';
import type { MerkleLog } from '../archive/merkle-log.js';
import type { Registry } from '../registry/registry.js';

/** Queue group of the gateway replicas serving the log subjects: each request is answered once. */
const QUEUE = 'atc-gateway-log';

/**
 * Serves the witnesses (member agents) over NATS request/reply on `atc.v1.log.<MEMBER>`:
 * the latest checkpoint with a consistency proof from the size the witness last accepted,
 * consistency proofs between any two sizes, and cosignatures, which are verified with the
 * member's registered key before they are kept; and the gateway's clock with the window it
 * accepts created_at in, so that an agent notices its own clock is off. The member is the one the subject names,
 * which NATS authorization ties to the member's credentials.
 */
export class LogService {
  private sub: Subscription | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly deps: {
      readonly nc: NatsConnection;
      readonly log: MerkleLog;
      readonly registry: Registry;
      readonly logger: Logger;
      /** The gateway's clock, stated in `time` answers. */
      readonly clock: Clock;
      /** How far ahead of the gateway's clock a created_at may be (ATC_CLOCK_SKEW), stated in `time` answers. */
      readonly clockSkewMs: number;
    },
  ) {}

  /** Starts answering. */
  start(): void {
    this.sub = this.deps.nc.subscribe(Subjects.logAll, { queue: QUEUE });
    const sub = this.sub;
    this.loop = (async () => {
      for await (const m of sub) {
        const member = m.subject.slice(Subjects.logAll.length - 1);
        let reply: LogReply;
        try {
          reply = await this.answer(member, m.data);
        } catch (e) {
          reply = { error: this.refusal(e, member) };
        }
        if (m.reply !== undefined) m.respond(JSON.stringify(reply));
      }
    })();
  }

  /**
   * What a witness is told when its request failed: the refusal's own code; the storage's
   * (ERR_STORAGE_UNAVAILABLE while the archive's database is down or restarting, which the
   * witness simply asks again after); else ERR_INTERNAL, logged here.
   */
  private refusal(e: unknown, member: string): { code: string; detail: string } {
    if (isAtcError(e)) return { code: e.code, detail: e.message };
    const storage = storageFailureOf(e);
    if (storage !== undefined) {
      this.deps.logger.warn({ member, code: storage.code, why: storage.detail }, 'log request waits for the archive');
      return {
        code: storage.code,
        detail: 'the archive cannot be read or written now; the gateway retries by itself, ask again later',
      };
    }
    this.deps.logger.error({ err: e, member }, 'log request failed');
    return { code: ErrorCode.INTERNAL, detail: 'the request failed; see the gateway log' };
  }

  /** Stops answering. */
  async stop(): Promise<void> {
    this.sub?.unsubscribe();
    await this.loop;
  }

  private async answer(member: string, data: Uint8Array): Promise<LogReply> {
    const { log } = this.deps;
    const request = parseLogRequest(data);
    switch (request.op) {
      case 'checkpoint': {
        const latest = await log.latestCheckpoint();
        if (latest === undefined) return { size: 0 };
        const from = Math.min(request.from ?? 0, latest.size);
        return {
          size: latest.size,
          checkpoint: latest.cosigned,
          consistency: (await log.consistencyProof(from, latest.size)).map((h) => h.toString('base64')),
          from,
        };
      }
      case 'consistency':
        return {
          first: request.first,
          second: request.second,
          consistency: (await log.consistencyProof(request.first, request.second)).map((h) => h.toString('base64')),
        };
      case 'cosign':
        return this.cosign(member, request.size, request.signature);
      case 'time':
        return { time: this.deps.clock(), clockSkewMs: this.deps.clockSkewMs };
    }
  }

  private async cosign(member: string, size: number, line: string): Promise<LogReply> {
    const { log, registry } = this.deps;
    const stored = await log.checkpointAt(size);
    if (stored === undefined) {
      throw new AtcError(
        ErrorCode.LOG_RANGE,
        `no checkpoint of size ${size} is kept (never signed, or pruned as older than ATC_CHECKPOINT_KEEP_ALL); cosign the latest checkpoint the gateway serves.`,
      );
    }
    const name = witnessKeyName(member);
    const signature = parseSignatureLine(line);
    if (signature.name !== name) {
      throw new AtcError(
        ErrorCode.NOTE_SIGNATURE_INVALID,
        `a cosignature from ${member} must be signed by key name ${name}.`,
      );
    }
    const body = parseNote(stored.note).body;
    const keys = (await registry.listKeys(member)).filter((k) => k.status === 'active');
    for (const k of keys) {
      try {
        const { timeSeconds } = verifyCosignature(body, signature, { name, publicKey: publicKeyFromJwk(k.publicJwk) });
        await log.addCosignature(size, member, signature, timeSeconds * 1000);
        this.deps.logger.debug({ member, size }, 'cosignature kept');
        return { size, cosigned: true };
      } catch (e) {
        if (!isAtcError(e) || e.code !== ErrorCode.NOTE_SIGNATURE_INVALID) throw e;
      }
    }
    throw new AtcError(
      ErrorCode.NOTE_SIGNATURE_INVALID,
      `the cosignature of checkpoint ${size} does not verify with any active key of ${member}.`,
    );
  }
}
