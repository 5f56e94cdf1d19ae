import { readFile } from 'node:fs/promises';
import { AtcError, ErrorCode, toPublicJwk, type PublicJwk } from '@atc/shared';

/**
 * Reads a JWK from `path` (`-` for `stdin`) and returns its public part; `wasPrivate`
 * says whether the file held the private key too.
 *
 * @throws AtcError KEY_FILE_INVALID (unreadable, not JSON) or KEY_INVALID (not Ed25519).
 */
export async function readJwkFile(
  path: string,
  stdin: NodeJS.ReadableStream,
): Promise<{ readonly jwk: PublicJwk; readonly wasPrivate: boolean }> {
  const name = path === '-' ? 'standard input' : path;
  let text: string;
  try {
    text = path === '-' ? await readAll(stdin) : await readFile(path, 'utf8');
  } catch (e) {
    throw new AtcError(ErrorCode.KEY_FILE_INVALID, `cannot read ${name}: ${(e as Error).message}.`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AtcError(
      ErrorCode.KEY_FILE_INVALID,
      `${name} is not JSON; expected an Ed25519 public JWK such as {"kty":"OKP","crv":"Ed25519","x":"..."}.`,
      { cause: e },
    );
  }
  try {
    const jwk = toPublicJwk(json);
    return { jwk, wasPrivate: (json as Record<string, unknown>)['d'] !== undefined };
  } catch (e) {
    throw new AtcError(ErrorCode.KEY_INVALID, `${name}: ${(e as Error).message}`, { cause: e });
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
