import { JsonFieldsError, type JsonFieldProblem } from './json-fields-error.js';

/**
 * Listing more than this helps nobody and lets a hostile body make the error itself huge;
 * the rest are only counted.
 */
export const MAX_LISTED_PROBLEMS = 100;

/** Collects the problems found while reading or writing one JSON record. */
export class FieldProblems {
  private readonly listed: JsonFieldProblem[] = [];
  private omitted = 0;

  /** Records that `field` (a path, see {@link fieldPath}) is wrong. */
  add(field: string, message: string): void {
    if (this.listed.length < MAX_LISTED_PROBLEMS) this.listed.push({ field, message });
    else this.omitted++;
  }

  /** @throws JsonFieldsError naming every problem, when there is at least one. */
  throwIfAny(subject: string): void {
    if (this.listed.length > 0) throw new JsonFieldsError(subject, this.listed, this.omitted);
  }
}

/** The path of member `name` of the value at `parent` (`parent.name`, or `name` at the root). */
export function fieldPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

/** The path of item `index` of the array at `parent`. */
export function itemPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}
