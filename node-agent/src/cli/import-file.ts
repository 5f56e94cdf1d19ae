import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { AgentApiError, type AgentClient, type SendMessageBody } from '@atc/client';
import { readLine, recordOutcome, splitLines } from '../records/jsonl-records.js';
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
      const answer = await client.sendMessage(line.body as SendMessageBody, { idempotencyKey: key }).then(
        (accepted) => ({ status: 202, body: accepted as unknown as Record<string, unknown> }),
        (e: unknown) => {
          if (e instanceof AgentApiError) return { status: e.status, body: { code: e.code, detail: e.detail } };
          throw unreachable(e);
        },
      );
      const outcome = recordOutcome(answer);
      if (outcome.kind === 'accepted') accepted++;
      else if (outcome.kind === 'retry') {
        throw new Error(
          `line ${lineNo}: the agent answered ${outcome.status} (${outcome.detail}); fix it and run the import again to resume`,
        );
      } else problems.push({ line: lineNo, code: outcome.code, detail: outcome.detail });
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
