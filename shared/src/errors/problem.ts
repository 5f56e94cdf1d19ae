/** One invalid field of a request. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An RFC 9457 problem document (application/problem+json) with the project's stable `code`. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldError[];
}

/** Builds a problem document whose `type` names the stable code. */
export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  errors?: readonly FieldError[],
): Problem {
  return { type: `urn:atc:problem:${code}`, title, status, detail, code, ...(errors === undefined ? {} : { errors }) };
}
