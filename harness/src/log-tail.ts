import { readFile } from 'node:fs/promises';

/**
 * The last `lines` lines of a process's log file, for an error that must carry them (the file
 * may be deleted with its test's directory); each cut at `maxLineLength` characters when given.
 */
export async function tailLog(logFile: string, lines: number, maxLineLength?: number): Promise<string> {
  let text: string;
  try {
    text = await readFile(logFile, 'utf8');
  } catch {
    return '(no log written)';
  }
  const last = text.trimEnd().split('\n').slice(-lines);
  return (
    maxLineLength === undefined
      ? last
      : last.map((l) => (l.length > maxLineLength ? `${l.slice(0, maxLineLength)}...` : l))
  ).join('\n');
}
