import { decodeUtf8, ErrorCode, isAtcError, refuseLoneSurrogates } from '@atc/shared';

/**
 * JSON Lines of records, one POST /v1/messages body per line: what `atc-agent import` and
 * the watched drop folder read. Lines are split on LF as bytes and each is decoded on its
 * own, so that a refusal names its line and one bad line does not spoil the others.
 */

/** The answer of the agent API to one record: status and parsed JSON body. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A line's problem: a stable code and a sentence a person can act on. */
export interface LineProblem {
  readonly code: string;
  readonly detail: string;
}

/** One line read: its text and parsed body (`text` is empty for a blank line), or why not. */
export type ReadLine = { readonly text: string; readonly body: unknown } | { readonly problem: LineProblem };

/**
 * The file's lines as bytes. A final line without LF is a line like the others (files are
 * taken whole); blank lines at the end are dropped, so a trailing newline adds no line.
 */
export function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, end));
    start = end + 1;
  }
  lines.push(bytes.subarray(start));
  while (lines.length > 0 && isBlank(lines.at(-1)!)) lines.pop();
  return lines;
}

/** Only spaces, tabs and carriage returns (the ASCII white space `trim` removes). */
function isBlank(line: Buffer): boolean {
  return line.every((b) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0b || b === 0x0c);
}

/**
 * One line: at most `maxBytes` (else ERR_BODY_TOO_LARGE), strict UTF-8 (never read with
 * U+FFFD in place of bad bytes), JSON, and no unpaired surrogate escape; a blank line has
 * empty `text`.
 */
export function readLine(bytes: Buffer, maxBytes = Infinity): ReadLine {
  if (bytes.length > maxBytes) {
    return {
      problem: {
        code: ErrorCode.BODY_TOO_LARGE,
        detail: `the line is ${bytes.length} bytes, over the ${maxBytes} the agent takes; split the record or shorten it`,
      },
    };
  }
  let text: string;
  let body: unknown;
  try {
    text = decodeUtf8(bytes, 'the line').trim();
    if (text === '') return { text, body: undefined };
    try {
      body = JSON.parse(text);
    } catch (e) {
      return { problem: { code: ErrorCode.MALFORMED_JSON, detail: (e as Error).message } };
    }
    refuseLoneSurrogates(body, 'the line');
  } catch (e) {
    if (isAtcError(e)) return { problem: { code: e.code, detail: e.message } };
    throw e;
  }
  return { text, body };
}

/** What the agent API's answer to one record means for the line that carried it. */
export type RecordOutcome =
  | { readonly kind: 'accepted'; readonly messageId: string; readonly created: boolean }
  | ({ readonly kind: 'refused' } & LineProblem)
  /** The agent could not take it now (storage, 5xx, 401): send the same line again later. */
  | { readonly kind: 'retry'; readonly status: number; readonly code: string; readonly detail: string };

/** A text field of the agent's answer, or `fallback`. */
function answerText(answer: ApiAnswer, key: string, fallback: string): string {
  const value = answer.body[key];
  return typeof value === 'string' ? value : fallback;
}

/** Sorts the answer to one POST /v1/messages into accepted, refused (for good) or to retry. */
export function recordOutcome(answer: ApiAnswer): RecordOutcome {
  if (answer.status === 202) {
    return {
      kind: 'accepted',
      messageId: answerText(answer, 'messageId', ''),
      created: answer.body['created'] !== false,
    };
  }
  const code = answerText(answer, 'code', String(answer.status));
  const detail = answerText(answer, 'detail', '');
  if (answer.status >= 500 || answer.status === 401 || answer.status === 429) {
    return { kind: 'retry', status: answer.status, code, detail };
  }
  return { kind: 'refused', code, detail };
}
