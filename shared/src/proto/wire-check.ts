import { isUtf8 } from 'node:buffer';
import type { Field, Type } from 'protobufjs';
import { RefusalCode, type RefusalCode as RefusalCodeT } from '../errors/refusal-codes.js';
import { RefusalError } from '../errors/atc-error.js';
import { descriptorRoot } from './protobuf.js';

/** Nesting deeper than this is refused; the protocol's messages nest four levels at most. */
const MAX_DEPTH = 16;

descriptorRoot.resolveAll();

/** Types by full name, looked up once (a lookup splits the name and walks the namespaces). */
const TYPES = new Map<string, Type>();

/** Field numbers below this are tracked in a bit mask; others (rare) in a Set. */
const MASK_FIELDS = 31;

/** Wire type each scalar protobuf type is encoded with. */
const WIRE_TYPE: Readonly<Record<string, number>> = {
  double: 1,
  float: 5,
  int32: 0,
  uint32: 0,
  sint32: 0,
  int64: 0,
  uint64: 0,
  sint64: 0,
  fixed32: 5,
  sfixed32: 5,
  fixed64: 1,
  sfixed64: 1,
  bool: 0,
  string: 2,
  bytes: 2,
};

/** Where the bytes come from: decides which code a structural error gets. */
export type WireContext = 'envelope' | 'header' | 'payload';

const MALFORMED: Readonly<Record<WireContext, RefusalCodeT>> = {
  envelope: RefusalCode.ENVELOPE_MALFORMED,
  header: RefusalCode.HEADER_MALFORMED,
  payload: RefusalCode.PAYLOAD_MALFORMED,
};

/**
 * Checks what the generated decoders let pass, before they run: every field of
 * `typeName` (and of the messages inside it) has the wire type its declaration says,
 * each non-repeated field appears at most once (protobuf's "last one wins" would let two
 * values of `sender` both be "signed"), strings are valid UTF-8, and nesting is bounded.
 * Unknown fields are skipped: they stay in the archived bytes but are never read.
 * With `allowUnknown` false, an unknown field makes the bytes malformed.
 *
 * @throws RefusalError with the code for `context`, FIELD_DUPLICATED or UTF8_INVALID.
 */
export function checkWire(typeName: string, bytes: Uint8Array, context: WireContext, allowUnknown = true): void {
  let type = TYPES.get(typeName);
  if (type === undefined) {
    type = descriptorRoot.lookupType(typeName);
    TYPES.set(typeName, type);
  }
  new WireWalker(bytes, context, allowUnknown).message(type, 0, bytes.length, 0, type.name);
}

/** The wire type a field is encoded with: 2 for messages, 0 for enums, else by scalar type. */
function expectedWireType(field: Field): number | undefined {
  const resolved = field.resolvedType;
  if (resolved !== null) return 'fieldsById' in resolved ? 2 : 0;
  return WIRE_TYPE[field.type];
}

class WireWalker {
  private pos = 0;

  constructor(
    private readonly buf: Uint8Array,
    private readonly context: WireContext,
    private readonly allowUnknown: boolean,
  ) {}

  // Field paths ("PersonRecord.names.family") name a field in refusals only: they are built
  // when one is thrown, from the enclosing message's path and the field, never per field read.
  message(type: Type, start: number, end: number, depth: number, path: string): void {
    if (depth > MAX_DEPTH) this.malformed(`${path} is nested deeper than ${MAX_DEPTH} levels`);
    this.pos = start;
    let seenMask = 0;
    let seenMore: Set<number> | undefined;
    while (this.pos < end) {
      const tag = this.varint(end, path);
      const id = Math.floor(tag / 8);
      const wireType = tag % 8;
      if (id === 0) this.malformed(`${path} has a field number 0`);
      const field: Field | undefined = type.fieldsById[id];
      if (field === undefined) {
        if (!this.allowUnknown) this.malformed(`${path} has an unknown field ${id}`);
        this.skip(wireType, end, path, undefined, depth);
        continue;
      }
      const expected = expectedWireType(field);
      const packed = wireType === 2 && expected !== 2 && field.repeated;
      if (expected === undefined) this.malformed(`${pathOf(path, field)} has an unsupported type ${field.type}`);
      if (wireType !== expected && !packed) {
        this.malformed(`${pathOf(path, field)} has wire type ${wireType}, expected ${expected}`);
      }
      if (!field.repeated) {
        if (id < MASK_FIELDS) {
          const bit = 1 << id;
          if ((seenMask & bit) !== 0) this.duplicated(pathOf(path, field));
          seenMask |= bit;
        } else {
          seenMore ??= new Set<number>();
          if (seenMore.has(id)) this.duplicated(pathOf(path, field));
          seenMore.add(id);
        }
      }
      this.field(field, wireType, end, depth, path);
    }
    if (this.pos !== end) this.malformed(`${path} ends inside a field`);
  }

  /** Reads the value of `field` of the message at `path`. */
  private field(field: Field, wireType: number, end: number, depth: number, path: string): void {
    if (wireType !== 2) {
      this.skip(wireType, end, path, field, depth);
      return;
    }
    const len = this.length(end, path, field);
    const start = this.pos;
    const resolved = field.resolvedType;
    if (resolved !== null && 'fieldsById' in resolved) {
      this.message(resolved, start, start + len, depth + 1, pathOf(path, field));
    } else if (field.type === 'string' && !validUtf8(this.buf, start, start + len)) {
      const at = pathOf(path, field);
      throw new RefusalError(RefusalCode.UTF8_INVALID, `${at} is not valid UTF-8`, { field: at });
    }
    // Bytes, and packed runs of repeated scalars, need no further look.
    this.pos = start + len;
  }

  /** Skips a value of `field` (or of an unknown field when undefined) of the message at `path`. */
  private skip(wireType: number, end: number, path: string, field: Field | undefined, depth: number): void {
    switch (wireType) {
      case 0:
        this.varint(end, path, field);
        return;
      case 1:
        this.advance(8, end, path, field);
        return;
      case 2:
        this.pos += this.length(end, path, field);
        return;
      case 5:
        this.advance(4, end, path, field);
        return;
      case 3: {
        // A group: skip fields up to the matching end-group tag.
        if (depth >= MAX_DEPTH) this.malformed(`${pathOf(path, field)} is nested deeper than ${MAX_DEPTH} levels`);
        for (;;) {
          const tag = this.varint(end, path, field);
          if (tag % 8 === 4) return;
          this.skip(tag % 8, end, path, field, depth + 1);
        }
      }
      default:
        this.malformed(`${pathOf(path, field)} has an invalid wire type ${wireType}`);
    }
  }

  private advance(n: number, end: number, path: string, field: Field | undefined): void {
    if (this.pos + n > end) this.malformed(`${pathOf(path, field)} is truncated`);
    this.pos += n;
  }

  private length(end: number, path: string, field: Field | undefined): number {
    const len = this.varint(end, path, field);
    if (this.pos + len > end) this.malformed(`${pathOf(path, field)} is truncated`);
    return len;
  }

  private varint(end: number, path: string, field?: Field): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= end) this.malformed(`${pathOf(path, field)} is truncated`);
      const b = this.buf[this.pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    return this.malformed(`${pathOf(path, field)} has a varint longer than 10 bytes`);
  }

  private duplicated(path: string): never {
    // In the envelope, whose bytes are not all signed, any repetition breaks canonical form.
    if (this.context === 'envelope') {
      throw new RefusalError(RefusalCode.ENVELOPE_NOT_CANONICAL, `${path} appears more than once`, { field: path });
    }
    throw new RefusalError(RefusalCode.FIELD_DUPLICATED, `${path} appears more than once`, { field: path });
  }

  private malformed(detail: string): never {
    throw new RefusalError(MALFORMED[this.context], detail);
  }
}

/** The path of `field` in the message at `path`, or that message's path. */
function pathOf(path: string, field: Field | undefined): string {
  return field === undefined ? path : `${path}.${field.name}`;
}

/**
 * Whether `buf[start, end)` is well-formed UTF-8 (as a fatal TextDecoder would decode it):
 * ASCII is checked here, anything else by `isUtf8`, and no string is made.
 */
function validUtf8(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (buf[i]! >= 0x80) return isUtf8(buf.subarray(i, end));
  }
  return true;
}
