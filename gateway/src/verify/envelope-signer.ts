import { atc, fromTimestamp } from '@atc/shared';

/** Who signed an envelope and when, as its header and protected header say (not verified). */
export interface EnvelopeSigner {
  readonly sender: string;
  readonly kid: string;
  /** header.created_at (Unix ms). */
  readonly createdAt: number | undefined;
}

/**
 * Reads who an envelope says signed it, without verifying anything; `undefined` when the
 * bytes are not an envelope (whoever verifies it says why).
 */
export function envelopeSigner(bytes: Uint8Array): EnvelopeSigner | undefined {
  try {
    const env = atc.v1.Envelope.decode(bytes);
    const header = atc.v1.Header.decode(env.header);
    const protectedHeader = JSON.parse(
      Buffer.from(env.signature.split('.')[0] ?? '', 'base64url').toString('utf8'),
    ) as { kid?: unknown } | null;
    return {
      sender: header.sender,
      kid: typeof protectedHeader?.kid === 'string' ? protectedHeader.kid : '',
      createdAt: fromTimestamp(header.createdAt),
    };
  } catch {
    return undefined;
  }
}
