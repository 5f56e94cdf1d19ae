import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { decodeUtf8, refuseLoneSurrogates } from '../json/utf8-json.js';

/** Keys that could reach an object's prototype when a body is merged or copied. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/**
 * Parses a request body as JSON, strictly: UTF-8 only (no replacement characters, no lone
 * surrogate escapes: `ERR_UTF8_INVALID`, naming the byte or field), and no
 * `__proto__` or `constructor` key at any depth (escaped spellings included, since the check
 * runs on the unescaped keys), and no key twice in one object (`"a"` and `"\u0061"` are the same
 * key): `JSON.parse` keeps the last, other parsers the first, and a body that means one thing
 * here and another to the next reader is refused rather than guessed. Throws an
 * {@link AtcError} whose message says what to fix.
 */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) {
    throw new AtcError(ErrorCode.MALFORMED_JSON, 'The body is empty; send a JSON object.');
  }
  const text = decodeUtf8(body, 'the request body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? ` (${cause.message})` : '';
    throw new AtcError(ErrorCode.MALFORMED_JSON, `The body is not valid JSON${reason}; send one JSON value.`, {
      cause,
    });
  }
  refuseLoneSurrogates(value, 'the request body');
  const { forbidden, duplicate } = keyProblems(text);
  if (forbidden !== undefined) {
    throw new AtcError(
      ErrorCode.JSON_KEY_FORBIDDEN,
      `The body holds the key ${forbidden}; "__proto__" and "constructor" are refused as keys anywhere in a body. Remove or rename it.`,
    );
  }
  if (duplicate !== undefined) {
    throw new AtcError(
      ErrorCode.JSON_KEY_DUPLICATE,
      `The body holds the key ${duplicate} twice in the same object; send each key once.`,
    );
  }
  return value;
}

type Frame = { readonly keys: Set<string>; key: string } | { readonly keys: undefined; index: number };

/** The path the innermost open value stands at: each enclosing object's current key, array's index. */
function pathOf(frames: readonly Frame[]): string {
  let path = '';
  for (const f of frames) {
    if (f.keys === undefined) path += `[${f.index}]`;
    else path += path === '' ? f.key : `.${f.key}`;
  }
  return path;
}

/**
 * The paths (as JSON strings) of the first forbidden key of `text` and of the first key that
 * repeats within one object, in one pass over the text, which must be valid JSON (it parsed):
 * no recursion, so deep nesting cannot exhaust the stack; keys compared after unescaping.
 */
function keyProblems(text: string): {
  readonly forbidden?: string | undefined;
  readonly duplicate?: string | undefined;
} {
  let duplicate: string | undefined;
  const frames: Frame[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      let escaped = false;
      for (; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (d === 0x5c /* \ */) {
          escaped = true;
          end++;
        } else if (d === 0x22) break;
      }
      const top = frames.at(-1);
      if (expectKey && top?.keys !== undefined) {
        const key = escaped ? (JSON.parse(text.slice(i, end + 1)) as string) : text.slice(i + 1, end);
        top.key = key;
        if (FORBIDDEN_KEYS.has(key)) return { forbidden: JSON.stringify(pathOf(frames)), duplicate };
        if (top.keys.has(key)) duplicate ??= JSON.stringify(pathOf(frames));
        top.keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      frames.push({ keys: new Set(), key: '' });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      frames.push({ keys: undefined, index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
    } else if (c === 0x2c /* , */) {
      const top = frames.at(-1);
      if (top?.keys !== undefined) expectKey = true;
      else if (top !== undefined) top.index++;
    }
  }
  return { duplicate };
}
