import { RefusalError } from '../errors/atc-error.js';
import { RefusalCode } from '../errors/refusal-codes.js';

/** One problem with one field of a JSON record. */
export interface JsonFieldProblem {
  /** Path of the field, e.g. `record.names[0].parts[1].type`; empty for the whole value. */
  readonly field: string;
  /** What is wrong with it and what is allowed, e.g. `must be an integer from 0 to 4294967295, got -1`. */
  readonly message: string;
}

/**
 * A JSON record refused for its form, with every problem found (not only the first), so
 * that an integrator can fix them all in one round. Code `ERR_PAYLOAD_MALFORMED`.
 * `field` is set when there is exactly one problem.
 */
export class JsonFieldsError extends RefusalError {
  // `name` stays 'RefusalError': the base class declares it as that literal type, and
  // callers switch on `code` and `instanceof`, never on the name.

  /** Every problem found, in document order (at most the first 100). */
  readonly errors: readonly JsonFieldProblem[];

  /**
   * @param subject what was read, e.g. `PersonRecord`, used where a problem concerns the whole value
   * @param omitted problems found beyond those listed in `errors`
   */
  constructor(subject: string, errors: readonly JsonFieldProblem[], omitted = 0) {
    const listed = errors.map((e) => `${e.field === '' ? subject : e.field} ${e.message}`).join('; ');
    const more = omitted > 0 ? `; and ${omitted} more` : '';
    const count = errors.length + omitted;
    const first = errors[0];
    super(
      RefusalCode.PAYLOAD_MALFORMED,
      `the ${subject} JSON has ${count} invalid field${count === 1 ? '' : 's'}: ${listed}${more}`,
      count === 1 && first !== undefined ? { field: first.field } : {},
    );
    this.errors = Object.freeze(errors.map((e) => Object.freeze({ field: e.field, message: e.message })));
  }
}
