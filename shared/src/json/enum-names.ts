import type { Enum } from 'protobufjs';
import { descriptorRoot } from '../proto/protobuf.js';

const UNSPECIFIED = 'UNSPECIFIED';

/**
 * The JSON names of one protobuf enum. Values are written by name, never by number, and
 * each may be given in full (`PERSON_CATEGORY_SUSPECT`) or without the enum's prefix
 * (`SUSPECT`), which is what integrators read in the documentation. `*_UNSPECIFIED` is
 * the absent value and is never accepted as input: omit the field instead. `V` is the
 * enum's TypeScript type, when the caller names it.
 */
export interface EnumNames<V extends number = number> {
  /** The enum's simple name, e.g. `PersonCategory`. */
  readonly enumName: string;
  /** The accepted names without prefix, in declaration order, e.g. `SUSPECT`. */
  readonly shortNames: readonly string[];
  /** The accepted full names, in declaration order, e.g. `PERSON_CATEGORY_SUSPECT`. */
  readonly fullNames: readonly string[];
  /** The full name of the `*_UNSPECIFIED` value, if the enum has one. */
  readonly unspecifiedName: string | undefined;
  /** The number of an accepted name (short or full), or undefined. Case-sensitive. */
  valueOf(name: string): V | undefined;
  /** True when `name` is the `*_UNSPECIFIED` value, short or full. */
  isUnspecified(name: string): boolean;
  /** The short name of `value`, or undefined when the enum does not define it. */
  shortNameOf(value: number): string | undefined;
}

/** `PersonCategory` -> `PERSON_CATEGORY`, `TLPLevel` -> `TLP_LEVEL`. */
function upperSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

/** The prefix the enum's value names share, from its `*_UNSPECIFIED` value or its own name. */
function valuePrefix(e: Enum): string {
  const unspecified = Object.keys(e.values).find((n) => n.endsWith(`_${UNSPECIFIED}`));
  return unspecified === undefined ? `${upperSnake(e.name)}_` : unspecified.slice(0, -UNSPECIFIED.length);
}

const built = new WeakMap<Enum, EnumNames>();

/**
 * The JSON names of enum `e`, built once per enum: the one mapping between the protocol's
 * enum numbers and their names.
 *
 * @throws Error when a short name would be ambiguous (it equals another value's name),
 *   which a change to the .proto files could introduce: the tests build every enum.
 */
export function enumNames(e: Enum): EnumNames {
  let names = built.get(e);
  if (names === undefined) {
    names = buildEnumNames(e);
    built.set(e, names);
  }
  return names;
}

/**
 * The JSON names of the protocol's enum `fullName`, e.g. `atc.v1.TlpLevel` (with `V` its
 * generated type, `atc.v1.TlpLevel`): wherever a service writes an enum value as a name or
 * reads one back, it asks these.
 *
 * @throws Error when the protocol has no such enum (a programming error).
 */
export function protocolEnumNames<V extends number = number>(fullName: string): EnumNames<V> {
  // The values are the generated enum's: both come from the same .proto file.
  return enumNames(descriptorRoot.lookupEnum(fullName)) as EnumNames<V>;
}

function buildEnumNames(e: Enum): EnumNames {
  const prefix = valuePrefix(e);
  const byName = new Map<string, number>();
  const shortById = new Map<number, string>();
  const shortNames: string[] = [];
  const fullNames: string[] = [];
  let unspecifiedName: string | undefined;
  const unspecified = new Set<string>();

  for (const [full, value] of Object.entries(e.values)) {
    const short = full.startsWith(prefix) && full.length > prefix.length ? full.slice(prefix.length) : full;
    if (!shortById.has(value)) shortById.set(value, short);
    if (full.endsWith(`_${UNSPECIFIED}`) || full === UNSPECIFIED) {
      unspecifiedName = full;
      unspecified.add(full).add(short);
      continue;
    }
    for (const name of new Set([full, short])) {
      const other = byName.get(name);
      if (other !== undefined && other !== value) {
        throw new Error(`enum ${e.fullName}: the JSON name ${name} would mean both ${other} and ${value}`);
      }
      byName.set(name, value);
    }
    if (!shortNames.includes(short)) shortNames.push(short);
    fullNames.push(full);
  }

  return {
    enumName: e.name,
    shortNames,
    fullNames,
    unspecifiedName,
    valueOf: (name) => byName.get(name),
    isUnspecified: (name) => unspecified.has(name),
    shortNameOf: (value) => shortById.get(value),
  };
}
