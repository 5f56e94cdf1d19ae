import { readFile, stat, writeFile } from 'node:fs/promises';
import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { keyPairFromJwk, type KeyPair } from './key-pair.js';

/** Permission bits that must be clear on a private key file: any access by group or others. */
const UNSAFE_MODE_BITS = 0o077;

/**
 * Writes the private JWK of `pair` to `path` with mode 0600. Refuses to overwrite an
 * existing file unless `overwrite` is set, so that a key is never lost by accident.
 */
export async function saveKeyFile(path: string, pair: KeyPair, options: { overwrite?: boolean } = {}): Promise<void> {
  const body = `${JSON.stringify(pair.privateJwk, null, 2)}\n`;
  try {
    await writeFile(path, body, { mode: 0o600, flag: options.overwrite === true ? 'w' : 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AtcError(
        ErrorCode.KEY_FILE_EXISTS,
        `${path} already exists; move it away first, a key is never overwritten.`,
        {
          cause: e,
        },
      );
    }
    throw e;
  }
}

/**
 * Reads a private JWK file. Refuses a file that group or others may read or write
 * (fix with `chmod 600 <file>`), and any content that is not a valid Ed25519 private JWK.
 */
export async function loadKeyFile(path: string): Promise<KeyPair> {
  let text: string;
  try {
    const info = await stat(path);
    if ((info.mode & UNSAFE_MODE_BITS) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
      throw new AtcError(
        ErrorCode.KEY_FILE_UNSAFE,
        `${path} has mode ${mode}: others may read the private key. Run "chmod 600 ${path}" and consider the key exposed if others had access.`,
      );
    }
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof AtcError) throw e;
    throw new AtcError(ErrorCode.KEY_FILE_INVALID, `${path} cannot be read: ${(e as Error).message}.`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AtcError(ErrorCode.KEY_FILE_INVALID, `${path} is not JSON; expected a private Ed25519 JWK.`, {
      cause: e,
    });
  }
  try {
    return keyPairFromJwk(json);
  } catch (e) {
    throw new AtcError(ErrorCode.KEY_FILE_INVALID, `${path}: ${(e as Error).message}`, { cause: e });
  }
}
