import { BUNDLE_FORMAT } from './archive-bundle.js';

type Check = (v: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isCount: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isTime: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const orNull =
  (check: Check): Check =>
  (v) =>
    v === null || check(v);
const isStrings: Check = (v) => Array.isArray(v) && v.every(isString);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const keyFields: Readonly<Record<string, Check>> = {
  kid: isString,
  memberId: isString,
  publicJwk: isObject,
  validFrom: isTime,
  validUntil: orNull(isTime),
  revokedAt: orNull(isTime),
  revocationReason: orNull(isString),
};
const entryFields: Readonly<Record<string, Check>> = {
  index: isCount,
  leafHash: isString,
  envelope: isString,
  payloadErased: (v) => typeof v === 'boolean',
  messageId: isString,
  archivedAt: isTime,
  inclusionProof: isStrings,
};
const checkpointFields: Readonly<Record<string, Check>> = { note: isString, consistencyProof: isStrings };
const rotationFields: Readonly<Record<string, Check>> = {
  index: isCount,
  envelope: isString,
  inclusionProof: isStrings,
};
const bundleFields: Readonly<Record<string, Check>> = {
  gatewayId: isString,
  origin: isString,
  gatewayKey: (v) => isObject(v) && isString(v['kid']),
  checkpoint: isString,
  from: isCount,
  to: isCount,
};

function fieldProblem(value: Record<string, unknown>, fields: Readonly<Record<string, Check>>, where: string) {
  const bad = Object.entries(fields).find(([name, check]) => !check(value[name]));
  return bad === undefined ? undefined : `${where}${bad[0]} is missing or of the wrong type`;
}

function listProblem(value: unknown, fields: Readonly<Record<string, Check>>, name: string): string | undefined {
  if (!Array.isArray(value)) return `${name} is not a list`;
  for (const [i, item] of value.entries()) {
    if (!isObject(item)) return `${name}[${i}] is not an object`;
    const problem = fieldProblem(item, fields, `${name}[${i}].`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/**
 * What is wrong with the form of an archive bundle read from a file (field types only; what
 * they say is checked by verifyBundle), or `undefined` when it has the form of an
 * ArchiveBundle.
 */
export function bundleShapeProblem(value: unknown): string | undefined {
  if (!isObject(value) || value['format'] !== BUNDLE_FORMAT) return `not an ${BUNDLE_FORMAT} file`;
  return (
    fieldProblem(value, bundleFields, '') ??
    listProblem(value['keys'], keyFields, 'keys') ??
    listProblem(value['entries'], entryFields, 'entries') ??
    listProblem(value['earlierCheckpoints'], checkpointFields, 'earlierCheckpoints') ??
    // Optional: bundles written before rotations were carried have none.
    (value['gatewayRotations'] === undefined
      ? undefined
      : listProblem(value['gatewayRotations'], rotationFields, 'gatewayRotations'))
  );
}
