/** An RFC 9457 problem document. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly instance?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

/** Builds a problem document whose `type` names the stable code. */
export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: `urn:atc:problem:${code}`, title, status, detail, code, ...extra };
}
