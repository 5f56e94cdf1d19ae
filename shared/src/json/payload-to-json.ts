import type { PayloadInput, PayloadType } from '../proto/payload-types.js';
import { formatBase64 } from './base64-bytes.js';
import { FieldProblems, fieldPath, itemPath } from './field-problems.js';
import {
  jsonMessageForm,
  NONCE_FIELD,
  type JsonFieldForm,
  type JsonMessageForm,
  type JsonValueForm,
} from './json-message-form.js';
import { formatRfc3339Timestamp } from './rfc3339-timestamp.js';

/** Options of {@link payloadToJson}. */
export interface PayloadToJsonOptions {
  /**
   * False (default): the full record as received, `nonce` included. True: the form an
   * integrator sends, without `nonce`.
   */
  readonly input?: boolean;
  /** Prefix of the field paths in problems, e.g. `record` (default: none). */
  readonly path?: string;
}

/**
 * Writes a payload of `type` (decoded, or the properties given to encode it) in its JSON
 * form: lowerCamelCase names, enums by short name (`SUSPECT`), timestamps as RFC 3339 UTC
 * with milliseconds, bytes as base64. Fields holding their default (empty text, 0, false,
 * the zero enum, empty lists, absent messages) are left out; a message that is present
 * is written even when empty, since its presence is part of the encoded bytes.
 *
 * @throws JsonFieldsError (ERR_PAYLOAD_MALFORMED) for values JSON cannot express: enum
 *   numbers protocol v1 does not define, timestamps outside years 1-9999.
 */
export function payloadToJson<T extends PayloadType>(
  type: T,
  payload: PayloadInput<T>,
  options: PayloadToJsonOptions = {},
): Record<string, unknown> {
  const form = jsonMessageForm(type);
  const problems = new FieldProblems();
  const writer = new JsonWriter(problems);
  const json = writer.message(form, payload, options.path ?? '', options.input === true ? NONCE_FIELD : undefined);
  problems.throwIfAny(form.typeName);
  return json;
}

/** Writes protobufjs property objects as JSON, collecting what cannot be written. */
class JsonWriter {
  constructor(private readonly problems: FieldProblems) {}

  message(form: JsonMessageForm, value: object, path: string, omit?: string): Record<string, unknown> {
    const source = value as Readonly<Record<string, unknown>>;
    const out: Record<string, unknown> = {};
    for (const field of form.fields.values()) {
      if (field.name === omit) continue;
      const written = this.field(field, source[field.name], fieldPath(path, field.name));
      if (written !== undefined) out[field.name] = written;
    }
    return out;
  }

  private field(field: JsonFieldForm, value: unknown, path: string): unknown {
    if (value === undefined || value === null) return undefined;
    if (!field.repeated) return this.value(field.value, value, path, true);
    if (!Array.isArray(value)) {
      this.problem(path, 'is not a list');
      return undefined;
    }
    if (value.length === 0) return undefined;
    // Items keep their place even when empty, so they are never omitted.
    return value.map((item: unknown, i) => this.value(field.value, item, itemPath(path, i), false));
  }

  /** `omitDefault`: a single field's default is left out; an item of a list is not. */
  private value(form: JsonValueForm, value: unknown, path: string, omitDefault: boolean): unknown {
    switch (form.kind) {
      case 'string':
        if (typeof value !== 'string') {
          this.problem(path, 'is not a string');
          return undefined;
        }
        return omitDefault && value === '' ? undefined : value;
      case 'integer':
      case 'bool':
        if (typeof value !== (form.kind === 'bool' ? 'boolean' : 'number')) {
          this.problem(path, `is not a ${form.kind === 'bool' ? 'boolean' : form.protoType}`);
          return undefined;
        }
        return omitDefault && (value === 0 || value === false) ? undefined : value;
      case 'bytes':
        if (!(value instanceof Uint8Array)) {
          this.problem(path, 'is not bytes');
          return undefined;
        }
        return omitDefault && value.length === 0 ? undefined : formatBase64(value);
      case 'enum':
        return this.enumName(form, value, path, omitDefault);
      case 'timestamp':
        return this.timestamp(value, path);
      case 'message':
        if (typeof value !== 'object' || value === null) {
          this.problem(path, `is not a ${form.message.typeName}`);
          return undefined;
        }
        return this.message(form.message, value, path);
    }
  }

  private enumName(
    form: Extract<JsonValueForm, { kind: 'enum' }>,
    value: unknown,
    path: string,
    omitDefault: boolean,
  ): unknown {
    if (typeof value !== 'number') {
      this.problem(path, `is not a ${form.names.enumName} number`);
      return undefined;
    }
    if (omitDefault && value === 0) return undefined;
    const name = form.names.shortNameOf(value);
    // A newer protocol version, or a careless sender, may use a number v1 has no name for.
    if (name === undefined) {
      this.problem(path, `has the value ${value}, which ${form.names.enumName} does not define in protocol v1`);
    }
    return name;
  }

  private timestamp(value: unknown, path: string): unknown {
    if (typeof value !== 'object' || value === null) {
      this.problem(path, 'is not a Timestamp');
      return undefined;
    }
    const { seconds, nanos } = value as { seconds?: unknown; nanos?: unknown };
    const text = formatRfc3339Timestamp(Number(seconds ?? 0), Number(nanos ?? 0));
    if (text === undefined) this.problem(path, 'is outside the years 0001 to 9999 that RFC 3339 text can hold');
    return text;
  }

  private problem(path: string, message: string): void {
    this.problems.add(path, message);
  }
}
