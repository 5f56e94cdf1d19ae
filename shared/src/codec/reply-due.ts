import { Duration, toIso } from '../util/time.js';

/** The longest time an information request may give its recipient to answer: a year (and a day). */
export const REPLY_DUE_MAX_MS = 366 * Duration.day;

/**
 * What is wrong with an information request's `reply_due_at` (`dueMs`) for a request made at
 * `createdMs`, as a sentence to act on, or undefined when it may stand: it may not fall more
 * than {@link REPLY_DUE_MAX_MS} after the request (one centuries ahead would take the request
 * out of the deadlines altogether). A due time already past is allowed: the request is overdue
 * from the start, and each member is told so once.
 */
export function replyDueProblem(createdMs: number, dueMs: number): string | undefined {
  if (dueMs > createdMs + REPLY_DUE_MAX_MS) {
    return `reply_due_at ${toIso(dueMs)} is more than 366 days after the request's time ${toIso(createdMs)}: give an earlier time, or none for the default of the request's urgency`;
  }
  return undefined;
}
