import { readFile } from 'node:fs/promises';
import { AtcError, ErrorCode, toPublicJwk, type PublicJwk } from '@atc/shared';

/**
 * Reads the gateway public key the agent pins (`ATC_GATEWAY_PUBLIC_KEY_FILE`).
 *
 * @throws AtcError `ERR_KEY_INVALID` when the file cannot be read or holds no usable key.
 */
export async function loadPinnedKey(path: string): Promise<PublicJwk> {
  try {
    return toPublicJwk(JSON.parse(await readFile(path, 'utf8')));
  } catch (e) {
    throw new AtcError(
      ErrorCode.KEY_INVALID,
      `the gateway public key ${path} cannot be used (${(e as Error).message}); copy it from "atc-gateway init" on the centre.`,
      { cause: e },
    );
  }
}
