import { AtcError, ErrorCode, RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';

/**
 * Fatal: invalid bytes, overlong forms, encoded surrogates and code points past U+10FFFF
 * throw instead of becoming U+FFFD. A leading byte order mark is dropped (RFC 8259 lets a
 * parser ignore it; it changes nothing in the text).
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A lone surrogate: in `u` mode a pair is one code point, so only unpaired halves match. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Every lone surrogate, for {@link wellFormed}. */
const LONE_SURROGATES = /[\uD800-\uDFFF]/gu;

/**
 * `text` with each unpaired UTF-16 surrogate replaced by U+FFFD, as UTF-8 encoders (and so
 * SQLite and PostgreSQL) store it: for text cut or built inside a service, whose hash or
 * signature must cover exactly what is stored.
 */
export function wellFormed(text: string): string {
  return LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\uFFFD') : text;
}

/** Length of the UTF-8 sequence a lead byte starts, with the range its second byte must be in. */
function sequenceOf(lead: number): readonly [length: number, low: number, high: number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf]; // no overlong 3-byte forms
  if (lead === 0xed) return [3, 0x80, 0x9f]; // no UTF-16 surrogates
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf]; // no overlong 4-byte forms
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f]; // nothing past U+10FFFF
  return undefined;
}

/** The offset of the first byte that is not part of well-formed UTF-8 (Unicode table 3-7). */
function firstInvalidByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const sequence = sequenceOf(lead);
    if (sequence === undefined) return i;
    const [length, low, high] = sequence;
    const second = bytes[i + 1];
    if (second === undefined || second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return -1;
}

function hexAt(bytes: Uint8Array, offset: number): string {
  return Buffer.from(bytes.subarray(offset, offset + 4))
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}

/**
 * Decodes `bytes` as strict UTF-8 text.
 *
 * @param what names the input in the refusal, e.g. "the request body" or "line 3".
 * @throws RefusalError UTF8_INVALID naming the offset of the first invalid byte.
 */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return UTF8.decode(bytes);
  } catch (cause) {
    const at = firstInvalidByte(bytes);
    const where = at < 0 ? '' : ` (byte ${at}: ${hexAt(bytes, at)})`;
    throw new RefusalError(RefusalCode.UTF8_INVALID, `${what} is not valid UTF-8${where}`, { cause });
  }
}

/** `.a.b[2]` style path of a JSON value, for the refusal. */
function childPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

/**
 * Refuses a parsed JSON value holding a string (or key) with an unpaired surrogate, such
 * as the escape `"\ud800"`: JSON.parse accepts it, but it is no Unicode text and cannot be
 * encoded as UTF-8 for signing without being replaced.
 *
 * @throws RefusalError UTF8_INVALID naming the field.
 */
export function refuseLoneSurrogates(value: unknown, what: string): void {
  // An explicit stack, not recursion: a deeply nested body must not exhaust the call stack.
  const stack: { v: unknown; path: string }[] = [{ v: value, path: '' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { v, path } = next;
    if (typeof v === 'string') {
      if (LONE_SURROGATE.test(v)) refuseAt(path, what);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i] as unknown, path: childPath(path, i) });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i]!;
        const at = childPath(path, key);
        stack.push({ v: item, path: at }, { v: key, path: at });
      }
    }
  }
}

function refuseAt(path: string, what: string): never {
  // The path may itself hold the surrogate (a key): written as an escape, never raw.
  const field = path.replace(/[\uD800-\uDFFF]/gu, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  throw new RefusalError(
    RefusalCode.UTF8_INVALID,
    `${field === '' ? what : `${what}, field ${field},`} holds an unpaired UTF-16 surrogate (an escape such as \\ud800 without its pair)`,
    field === '' ? {} : { field },
  );
}

/**
 * Parses JSON that arrives as bytes, strictly: the bytes must be UTF-8 and the text must
 * hold no unpaired surrogate escape. Every JSON entry point of a service goes through this
 * (or through {@link decodeUtf8} and {@link refuseLoneSurrogates} around its own parser),
 * so that no U+FFFD replacement ever decides what is signed.
 *
 * @throws RefusalError UTF8_INVALID; AtcError MALFORMED_JSON for text that is not JSON.
 */
export function parseUtf8Json(bytes: Uint8Array, what: string): unknown {
  const text = decodeUtf8(bytes, what);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? ` (${cause.message})` : '';
    throw new AtcError(ErrorCode.MALFORMED_JSON, `${what} is not valid JSON${reason}; write one JSON value.`, {
      cause,
    });
  }
  refuseLoneSurrogates(value, what);
  return value;
}
