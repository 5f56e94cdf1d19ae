import type { Bytes } from './bytes';

/** The fields of one protobuf message: for each field number, its values in order (varints as numbers, the rest as bytes). */
export type ProtobufFields = ReadonlyMap<number, readonly (number | Bytes)[]>;

const MAX_SAFE_VARINT_BYTES = 8;

/**
 * Reads the top-level fields of a protobuf message (proto3 wire format), strictly: a
 * truncated field, a varint longer than a safe integer, or a deprecated group ends it with
 * an error. Unknown fields are returned like the others; the caller reads the ones it knows.
 *
 * @throws Error naming what is malformed.
 */
export function protobufFields(bytes: Uint8Array): ProtobufFields {
  const fields = new Map<number, (number | Bytes)[]>();
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (at >= bytes.length) throw new Error('a varint is cut short');
      if (i >= MAX_SAFE_VARINT_BYTES) throw new Error('a varint is larger than the console reads');
      const b = bytes[at++]!;
      value += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return value;
    }
  };
  const take = (n: number): Bytes => {
    if (at + n > bytes.length) throw new Error('a field is cut short');
    const out = bytes.slice(at, at + n);
    at += n;
    return out;
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new Error('a field has number 0');
    let value: number | Bytes;
    if (wire === 0) value = varint();
    else if (wire === 1) value = take(8);
    else if (wire === 2) value = take(varint());
    else if (wire === 5) value = take(4);
    else throw new Error(`wire type ${wire} is not read here`);
    const list = fields.get(field) ?? [];
    list.push(value);
    fields.set(field, list);
  }
  return fields;
}

/** The last value of a length-delimited field (proto3: the last one wins), empty when absent. */
export function bytesField(fields: ProtobufFields, n: number): Bytes {
  const v = fields.get(n)?.at(-1);
  if (v === undefined) return new Uint8Array(0);
  if (typeof v === 'number') throw new Error(`field ${n} is not length-delimited`);
  return v;
}

/** A string field, strictly UTF-8. */
export function stringField(fields: ProtobufFields, n: number): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytesField(fields, n));
}

/** A varint field (enum, integer), 0 when absent. */
export function varintField(fields: ProtobufFields, n: number): number {
  const v = fields.get(n)?.at(-1);
  if (v === undefined) return 0;
  if (typeof v !== 'number') throw new Error(`field ${n} is not a varint`);
  return v;
}

/** A google.protobuf.Timestamp field as Unix milliseconds, `undefined` when absent. */
export function timestampField(fields: ProtobufFields, n: number): number | undefined {
  if (!fields.has(n)) return undefined;
  const ts = protobufFields(bytesField(fields, n));
  return varintField(ts, 1) * 1000 + Math.floor(varintField(ts, 2) / 1_000_000);
}
