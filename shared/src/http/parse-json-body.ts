import { AtcError, ErrorCode } from '../errors/atc-error.js';
import { decodeUtf8, refuseLoneSurrogates } from '../json/utf8-json.js';

/** Keys that could reach an object's prototype when a body is merged or copied. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/**
 * Parses a request body as JSON, strictly: UTF-8 only (no replacement characters, no lone
 * surrogate escapes: `ERR_UTF8_INVALID`, naming the byte or field), and no
 * `__proto__` or `constructor` key at any depth (escaped spellings included, since the check
 * runs on the parsed keys). Throws an {@link AtcError} whose message says what to fix.
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
  const forbidden = forbiddenKeyPath(value);
  if (forbidden !== undefined) {
    throw new AtcError(
      ErrorCode.JSON_KEY_FORBIDDEN,
      `The body holds the key ${forbidden}; "__proto__" and "constructor" are refused as keys anywhere in a body. Remove or rename it.`,
    );
  }
  return value;
}

/** The path of the first forbidden key, found without recursion so deep nesting cannot exhaust the stack. */
function forbiddenKeyPath(root: unknown): string | undefined {
  const stack: { value: unknown; path: string }[] = [{ value: root, path: '' }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: `${path}[${i}]` }));
      continue;
    }
    for (const [key, v] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) return JSON.stringify(at);
      stack.push({ value: v, path: at });
    }
  }
  return undefined;
}
