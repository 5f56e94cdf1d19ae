import { availableParallelism } from 'node:os';
import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { AtcError, ErrorCode, SIGNATURE_BYTES, type ResolvedKey, type SignatureCheck } from '@atc/shared';

/**
 * The worker's code, plain CommonJS so that it runs the same from the sources and from the
 * build: it keeps each public key (by its SPKI bytes) and answers a list of checks with one
 * byte per check (1 valid, 0 invalid, 2 the key cannot verify). The checks come packed in one
 * transferred buffer (each signing input followed by its 64-byte signature, `ends` marking
 * where each ends), with the distinct keys listed once: cloning many small views would copy
 * the whole buffer behind each. A signing (a message with `signer`) comes packed the same way,
 * inputs only, the private key with it the first time (kept by `signer`); it is answered with
 * the 64-byte signatures end to end.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createPublicKey, sign, verify } = require('node:crypto');
const keys = new Map();
/** Private keys the main thread sent, by the number it gave each (see SignaturePool.sign). */
const signers = new Map();
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
function signAll({ id, signer, key, bytes, ends }) {
  if (key !== undefined) signers.set(signer, key);
  const data = new Uint8Array(bytes);
  const signatures = new Uint8Array(ends.length * 64);
  let start = 0;
  try {
    const privateKey = signers.get(signer);
    for (let i = 0; i < ends.length; i++) {
      signatures.set(sign(null, data.subarray(start, ends[i]), privateKey), i * 64);
      start = ends[i];
    }
  } catch (e) {
    parentPort.postMessage({ id, failed: String(e && e.message) });
    return;
  }
  parentPort.postMessage({ id, signatures }, [signatures.buffer]);
}
parentPort.on('message', (m) => {
  if (m.signer !== undefined) {
    signAll(m);
    return;
  }
  const { id, spkis, keyIndex, bytes, ends } = m;
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

/** What a worker answers: a list of checks, or a signing (its signatures, or why it failed). */
type WorkerAnswer =
  | { readonly id: number; readonly results: Uint8Array }
  | { readonly id: number; readonly signatures: Uint8Array }
  | { readonly id: number; readonly failed: string };

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

/** Inputs packed for signing: each ends where `ends` says (see {@link WORKER_SOURCE}). */
function packInputs(inputs: readonly Uint8Array[]): { bytes: ArrayBuffer; ends: Uint32Array<ArrayBuffer> } {
  const ends = new Uint32Array(inputs.length);
  let total = 0;
  inputs.forEach((input, i) => {
    total += input.length;
    ends[i] = total;
  });
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const input of inputs) {
    bytes.set(input, at);
    at += input.length;
  }
  return { bytes: bytes.buffer, ends };
}

/** A signing asked of one worker: its part of the inputs, answered with their signatures. */
interface Signing {
  readonly resolve: (signatures: Uint8Array) => void;
  readonly reject: (e: unknown) => void;
}

interface Lane {
  readonly worker: Worker;
  readonly inFlight: Map<number, readonly Check[]>;
  readonly signing: Map<number, Signing>;
  /** The private keys this worker holds (a replaced worker holds none). */
  readonly signers: WeakSet<KeyObject>;
}

/** Fails every check and signing `lane` holds with ERR_INTERNAL `message`, and forgets them. */
function failLane(lane: Lane, message: string): void {
  for (const part of lane.inFlight.values()) for (const c of part) c.reject(new AtcError(ErrorCode.INTERNAL, message));
  lane.inFlight.clear();
  for (const signing of lane.signing.values()) signing.reject(new AtcError(ErrorCode.INTERNAL, message));
  lane.signing.clear();
}

/**
 * Ed25519 on worker threads: signature checks, and the gateway's own signatures. Checks
 * asked for in the same turn of the event loop (a batch verified together) are split evenly
 * over the workers, one message per worker, so the main thread only decodes and decides while
 * the signatures are checked in parallel; a batch's receipts are signed the same way
 * ({@link sign}). A worker that fails is replaced; its checks and signings fail with
 * ERR_INTERNAL (the batch is retried), never as a refusal of the sender.
 */
export class SignaturePool {
  readonly #lanes: Lane[] = [];
  readonly #spki = new WeakMap<object, Uint8Array>();
  /** A number for each private key given to {@link sign}, by which the workers keep it. */
  readonly #signerIds = new WeakMap<KeyObject, number>();
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

  /**
   * Ed25519 signatures of `inputs` with `privateKey`, in their order, made on the workers:
   * the inputs are split evenly over them, one transferred buffer each. Each worker is given
   * the key once (a key object is cloned to the worker, never exported).
   *
   * @throws AtcError ERR_INTERNAL when the pool is closed or a worker failed or could not sign.
   */
  async sign(privateKey: KeyObject, inputs: readonly Uint8Array[]): Promise<Uint8Array[]> {
    if (this.#closed) throw new AtcError(ErrorCode.INTERNAL, 'the signature pool is closed');
    if (inputs.length === 0) return [];
    let signer = this.#signerIds.get(privateKey);
    if (signer === undefined) {
      signer = this.#nextId++;
      this.#signerIds.set(privateKey, signer);
    }
    const per = Math.ceil(inputs.length / this.#lanes.length);
    const parts = await Promise.all(
      this.#lanes.flatMap((lane, i) => {
        const part = inputs.slice(i * per, (i + 1) * per);
        return part.length === 0 ? [] : [this.#signOn(lane, signer, privateKey, part)];
      }),
    );
    const signatures: Uint8Array[] = [];
    for (const packed of parts) {
      for (let at = 0; at < packed.length; at += SIGNATURE_BYTES)
        signatures.push(packed.subarray(at, at + SIGNATURE_BYTES));
    }
    return signatures;
  }

  #signOn(lane: Lane, signer: number, privateKey: KeyObject, part: readonly Uint8Array[]): Promise<Uint8Array> {
    return new Promise<Uint8Array>((resolve, reject) => {
      const id = this.#nextId++;
      lane.signing.set(id, { resolve, reject });
      const { bytes, ends } = packInputs(part);
      const key = lane.signers.has(privateKey) ? undefined : privateKey;
      lane.signers.add(privateKey);
      lane.worker.postMessage({ id, signer, key, bytes, ends }, [bytes, ends.buffer]);
    });
  }

  /** Stops the workers; checks and signings still running fail with ERR_INTERNAL. */
  async close(): Promise<void> {
    this.#closed = true;
    // Checks asked for and not yet given to a worker fail now (the dispatch gives none out once closed).
    for (const c of this.#queued.splice(0)) c.reject(new AtcError(ErrorCode.INTERNAL, 'the signature pool is closed'));
    await Promise.all(
      this.#lanes.map(async (lane) => {
        try {
          await lane.worker.terminate();
        } finally {
          failLane(lane, 'the signature pool is closed');
        }
      }),
    );
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
    if (this.#closed) return;
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
    const lane: Lane = { worker, inFlight: new Map(), signing: new Map(), signers: new WeakSet() };
    worker.unref();
    worker.on('message', (m: WorkerAnswer) => {
      if ('results' in m) {
        const part = lane.inFlight.get(m.id);
        lane.inFlight.delete(m.id);
        part?.forEach((c, i) => {
          if (m.results[i] === 2) c.reject(new Error('the key cannot verify Ed25519 signatures'));
          else c.resolve(m.results[i] === 1);
        });
        return;
      }
      const signing = lane.signing.get(m.id);
      lane.signing.delete(m.id);
      if ('signatures' in m) signing?.resolve(m.signatures);
      else signing?.reject(new AtcError(ErrorCode.INTERNAL, `a signature worker could not sign: ${m.failed}`));
    });
    const fail = (why: string): void => {
      failLane(lane, `a signature worker ${why}`);
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
