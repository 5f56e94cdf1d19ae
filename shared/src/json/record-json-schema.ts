import type { PayloadType } from '../proto/payload-types.js';
import { BASE64_PATTERN, base64Length } from './base64-bytes.js';
import {
  jsonMessageForm,
  JsonLimits,
  NONCE_FIELD,
  type JsonFieldForm,
  type JsonMessageForm,
  type JsonValueForm,
} from './json-message-form.js';
import { RFC3339_MAX_LENGTH, RFC3339_PATTERN } from './rfc3339-timestamp.js';

/**
 * The subset of JSON Schema these schemas use. Every keyword means the same in draft-07
 * (fastify's default Ajv class) and draft 2020-12, and no `$ref` is used, so the schemas
 * drop into fastify routes and OpenAPI documents as they are.
 */
export interface JsonSchema {
  readonly type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  readonly title?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: boolean;
  readonly items?: JsonSchema;
  readonly maxItems?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly contentEncoding?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly enum?: readonly string[];
}

/** Options of {@link payloadJsonSchema}. */
export interface PayloadJsonSchemaOptions {
  /**
   * True (default): the form integrators send, without `nonce` (the agent sets it) and
   * with enums by short or full name. False: the form the agent returns, with `nonce`
   * and with enums by short name only.
   */
  readonly input?: boolean;
}

/**
 * The JSON Schema of the JSON form of a payload of `type`: protobufjs's lowerCamelCase
 * field names, no other properties, enums by name, timestamps as RFC 3339 text, bytes as
 * base64, size limits on every string and array. Required fields are not marked (the
 * descriptor does not say which are); the payload rules check them after conversion.
 * Each call returns a new object, so callers may annotate it.
 */
export function payloadJsonSchema(type: PayloadType, options: PayloadJsonSchemaOptions = {}): JsonSchema {
  const input = options.input ?? true;
  return messageSchema(jsonMessageForm(type), input, input ? NONCE_FIELD : undefined);
}

function messageSchema(form: JsonMessageForm, input: boolean, omit?: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of form.fields.values()) {
    if (field.name !== omit) properties[field.name] = fieldSchema(field, input);
  }
  return {
    type: 'object',
    title: form.typeName,
    ...described(form.description),
    properties,
    additionalProperties: false,
  };
}

function fieldSchema(field: JsonFieldForm, input: boolean): JsonSchema {
  const value = valueSchema(field.value, input);
  if (!field.repeated) return { ...value, ...described(field.description) };
  return { type: 'array', ...described(field.description), items: value, maxItems: JsonLimits.items };
}

function valueSchema(form: JsonValueForm, input: boolean): JsonSchema {
  switch (form.kind) {
    case 'string':
      return { type: 'string', maxLength: form.maxLength };
    case 'integer':
      return { type: 'integer', minimum: form.minimum, maximum: form.maximum };
    case 'bool':
      return { type: 'boolean' };
    case 'bytes':
      return {
        type: 'string',
        contentEncoding: 'base64',
        pattern: BASE64_PATTERN,
        maxLength: base64Length(form.maxBytes),
      };
    case 'enum':
      return {
        type: 'string',
        enum: input ? [...form.names.shortNames, ...form.names.fullNames] : [...form.names.shortNames],
      };
    case 'timestamp':
      // A pattern, not `format: date-time`: Ajv without ajv-formats refuses unknown formats.
      return { type: 'string', pattern: RFC3339_PATTERN, maxLength: RFC3339_MAX_LENGTH };
    case 'message':
      return messageSchema(form.message, input);
  }
}

function described(description: string | undefined): { description?: string } {
  return description === undefined || description === '' ? {} : { description };
}
