import type { Field, Type } from 'protobufjs';
import { descriptorRoot } from '../proto/protobuf.js';
import { enumNames, type EnumNames } from './enum-names.js';

/**
 * Limits of the JSON form. Protobuf has none, but the integrator API must refuse absurd
 * input early and say which field is too big; the envelope limit (1 MiB) still applies.
 */
export const JsonLimits = {
  /** Characters (Unicode code points, as JSON Schema counts) of a text field. */
  text: 10_000,
  /** Characters of an identifier field (a proto field named `*_id`). */
  id: 128,
  /** Items of a repeated field. */
  items: 1_000,
  /** Bytes of a `bytes` field (nonces, digests and proof nodes are 16-32 bytes). */
  bytes: 1_024,
} as const;

/** The field integrators never send: the agent draws a fresh nonce for every message. */
export const NONCE_FIELD = 'nonce';

const TIMESTAMP_TYPE = '.google.protobuf.Timestamp';

/** Integer types by their JSON range; 64-bit ones are held to what a JSON number keeps exactly. */
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  int32: [-0x8000_0000, 0x7fff_ffff],
  sint32: [-0x8000_0000, 0x7fff_ffff],
  sfixed32: [-0x8000_0000, 0x7fff_ffff],
  uint32: [0, 0xffff_ffff],
  fixed32: [0, 0xffff_ffff],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  sint64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  sfixed64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  uint64: [0, Number.MAX_SAFE_INTEGER],
  fixed64: [0, Number.MAX_SAFE_INTEGER],
};

/** How one value (a field, or one item of a repeated field) is written in JSON. */
export type JsonValueForm =
  | { readonly kind: 'string'; readonly maxLength: number }
  | { readonly kind: 'integer'; readonly protoType: string; readonly minimum: number; readonly maximum: number }
  | { readonly kind: 'bool' }
  | { readonly kind: 'bytes'; readonly maxBytes: number }
  | { readonly kind: 'enum'; readonly names: EnumNames }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'message'; readonly message: JsonMessageForm };

/** One field of a message in JSON. */
export interface JsonFieldForm {
  /** The JSON name: protobufjs's lowerCamelCase name, e.g. `recordId`. */
  readonly name: string;
  readonly repeated: boolean;
  readonly value: JsonValueForm;
  /** The .proto comment, when the descriptor kept it. */
  readonly description: string | undefined;
}

/** A message type in JSON, derived from the protobuf descriptor. */
export interface JsonMessageForm {
  /** The simple type name, e.g. `PersonRecord`. */
  readonly typeName: string;
  /** Fields by JSON name, in declaration order. A Map: JSON keys such as `__proto__` find nothing. */
  readonly fields: ReadonlyMap<string, JsonFieldForm>;
  /** The .proto comment, when the descriptor kept it. */
  readonly description: string | undefined;
}

// Links field types to their messages and enums (resolvedType), once.
descriptorRoot.resolveAll();

const forms = new Map<string, JsonMessageForm>();

/**
 * The JSON form of message type `typeName` (e.g. `atc.v1.PersonRecord`), read from the
 * reflection descriptor so that it follows the .proto files without hand-kept lists.
 *
 * @throws Error for a construct the JSON form does not define yet (maps, oneofs,
 *   floating point, well-known types other than Timestamp, recursive messages), so that
 *   a .proto change that needs one fails the tests instead of being read wrongly.
 */
export function jsonMessageForm(typeName: string): JsonMessageForm {
  return messageForm(descriptorRoot.lookupType(typeName), []);
}

function messageForm(type: Type, outer: readonly string[]): JsonMessageForm {
  const cached = forms.get(type.fullName);
  if (cached !== undefined) return cached;
  if (outer.includes(type.fullName)) unsupported(type.fullName, 'is recursive');
  if (type.oneofsArray.length > 0) unsupported(type.fullName, 'has a oneof (or a proto3 optional field)');
  const inner = [...outer, type.fullName];
  const fields = new Map<string, JsonFieldForm>();
  for (const field of type.fieldsArray) {
    fields.set(field.name, {
      name: field.name,
      repeated: field.repeated,
      value: valueForm(field, inner),
      description: field.comment ?? undefined,
    });
  }
  const form: JsonMessageForm = { typeName: type.name, fields, description: type.comment ?? undefined };
  forms.set(type.fullName, form);
  return form;
}

function valueForm(field: Field, outer: readonly string[]): JsonValueForm {
  const where = `${field.parent?.fullName ?? ''}.${field.name}`;
  if (field.map) unsupported(where, 'is a map');
  const resolved = field.resolvedType;
  if (resolved !== null) {
    if (!('fieldsById' in resolved)) return { kind: 'enum', names: enumNames(resolved) };
    if (resolved.fullName === TIMESTAMP_TYPE) return { kind: 'timestamp' };
    if (resolved.fullName.startsWith('.google.protobuf.')) unsupported(where, `has the type ${resolved.fullName}`);
    return { kind: 'message', message: messageForm(resolved, outer) };
  }
  const range = INTEGER_RANGES[field.type];
  if (range !== undefined) return { kind: 'integer', protoType: field.type, minimum: range[0], maximum: range[1] };
  switch (field.type) {
    case 'string': {
      const isId = /(^|_)id$/.test(field.protoName);
      return { kind: 'string', maxLength: isId ? JsonLimits.id : JsonLimits.text };
    }
    case 'bool':
      return { kind: 'bool' };
    case 'bytes':
      return { kind: 'bytes', maxBytes: JsonLimits.bytes };
    default:
      return unsupported(where, `has the type ${field.type}`);
  }
}

function unsupported(where: string, what: string): never {
  throw new Error(`the JSON form of ${where} is not defined: it ${what}`);
}
