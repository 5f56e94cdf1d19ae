import { readFileSync, statSync } from 'node:fs';
import { createHash, timingSafeEqual } from 'node:crypto';
import { isAtcError, systemClock, type Clock, type Logger } from '@atc/shared';
import type { Role } from './role.js';
import { readTokenFile, tokenDigest, type TokenRecord } from './token-file.js';

/** Who a request authenticated as. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
}

/** Why a request is not authenticated. */
export type AuthFailure =
  | { readonly reason: 'missing' | 'malformed' | 'unknown' }
  | { readonly reason: 'expired'; readonly name: string; readonly expiresAt: number };

/** The outcome of {@link TokenBook.authenticate}. */
export type AuthResult = { readonly ok: true; readonly principal: Principal } | ({ readonly ok: false } & AuthFailure);

/** How often, at most, the file's metadata is looked at: a revocation applies within this. */
const RECHECK_MS = 250;

/** A tokens file modified this recently is compared by content, not by its metadata alone. */
const YOUNG_FILE_MS = 2_000;

interface Entry {
  readonly record: TokenRecord;
  readonly digest: Buffer;
}

/**
 * The gateway's view of the tokens file. It looks at the file's metadata at most every
 * 250 ms, and at once when a token it does not know is presented, and reads it again when it
 * changed (the CLI replaces it by a rename): a token added with `atc-gateway tokens add` works
 * at once, and one revoked is refused within 250 ms, without a restart.
 * A file that cannot be read or parsed lets nobody in (fail closed) until it is fixed.
 */
export class TokenBook {
  private entries: readonly Entry[] = [];
  private signature = '';
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly path: string,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {
    this.refresh(true);
  }

  /** Checks an `Authorization` header value. Never logs or keeps the token. */
  authenticate(authorization: string | undefined): AuthResult {
    if (authorization === undefined || authorization === '') return { ok: false, reason: 'missing' };
    const m = /^Bearer +([\x21-\x7e]{1,512})$/i.exec(authorization);
    if (m === null) return { ok: false, reason: 'malformed' };
    return this.authenticateDigest(tokenDigest(m[1]!));
  }

  /**
   * Checks a token known by its SHA-256 digest (see `tokenDigest`): how a console session,
   * which keeps the digest and never the token, finds out that its token was revoked or expired.
   */
  authenticateDigest(digest: Buffer): AuthResult {
    if (digest.length !== 32) return { ok: false, reason: 'malformed' };
    this.refresh(false);
    // A token added a moment ago (within the recheck interval) is known at once: an unknown
    // one makes the book look at the file again before it is refused.
    const found = this.find(digest) ?? (this.refresh(true) ? this.find(digest) : undefined);
    if (found === undefined) return { ok: false, reason: 'unknown' };
    if (found.expiresAt !== null && this.clock() >= found.expiresAt) {
      return { ok: false, reason: 'expired', name: found.name, expiresAt: found.expiresAt };
    }
    return { ok: true, principal: { name: found.name, role: found.role } };
  }

  /** Number of tokens currently loaded (expired ones included). */
  get size(): number {
    return this.entries.length;
  }

  /** The entry whose digest this is. Compares with every entry, so neither the position of a match nor its absence shows in the timing. */
  private find(digest: Buffer): TokenRecord | undefined {
    let found: TokenRecord | undefined;
    for (const e of this.entries) {
      if (timingSafeEqual(e.digest, digest) && found === undefined) found = e.record;
    }
    return found;
  }

  /** Reads the file again if it changed (looked at once per {@link RECHECK_MS} unless `force`); true if it did. */
  private refresh(force: boolean): boolean {
    const now = this.clock();
    if (!force && now - this.checkedAt < RECHECK_MS) return false;
    this.checkedAt = now;
    let signature: string;
    try {
      const s = statSync(this.path, { bigint: true });
      signature = `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
      // File times are only as fine as the kernel's tick and inodes are reused: two versions
      // written within a tick (as `tokens add` twice in a row does) can show the same metadata.
      // While the file is that young, its content decides whether it changed.
      if (Date.now() - Number(s.mtimeMs) < YOUNG_FILE_MS) {
        signature += `:${createHash('sha256').update(readFileSync(this.path)).digest('hex')}`;
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOENT: no tokens yet. Anything else (EACCES, ...) the read below reports.
      signature = code === 'ENOENT' ? 'absent' : `error:${code ?? 'unknown'}`;
    }
    if (signature === this.signature) return false;
    this.signature = signature;
    try {
      this.entries = readTokenFile(this.path).map((record) => ({ record, digest: Buffer.from(record.sha256, 'hex') }));
      if (signature === 'absent') {
        this.logger.warn(
          { tokensFile: this.path },
          'no tokens file: protected routes refuse every request until "atc-gateway tokens add" creates one',
        );
      } else {
        this.logger.info({ tokensFile: this.path, count: this.entries.length }, 'tokens loaded');
      }
    } catch (e) {
      if (!isAtcError(e)) throw e;
      this.entries = [];
      this.logger.error(
        { err: e, tokensFile: this.path },
        'tokens file unusable: protected routes refuse every request',
      );
    }
    return true;
  }
}
