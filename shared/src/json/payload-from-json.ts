import type { PayloadInput, PayloadType } from '../proto/payload-types.js';
import { base64Length, parseBase64 } from './base64-bytes.js';
import type { EnumNames } from './enum-names.js';
import { FieldProblems, fieldPath, itemPath } from './field-problems.js';
import {
  jsonMessageForm,
  JsonLimits,
  NONCE_FIELD,
  type JsonFieldForm,
  type JsonMessageForm,
  type JsonValueForm,
} from './json-message-form.js';
import { parseRfc3339Timestamp } from './rfc3339-timestamp.js';

/** Options of {@link payloadFromJson}. */
export interface PayloadFromJsonOptions {
  /** Prefix of the field paths in the problems, e.g. `record` (default: none). */
  readonly path?: string;
  /**
   * True (default): the form integrators send, where `nonce` is refused because the
   * agent sets it. False: `nonce` is read too (JSON written by {@link payloadToJson}).
   */
  readonly input?: boolean;
}

/**
 * Reads the JSON form of a payload of `type` (see payloadJsonSchema) into the properties
 * `encodePayloadBytes` and `signEnvelope` take: enum names to numbers, RFC 3339 text to
 * `{seconds, nanos}`, base64 to bytes. It checks the form itself, whether or not a schema
 * validator ran before (fastify's default Ajv strips unknown properties rather than
 * refusing them), and reports every problem at once. Required fields and value rules
 * (names, countries, dates) are left to validatePayload, which signEnvelope runs.
 *
 * @throws JsonFieldsError (ERR_PAYLOAD_MALFORMED) listing each bad field with its path.
 */
export function payloadFromJson<T extends PayloadType>(
  type: T,
  json: unknown,
  options: PayloadFromJsonOptions = {},
): PayloadInput<T> {
  const form = jsonMessageForm(type);
  const problems = new FieldProblems();
  const reader = new JsonReader(problems, options.input ?? true);
  const result = reader.message(form, json, options.path ?? '', true);
  problems.throwIfAny(form.typeName);
  // Sound although unchecked: built field by field from the descriptor the generated types come from.
  return result;
}

/** Reads JSON values against their form, collecting problems instead of stopping at one. */
class JsonReader {
  constructor(
    private readonly problems: FieldProblems,
    private readonly input: boolean,
  ) {}

  message(form: JsonMessageForm, json: unknown, path: string, root = false): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (!isObject(json)) {
      this.problems.add(path, `must be a JSON object (a ${form.typeName}), got ${describe(json)}`);
      return out;
    }
    for (const [key, value] of Object.entries(json)) {
      const at = fieldPath(path, key);
      const field = form.fields.get(key);
      if (field === undefined) {
        this.problems.add(at, `is not a field of ${form.typeName}${suggestion(form, key)}`);
      } else if (root && this.input && key === NONCE_FIELD) {
        this.problems.add(at, 'is set by the node agent for every message; remove it');
      } else {
        const read = this.field(field, value, at);
        if (read !== undefined) out[key] = read;
      }
    }
    return out;
  }

  private field(field: JsonFieldForm, json: unknown, path: string): unknown {
    if (!field.repeated) return this.value(field.value, json, path);
    if (!Array.isArray(json)) {
      this.problems.add(path, `must be an array${nullHint(json)}, got ${describe(json)}`);
      return undefined;
    }
    if (json.length > JsonLimits.items) {
      // Items past the limit are not read: a huge array would otherwise flood the report.
      this.problems.add(path, `must have at most ${JsonLimits.items} items, got ${json.length}`);
      return undefined;
    }
    return json.map((item: unknown, i) => this.value(field.value, item, itemPath(path, i)));
  }

  private value(form: JsonValueForm, json: unknown, path: string): unknown {
    switch (form.kind) {
      case 'string':
        return this.string(form.maxLength, json, path);
      case 'integer':
        return this.integer(form.minimum, form.maximum, json, path);
      case 'bool':
        if (typeof json === 'boolean') return json;
        this.wrongType(path, `must be true or false${nullHint(json)}`, json);
        return undefined;
      case 'bytes':
        return this.bytes(form.maxBytes, json, path);
      case 'enum':
        return this.enumValue(form.names, json, path);
      case 'timestamp':
        return this.timestamp(json, path);
      case 'message':
        return this.message(form.message, json, path);
    }
  }

  private string(maxLength: number, json: unknown, path: string): string | undefined {
    if (typeof json !== 'string') {
      this.wrongType(path, `must be a string${nullHint(json)}`, json);
      return undefined;
    }
    const length = codePoints(json, maxLength);
    if (length > maxLength) {
      this.problems.add(path, `must be at most ${maxLength} characters, got ${length}`);
      return undefined;
    }
    // JSON text may carry \ud800 escapes that no UTF-8 can encode; receivers would refuse the message.
    if (/\p{Cs}/u.test(json)) {
      this.problems.add(path, 'contains an unpaired UTF-16 surrogate (\\ud800-\\udfff); send valid Unicode text');
      return undefined;
    }
    return json;
  }

  private integer(minimum: number, maximum: number, json: unknown, path: string): number | undefined {
    const range = `must be an integer from ${minimum} to ${maximum}`;
    if (typeof json !== 'number') {
      this.wrongType(path, `${range}${nullHint(json)}`, json);
      return undefined;
    }
    if (!Number.isInteger(json) || json < minimum || json > maximum) {
      this.problems.add(path, `${range}, got ${json}`);
      return undefined;
    }
    return json;
  }

  private bytes(maxBytes: number, json: unknown, path: string): Uint8Array | undefined {
    if (typeof json !== 'string') {
      this.wrongType(path, `must be a base64 string${nullHint(json)}`, json);
      return undefined;
    }
    if (json.length > base64Length(maxBytes)) {
      this.problems.add(path, `must be at most ${maxBytes} bytes (${base64Length(maxBytes)} base64 characters)`);
      return undefined;
    }
    const bytes = parseBase64(json);
    if (bytes === undefined) this.problems.add(path, `must be base64 (RFC 4648), got ${quote(json)}`);
    return bytes;
  }

  private enumValue(names: EnumNames, json: unknown, path: string): number | undefined {
    const allowed = `one of ${names.shortNames.join(', ')}`;
    if (typeof json !== 'string') {
      this.wrongType(path, `must be a ${names.enumName} name, ${allowed}${nullHint(json)}`, json);
      return undefined;
    }
    const value = names.valueOf(json);
    if (value !== undefined) return value;
    if (names.isUnspecified(json)) {
      this.problems.add(path, `must not be ${json}: omit the field when it has no value, or use ${allowed}`);
    } else {
      this.problems.add(
        path,
        `must be ${allowed} (the full names such as ${names.fullNames[0] ?? ''} work too), got ${quote(json)}`,
      );
    }
    return undefined;
  }

  private timestamp(json: unknown, path: string): { seconds: number; nanos: number } | undefined {
    if (typeof json !== 'string') {
      this.wrongType(path, `must be an RFC 3339 date-time string${nullHint(json)}`, json);
      return undefined;
    }
    const parsed = parseRfc3339Timestamp(json);
    if (parsed.ok) return { seconds: parsed.value.seconds, nanos: parsed.value.nanos };
    this.problems.add(path, `${parsed.problem}, got ${quote(json)}`);
    return undefined;
  }

  private wrongType(path: string, expected: string, json: unknown): void {
    this.problems.add(path, `${expected}, got ${describe(json)}`);
  }
}

function isObject(json: unknown): json is Record<string, unknown> {
  return typeof json === 'object' && json !== null && !Array.isArray(json);
}

/** What kind of JSON value `json` is, for messages. */
function describe(json: unknown): string {
  if (json === null) return 'null';
  if (Array.isArray(json)) return 'an array';
  switch (typeof json) {
    case 'string':
      return `the string ${quote(json)}`;
    case 'number':
      return `the number ${json}`;
    case 'boolean':
      return `${json}`;
    case 'object':
      return 'an object';
    default:
      return typeof json;
  }
}

/** Many JSON writers emit null for an absent value; the fix is to leave the field out. */
function nullHint(json: unknown): string {
  return json === null ? ' (leave a field without a value out rather than sending null)' : '';
}

/** The value in JSON quotes, cut short: it is echoed back and may be large. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Length in code points as JSON Schema's maxLength counts, only as far as the limit matters. */
function codePoints(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** ` (did you mean recordId?)` for `record_id`, `RecordID` and the like: proto and other-language names. */
function suggestion(form: JsonMessageForm, key: string): string {
  const loose = (name: string): string => name.replace(/_/g, '').toLowerCase();
  for (const name of form.fields.keys()) {
    if (loose(name) === loose(key)) return ` (did you mean ${name}?)`;
  }
  return '';
}
