import { chmod, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createUser, fromSeed } from '@nats-io/nkeys';
import { AtcError, ErrorCode } from '@atc/shared';

/** Permission bits that must be clear on a seed file: any access by group or others. */
const UNSAFE_MODE_BITS = 0o077;

/** A NATS user whose seed is in a file: the public key goes into the server configuration. */
export interface NatsUserSeed {
  /** The public user nkey (`U...`). */
  readonly publicKey: string;
  readonly path: string;
  /** Whether the seed was already there, newly made, or replaced. */
  readonly state: 'kept' | 'created' | 'rotated';
}

/** The public key of the user seed in `path`, refusing a file others may read or one that is not a user seed. */
async function readUserSeed(path: string): Promise<string> {
  const mode = (await stat(path)).mode & 0o777;
  if ((mode & UNSAFE_MODE_BITS) !== 0) {
    throw new AtcError(
      ErrorCode.KEY_FILE_UNSAFE,
      `${path} has mode ${mode.toString(8).padStart(3, '0')}: others may read the NATS seed. Run "chmod 600 ${path}" and rotate it (--rotate) if others had access.`,
    );
  }
  const text = (await readFile(path, 'utf8')).trim();
  try {
    if (!text.startsWith('SU')) throw new Error('not a user seed');
    const pair = fromSeed(new TextEncoder().encode(text));
    const publicKey = pair.getPublicKey();
    pair.clear();
    return publicKey;
  } catch (e) {
    throw new AtcError(
      ErrorCode.KEY_FILE_INVALID,
      `${path} does not hold a NATS user nkey seed (a line starting with SU); move it away or rotate it (--rotate).`,
      { cause: e },
    );
  }
}

/** Writes a fresh user seed to `path` (mode 0600) and returns its public key. */
async function writeNewSeed(path: string, replace: boolean): Promise<string> {
  const pair = createUser();
  const body = `${new TextDecoder().decode(pair.getSeed())}\n`;
  const publicKey = pair.getPublicKey();
  pair.clear();
  if (replace) {
    // Atomic: a crash leaves the old seed or the new one, never half a file.
    const tmp = `${path}.tmp`;
    await writeFile(tmp, body, { mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, path);
  } else {
    await writeFile(path, body, { mode: 0o600, flag: 'wx' });
    await chmod(path, 0o600); // exact, whatever the umask
  }
  return publicKey;
}

/**
 * The NATS user whose seed is in `path`: the existing seed is kept (stable identities across
 * runs), a missing one is created, and with `rotate` it is replaced by a new one. Seed files
 * have mode 0600; an existing one that group or others may read is refused.
 *
 * @throws AtcError KEY_FILE_UNSAFE or KEY_FILE_INVALID for an existing file that cannot be kept.
 */
export async function ensureNatsUserSeed(
  path: string,
  options: { readonly rotate?: boolean } = {},
): Promise<NatsUserSeed> {
  let exists = true;
  try {
    await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    exists = false;
  }
  if (exists && options.rotate !== true) return { publicKey: await readUserSeed(path), path, state: 'kept' };
  return { publicKey: await writeNewSeed(path, exists), path, state: exists ? 'rotated' : 'created' };
}
