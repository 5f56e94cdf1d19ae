import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AtcError, ErrorCode, SIGNATURE_BYTES, type ResolvedKey, type SignatureCheck } from '@atc/shared';

/**
 * The worker's code, plain CommonJS so that it runs the same from the sources and from the
 * build: it keeps each public key (by its SPKI bytes) and answers a list of checks with one
 * byte per check (1 valid, 0 invalid, 2 the key cannot verify). The checks come packed in one
 * transferred buffer (each signing input followed by its 64-byte signature, `ends` marking
 * where each ends), with the distinct keys listed once: cloning many small views would copy
 * the whole buffer behind each.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, verify } = require('node:crypto');
const keys = new Map();
function keyOf(spki) {
  const name = Buffer.from(spki).toString('base64');
  let key = keys.get(name);
  if (key === undefined) {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    if (keys.size > 10000) keys.clear();
    keys.set(name, key);
  }
  return key;
}
parentPort.on('message', ({ id, spkis, keyIndex, bytes, ends }) => {
  const results = new Uint8Array(keyIndex.length);
  const data = new Uint8Array(bytes);
  let start = 0;
  for (let i = 0; i < keyIndex.length; i++) {
    const end = ends[i];
    try {
      const input = data.subarray(start, end - 64);
      const signature = data.subarray(end - 64, end);
      results[i] = verify(null, input, keyOf(spkis[keyIndex[i]]), signature) ? 1 : 0;
    } catch {
      results[i] = 2;
    }
    start = end;
  }
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

/** Checks packed for a worker: see {@link WORKER_SOURCE}. */
function pack(part: readonly Check[]): {
  spkis: Uint8Array[];
  keyIndex: Uint16Array<ArrayBuffer>;
  bytes: ArrayBuffer;
  ends: Uint32Array<ArrayBuffer>;
} {
  const spkis: Uint8Array[] = [];
  const keyIndex = new Uint16Array(part.length);
  const ends = new Uint32Array(part.length);
  let total = 0;
  part.forEach((c, i) => {
    let k = spkis.indexOf(c.spki);
    if (k < 0) k = spkis.push(c.spki) - 1;
    keyIndex[i] = k;
    total += c.input.length + SIGNATURE_BYTES;
    ends[i] = total;
  });
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of part) {
    bytes.set(c.input, at);
    bytes.set(c.signature, at + c.input.length);
    at += c.input.length + SIGNATURE_BYTES;
  }
  return { spkis, keyIndex, bytes: bytes.buffer, ends };
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
      // Of any other length it cannot be valid; the packed form relies on the length.
      if (signature.length !== SIGNATURE_BYTES) {
        resolve(false);
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
      // A copy of its own: a view into a shared buffer would clone all of that buffer.
      spki = new Uint8Array(key.publicKey.export({ format: 'der', type: 'spki' }));
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
      const packed = pack(part);
      lane.worker.postMessage({ id, ...packed }, [packed.bytes, packed.keyIndex.buffer, packed.ends.buffer]);
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
