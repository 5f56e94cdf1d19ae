import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { AgentApiError, type AgentClient, type SendMessageBody } from '@atc/client';
import { decodeUtf8, ErrorCode, isAtcError, refuseLoneSurrogates } from '@atc/shared';
import { unreachable } from './agent-answer.js';

/** The result of one import run. */
export interface ImportSummary {
  readonly total: number;
  readonly accepted: number;
  readonly refused: number;
  readonly skipped: number;
  /** Refused lines with the agent's reasons (line numbers start at 1). */
  readonly problems: readonly { readonly line: number; readonly code: string; readonly detail: string }[];
}

/**
 * Imports a JSON Lines file (one POST /v1/messages body per line) through the agent API.
 * Each line is sent with an Idempotency-Key derived from its content, so a line sent twice
 * creates one message. `<file>.progress` keeps how many leading lines were all accepted:
 * an interrupted import resumes there, and lines that were refused (and perhaps fixed
 * since) are always sent again. Once every line was accepted it is removed: nothing is left
 * to resume.
 */
export async function importFile(
  client: AgentClient,
  path: string,
  onProgress: (done: number, total: number) => void,
): Promise<ImportSummary> {
  const lines = splitLines(await readFile(path));
  while (lines.length > 0 && isBlank(lines.at(-1)!)) lines.pop();
  const progressPath = `${path}.progress`;
  const resumeFrom = await readFile(progressPath, 'utf8').then(
    (t) => Number.parseInt(t, 10) || 0,
    () => 0,
  );
  const problems: { line: number; code: string; detail: string }[] = [];
  let accepted = 0;
  // The accepted prefix: it only moves on while every line so far was accepted.
  let prefix = resumeFrom;
  for (let i = resumeFrom; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = readLine(lines[i]!);
    if ('problem' in line) problems.push({ line: lineNo, ...line.problem });
    else if (line.text !== '') {
      const key = `import-${createHash('sha256').update(line.text).digest('hex').slice(0, 48)}`;
      const refusal = await client.sendMessage(line.body as SendMessageBody, { idempotencyKey: key }).then(
        () => undefined,
        (e: unknown) => {
          if (e instanceof AgentApiError) return e;
          throw unreachable(e);
        },
      );
      if (refusal === undefined) accepted++;
      else if (refusal.status >= 500 || refusal.status === 401) {
        throw new Error(
          `line ${lineNo}: the agent answered ${refusal.status} (${refusal.detail}); fix it and run the import again to resume`,
        );
      } else problems.push({ line: lineNo, code: refusal.code, detail: refusal.detail });
    }
    if (prefix === i && problems.at(-1)?.line !== lineNo) {
      prefix = lineNo;
      await writeFile(progressPath, `${prefix}\n`);
    }
    onProgress(lineNo, lines.length);
  }
  if (prefix === lines.length) await rm(progressPath, { force: true });
  return { total: lines.length, accepted, refused: problems.length, skipped: resumeFrom, problems };
}

/** The file's lines as bytes, each decoded on its own so that a refusal names its line. */
function splitLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let end = bytes.indexOf(0x0a); end >= 0; end = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, end));
    start = end + 1;
  }
  lines.push(bytes.subarray(start));
  return lines;
}

/** Only spaces, tabs and carriage returns (the ASCII white space `trim` removes). */
function isBlank(line: Buffer): boolean {
  return line.every((b) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0b || b === 0x0c);
}

/**
 * One line: strict UTF-8 (never read with U+FFFD in place of bad bytes), JSON, and no
 * unpaired surrogate escape; an empty line has empty `text`.
 */
function readLine(
  bytes: Buffer,
): { readonly text: string; readonly body: unknown } | { readonly problem: { code: string; detail: string } } {
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
