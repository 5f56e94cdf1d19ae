import { protocolEnumNames } from '../json/enum-names.js';
import type { atc } from '../proto/protobuf.js';

const NAME_PART_TYPES = protocolEnumNames<atc.v1.NamePartType>('atc.v1.NamePartType');
const SEX = protocolEnumNames<atc.v1.Sex>('atc.v1.Sex');
const DOCUMENT_TYPES = protocolEnumNames<atc.v1.DocumentType>('atc.v1.DocumentType');
const COUNTRY = { type: 'string', pattern: '^[A-Z]{2}$' } as const;

/** The person-search part of a JSON search body (the agent's and the gateway's `POST /v1/databank/search`). */
export interface PersonSearchJson {
  readonly names?: readonly {
    readonly script?: string;
    readonly parts: readonly { readonly type?: string; readonly value: string }[];
  }[];
  readonly dateOfBirth?: { readonly year?: number; readonly month?: number; readonly day?: number };
  readonly sex?: string;
  readonly nationalities?: readonly string[];
  readonly documents?: readonly { readonly number: string; readonly type?: string; readonly issuingCountry?: string }[];
  readonly limit?: number;
}

/** JSON Schema properties of {@link PersonSearchJson}, for route schemas. */
export const personSearchJsonProperties = {
  names: {
    type: 'array',
    maxItems: 10,
    description:
      "The person's name, once per spelling known, in any script the search reads (Cyrillic, Armenian, Latin).",
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['parts'],
      properties: {
        script: {
          type: 'string',
          description: 'ISO 15924 code (Cyrl, Armn, Latn); found from the letters when left out.',
        },
        parts: {
          type: 'array',
          minItems: 1,
          maxItems: 8,
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['value'],
            properties: { type: { type: 'string', enum: NAME_PART_TYPES.shortNames }, value: { type: 'string' } },
          },
        },
      },
    },
  },
  dateOfBirth: {
    type: 'object',
    additionalProperties: false,
    properties: {
      year: { type: 'integer', minimum: 0 },
      month: { type: 'integer', minimum: 0 },
      day: { type: 'integer', minimum: 0 },
    },
  },
  sex: { type: 'string', enum: SEX.shortNames },
  nationalities: { type: 'array', maxItems: 10, items: COUNTRY },
  documents: {
    type: 'array',
    maxItems: 10,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['number'],
      properties: {
        number: { type: 'string' },
        type: { type: 'string', enum: DOCUMENT_TYPES.shortNames },
        issuingCountry: COUNTRY,
      },
    },
  },
  limit: { type: 'integer', minimum: 0, maximum: 4_294_967_295, description: 'Most hits, 1 to 50 (default 10).' },
} as const;

const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Armn', /\p{Script=Armenian}/u],
  ['Latn', /\p{Script=Latin}/u],
];

/** The ISO 15924 code of the first letter of `parts` the search reads ('Zyyy' when none: the rules then say why). */
function scriptOf(parts: readonly { readonly value: string }[]): string {
  const text = parts.map((p) => p.value).join('');
  return SCRIPTS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'Zyyy';
}

/** A search body as a DataBankQuery in the record JSON form `payloadFromJson` reads. */
export function dataBankQueryJson(body: PersonSearchJson): Record<string, unknown> {
  return {
    names: (body.names ?? []).map((n) => ({ script: n.script ?? scriptOf(n.parts), parts: n.parts })),
    ...(body.dateOfBirth === undefined ? {} : { dateOfBirth: body.dateOfBirth }),
    ...(body.sex === undefined ? {} : { sex: body.sex }),
    nationalities: body.nationalities ?? [],
    documents: body.documents ?? [],
    limit: body.limit ?? 0,
  };
}
