/**
 * `bytes` in their JSON form: base64 (RFC 4648), standard or URL-safe alphabet, padding
 * optional, as the protobuf JSON mapping accepts; always written standard and padded.
 */
export const BASE64_PATTERN = '^[A-Za-z0-9+/_-]*={0,2}$';

const ALPHABET = /^[A-Za-z0-9+/]*$/;

/** The length of the padded base64 text of `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/**
 * Decodes base64 strictly: Node's decoder skips characters it does not know and ignores
 * stray bits, which would let two different texts mean the same bytes, so the text must
 * be exactly what encoding the result gives back (padding aside). Undefined when it is not.
 */
export function parseBase64(text: string): Uint8Array | undefined {
  const unpadded = text.replace(/={1,2}$/, '');
  const padding = text.length - unpadded.length;
  const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  if (!ALPHABET.test(standard) || standard.length % 4 === 1) return undefined;
  if (padding > 0 && (standard.length + padding) % 4 !== 0) return undefined;
  const bytes = Buffer.from(standard, 'base64');
  if (bytes.toString('base64').replace(/=+$/, '') !== standard) return undefined;
  // A copy, not a view: small Buffers share one pooled allocation.
  return Uint8Array.from(bytes);
}

/** Encodes bytes as standard, padded base64. */
export function formatBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
