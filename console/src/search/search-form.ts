import type { PersonSearchBody, SearchNamePart } from '../api/databank-search';

/** The gateway's rule for a stated purpose (characters after trimming). */
export const SEARCH_PURPOSE = { min: 3, max: 500 } as const;
/** The most hits the gateway answers for one search. */
export const SEARCH_LIMIT = { min: 1, max: 50 } as const;

/** The search form's fields as typed. */
export interface SearchFields {
  readonly family: string;
  readonly given: string;
  readonly patronymic: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  readonly birth: string;
  readonly sex: '' | 'MALE' | 'FEMALE';
  readonly nationality: string;
  readonly document: string;
  readonly limit: string;
  readonly purpose: string;
  readonly exercise: boolean;
}

/** An empty form. */
export const EMPTY_SEARCH: SearchFields = {
  family: '',
  given: '',
  patronymic: '',
  birth: '',
  sex: '',
  nationality: '',
  document: '',
  limit: '10',
  purpose: '',
  exercise: false,
};

/** Why the form was not sent: the field at fault and the values its sentence names. */
export type FormProblem =
  { readonly field: 'purpose'; readonly length: number } | { readonly field: 'birth' | 'nationality' | 'limit' };

/** The form's fields as a request body, or the first field the console refuses before sending. */
export function searchBody(fields: SearchFields): PersonSearchBody | FormProblem {
  const purpose = fields.purpose.trim();
  const length = Array.from(purpose).length;
  if (length < SEARCH_PURPOSE.min || length > SEARCH_PURPOSE.max) return { field: 'purpose', length };

  const parts: SearchNamePart[] = [];
  for (const [type, value] of [
    ['FAMILY', fields.family],
    ['GIVEN', fields.given],
    ['PATRONYMIC', fields.patronymic],
  ] as const) {
    if (value.trim() !== '') parts.push({ type, value: value.trim() });
  }

  let dateOfBirth: PersonSearchBody['dateOfBirth'];
  const birth = fields.birth.trim();
  if (birth !== '') {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(birth);
    if (m === null) return { field: 'birth' };
    const [year, month, day] = [
      Number(m[1]),
      m[2] === undefined ? 0 : Number(m[2]),
      m[3] === undefined ? 0 : Number(m[3]),
    ];
    if ((m[2] !== undefined && (month < 1 || month > 12)) || (m[3] !== undefined && (day < 1 || day > 31))) {
      return { field: 'birth' };
    }
    dateOfBirth = { year, ...(month === 0 ? {} : { month }), ...(day === 0 ? {} : { day }) };
  }

  const nationality = fields.nationality.trim().toUpperCase();
  if (nationality !== '' && !/^[A-Z]{2}$/.test(nationality)) return { field: 'nationality' };

  const limit = Number(fields.limit.trim() === '' ? '10' : fields.limit.trim());
  if (!Number.isInteger(limit) || limit < SEARCH_LIMIT.min || limit > SEARCH_LIMIT.max) return { field: 'limit' };

  const document = fields.document.trim();
  return {
    ...(parts.length === 0 ? {} : { names: [{ parts }] }),
    ...(dateOfBirth === undefined ? {} : { dateOfBirth }),
    ...(fields.sex === '' ? {} : { sex: fields.sex }),
    ...(nationality === '' ? {} : { nationalities: [nationality] }),
    ...(document === '' ? {} : { documents: [{ number: document }] }),
    limit,
    purpose,
    exercise: fields.exercise,
  };
}

/** Whether {@link searchBody} refused the form. */
export function isFormProblem(value: PersonSearchBody | FormProblem): value is FormProblem {
  return 'field' in value;
}
