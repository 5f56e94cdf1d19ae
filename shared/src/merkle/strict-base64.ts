// Standard, padded base64 (RFC 4648 section 4) and nothing else: Node's decoder skips
// unknown characters and ignores stray bits, which would let two texts carry the same
// bytes. Signed notes and checkpoints must have exactly one spelling.
const STD_PADDED = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of standard padded base64 `text`, or undefined when it is anything else (including non-canonical). */
export function decodeStrictBase64(text: string): Buffer | undefined {
  if (!STD_PADDED.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
