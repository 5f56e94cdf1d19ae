import { statfs } from 'node:fs/promises';
import { ErrorCode } from '../errors/atc-error.js';
import { storageFailureOf, type StorageFailure } from './storage-failure.js';

/** Whether storage takes writes now and, when not, why. */
export interface StorageState {
  readonly writable: boolean;
  /** Why not, in words an operator can act on; `undefined` when writable. */
  readonly reason: string | undefined;
  /** Why not, as a code; `undefined` when writable. */
  readonly code: StorageFailure['code'] | undefined;
}

/** How long a reading of the free space stands by default: a request does not pay a statfs each. */
export const FREE_SPACE_MAX_AGE_MS = 250;

/**
 * What a service knows about its own storage: the last write that failed for a storage
 * reason (see {@link storageFailureOf}) makes it unwritable until a later write succeeds; a
 * folder whose filesystem has less free space than `reserveBytes` makes it unwritable while
 * that lasts. Readiness and the writers read it; the writers report to it.
 */
export class StorageHealth {
  #failure: (StorageFailure & { readonly since: number }) | undefined;
  /** The last reading of the free space (or the one under way), and when it was asked. */
  #free: { readonly at: number; readonly bytes: Promise<number> } | undefined;

  constructor(
    private readonly options: {
      /** What the storage is, for messages: "the archive", "the outbox database". */
      readonly name: string;
      /** A folder on the storage's filesystem, to watch its free space (a SQLite file's folder). */
      readonly folder?: string | undefined;
      /** Free bytes below which the storage counts as full (default 1 MiB). */
      readonly reserveBytes?: number;
      /** Called on every storage failure reported, e.g. to count it. */
      readonly onFailure?: (failure: StorageFailure) => void;
      /**
       * A small write tried by {@link state} after a failure, once the reserve is free again,
       * for services that may have no other write coming to show that storage is back.
       */
      readonly probe?: () => Promise<void> | void;
      /** Called when a write succeeds after a failure. */
      readonly onRecovery?: (downMs: number) => void;
      readonly now?: () => number;
      /** How long a reading of the free space is used again (default {@link FREE_SPACE_MAX_AGE_MS}). */
      readonly freeSpaceMaxAgeMs?: number;
      /** Reads a filesystem's free space (default `statfs`; tests count the calls). */
      readonly statfs?: (folder: string) => Promise<{ readonly bavail: number; readonly bsize: number }>;
    },
  ) {}

  /**
   * Records a failed write: returns its classification when storage caused it (the service
   * is then unwritable until {@link succeeded}), `undefined` when something else did.
   */
  failed(e: unknown): StorageFailure | undefined {
    const failure = storageFailureOf(e);
    if (failure === undefined) return undefined;
    this.#failure = { ...failure, since: this.#failure?.since ?? this.#now() };
    // The disk may just have filled up: the next state reads the free space again.
    this.#free = undefined;
    this.options.onFailure?.(failure);
    return failure;
  }

  /** Records a write that succeeded: storage is writable again. */
  succeeded(): void {
    const failure = this.#failure;
    if (failure === undefined) return;
    this.#failure = undefined;
    this.#free = undefined;
    this.options.onRecovery?.(this.#now() - failure.since);
  }

  /** The last storage failure since the last success, if any. */
  get failure(): StorageFailure | undefined {
    return this.#failure;
  }

  /**
   * Free bytes on the watched folder's filesystem; `undefined` without a folder. A reading is
   * used again for `freeSpaceMaxAgeMs`, and callers arriving while one is under way share it;
   * `fresh` asks the filesystem now (readiness: a probe must see a disk that filled a moment ago).
   */
  async freeBytes(options: { readonly fresh?: boolean } = {}): Promise<number | undefined> {
    const folder = this.options.folder;
    if (folder === undefined) return undefined;
    const now = this.#now();
    const maxAge = this.options.freeSpaceMaxAgeMs ?? FREE_SPACE_MAX_AGE_MS;
    const kept = this.#free;
    if (kept !== undefined && options.fresh !== true && now >= kept.at && now - kept.at < maxAge) {
      return kept.bytes;
    }
    const read = this.options.statfs ?? statfs;
    const reading = { at: now, bytes: read(folder).then((s) => s.bavail * s.bsize) };
    this.#free = reading;
    // A failed reading is not kept: the next call asks again.
    reading.bytes.catch(() => {
      if (this.#free === reading) this.#free = undefined;
    });
    return reading.bytes;
  }

  /**
   * Whether storage takes writes now: the reserve is free, and no failure is left unrecovered
   * (after trying the probe, if any). `fresh` reads the free space now rather than a reading
   * up to `freeSpaceMaxAgeMs` old (readiness checks; writers take the cached one).
   */
  async state(options: { readonly fresh?: boolean } = {}): Promise<StorageState> {
    const { name } = this.options;
    const reserve = this.options.reserveBytes ?? 1024 * 1024;
    const free = await this.freeBytes(options).catch(() => undefined);
    if (free !== undefined && free < reserve) {
      return {
        writable: false,
        code: ErrorCode.STORAGE_FULL,
        reason: `${name} has ${free} bytes free on its disk, under the ${reserve} it keeps in reserve (${ErrorCode.STORAGE_FULL}); free space on that disk`,
      };
    }
    if (this.#failure !== undefined && this.options.probe !== undefined) {
      try {
        await this.options.probe();
        this.succeeded();
      } catch (e) {
        this.failed(e);
      }
    }
    const failure = this.#failure;
    if (failure !== undefined) {
      return {
        writable: false,
        code: failure.code,
        // The driver's detail stays in the log: this reason is served to anyone.
        reason: `${name} cannot write since ${new Date(failure.since).toISOString()} (${failure.code}); it retries by itself, and its log says why`,
      };
    }
    return { writable: true, reason: undefined, code: undefined };
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }
}
