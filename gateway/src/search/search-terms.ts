import { atc, protocolEnumNames } from '@atc/shared';

const DOCUMENT_TYPES = protocolEnumNames('atc.v1.DocumentType');

const partType = (t: number | null | undefined): string =>
  (atc.v1.NamePartType[t ?? 0] ?? 'NAME_PART_TYPE_UNSPECIFIED').replace(/^NAME_PART_TYPE_/, '');

const date = (d: atc.v1.PartialDate.$Properties | null | undefined): string | undefined => {
  if (d === null || d === undefined || (d.year ?? 0) === 0) return undefined;
  const pad = (n: number | null | undefined, w: number): string => String(n ?? 0).padStart(w, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
};

/**
 * A query's terms as the audit log records them: who was searched for (names with their part
 * types, date of birth, sex, nationalities, documents) and the limit, in plain JSON.
 */
export function searchTerms(query: atc.v1.DataBankQuery.$Properties): Record<string, unknown> {
  const dob = date(query.dateOfBirth);
  const sex = query.sex ?? 0;
  return {
    names: (query.names ?? []).map((n) => (n.parts ?? []).map((p) => `${partType(p.type)}:${p.value ?? ''}`).join(' ')),
    ...(dob === undefined ? {} : { dateOfBirth: dob }),
    ...(sex === 0 ? {} : { sex: (atc.v1.Sex[sex] ?? '').replace(/^SEX_/, '') }),
    ...((query.nationalities ?? []).length === 0 ? {} : { nationalities: [...(query.nationalities ?? [])] }),
    ...((query.documents ?? []).length === 0
      ? {}
      : {
          // TYPE:NUMBER:COUNTRY, each part present when the query gave it.
          documents: (query.documents ?? []).map((d) =>
            [
              (d.type ?? 0) === 0 ? undefined : DOCUMENT_TYPES.shortNameOf(d.type!),
              d.number ?? '',
              d.issuingCountry || undefined,
            ]
              .filter((part) => part !== undefined)
              .join(':'),
          ),
        }),
    limit: query.limit ?? 0,
  };
}
