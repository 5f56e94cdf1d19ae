import { AtcError, ErrorCode, loadKeyFile, type KeyPair } from '@atc/shared';

/**
 * Loads the gateway's signing key (it signs receipts, checkpoints and key events).
 *
 * @throws AtcError KEY_FILE_INVALID naming the file and what to do.
 */
export async function loadGatewayKey(keyFile: string): Promise<KeyPair> {
  return loadKeyFile(keyFile).catch((e: unknown) => {
    throw new AtcError(
      ErrorCode.KEY_FILE_INVALID,
      `the gateway key ${keyFile} cannot be used (${(e as Error).message}); run "atc-gateway init" first, or set ATC_GATEWAY_KEY_FILE.`,
      { cause: e },
    );
  });
}
