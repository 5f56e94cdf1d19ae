import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AtcError, ErrorCode, type ResolvedKey, type SignatureCheck } from '@atc/shared';

/**
 * The worker's code, plain CommonJS so that it runs the same from the sources and from the
 * build: it keeps each public key (by its SPKI bytes) and answers a list of checks with one
 * byte per check (1 valid, 0 invalid, 2 the key cannot verify).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
parentPort.on('message', ({ id, checks }) => {
  const results = new Uint8Array(checks.length);
  checks.forEach(({ spki, input, signature }, i) => {
    const name = Buffer.from(spki).toString('base64');
    try {
      let key = keys.get(name);
      if (key === undefined) {
        key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
        if (keys.size > 10000) keys.clear();
        keys.set(name, key);
      }
      results[i] = verify(null, input, key, signature) ? 1 : 0;
    } catch {
      results[i] = 2;
    }
  });
  parentPort.postMessage({ id, results }, [results.buffer]);
});
`;

interface Check {
  readonly spki: Uint8Array;
  readonly input: Uint8Array;
  readonly signature: Uint8Array;
  readonly resolve: (valid: boolean) => void;
  readonly reject: (e: unknown) => void;
}

interface Lane {
  readonly worker: Worker;
  readonly inFlight: Map<number, readonly Check[]>;
}

/**
 * Ed25519 signature checks on worker threads. Checks asked for in the same turn of the
 * event loop (a batch verified together) are split evenly over the workers, one message per
 * worker, so the main thread only decodes and decides while the signatures are checked in
 * parallel. A worker that fails is replaced; its checks fail with ERR_INTERNAL (the batch is
 * retried), never as a refusal of the sender.
 */
export class SignaturePool {
  readonly #lanes: Lane[] = [];
  readonly #spki = new WeakMap<object, Uint8Array>();
  #queued: Check[] = [];
  #nextId = 1;
  #closed = false;

  constructor(readonly size: number = Math.max(1, availableParallelism() - 1)) {
    for (let i = 0; i < size; i++) this.#lanes.push(this.#startLane());
  }

  /** A {@link SignatureCheck} for `verifyEnvelope` backed by this pool. */
  readonly check: (...args: Parameters<SignatureCheck>) => Promise<boolean> = (input, key, signature) =>
    new Promise<boolean>((resolve, reject) => {
      if (this.#closed) {
        reject(new AtcError(ErrorCode.INTERNAL, 'the signature pool is closed'));
        return;
      }
      this.#queued.push({ spki: this.#spkiOf(key), input, signature, resolve, reject });
      if (this.#queued.length === 1) {
        setImmediate(() => {
          this.#dispatch();
        });
      }
    });

  /** Stops the workers; checks still running fail. */
  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#lanes.map((l) => l.worker.terminate()));
  }

  #spkiOf(key: ResolvedKey): Uint8Array {
    let spki = this.#spki.get(key.publicKey);
    if (spki === undefined) {
      spki = key.publicKey.export({ format: 'der', type: 'spki' });
      this.#spki.set(key.publicKey, spki);
    }
    return spki;
  }

  #dispatch(): void {
    const checks = this.#queued;
    this.#queued = [];
    const per = Math.ceil(checks.length / this.#lanes.length);
    this.#lanes.forEach((lane, i) => {
      const part = checks.slice(i * per, (i + 1) * per);
      if (part.length === 0) return;
      const id = this.#nextId++;
      lane.inFlight.set(id, part);
      lane.worker.postMessage({
        id,
        checks: part.map(({ spki, input, signature }) => ({ spki, input, signature })),
      });
    });
  }

  #startLane(): Lane {
    // No inherited loader flags (e.g. tsx when run from the sources): the code is plain
    // JavaScript, and a bare isolate keeps the worker small.
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      name: 'atc-signature-check',
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: 64 },
    });
    const lane: Lane = { worker, inFlight: new Map() };
    worker.unref();
    worker.on('message', ({ id, results }: { id: number; results: Uint8Array }) => {
      const part = lane.inFlight.get(id);
      lane.inFlight.delete(id);
      part?.forEach((c, i) => {
        if (results[i] === 2) c.reject(new Error('the key cannot verify Ed25519 signatures'));
        else c.resolve(results[i] === 1);
      });
    });
    const fail = (why: string): void => {
      for (const part of lane.inFlight.values()) {
        for (const c of part) c.reject(new AtcError(ErrorCode.INTERNAL, `a signature worker ${why}`));
      }
      lane.inFlight.clear();
      const index = this.#lanes.indexOf(lane);
      if (!this.#closed && index >= 0) this.#lanes[index] = this.#startLane();
    };
    worker.on('error', (e) => {
      fail(`failed (${e.message})`);
    });
    worker.on('exit', (code) => {
      if (!this.#closed) fail(`exited with code ${code}`);
    });
    return lane;
  }
}
